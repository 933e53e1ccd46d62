import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import useAsyncFn from 'react-use/esm/useAsyncFn';
import { useApi } from '@backstage/frontend-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import type { Exemption } from '@runway/plugin-compliance-common';
import { complianceApiRef } from '../../api';
import { serverMessage } from '../../lib/errors';
import { formatDate } from '../../lib/format';
import { ExemptionStatusChip } from '../ExemptionStatusChip';

type Decision = 'approve' | 'reject';

/**
 * The exemption requests of one entity, with Approve and Reject for pending ones. Who may
 * decide (four-eyes: not the requester) is the backend's call; its refusal is shown as is.
 *
 * @internal
 */
export function ExemptionsTable(props: {
  exemptions: Exemption[];
  checkTitle: (checkId: string) => string;
  onDecided: (exemption: Exemption) => void;
}) {
  const { exemptions, checkTitle, onDecided } = props;
  const complianceApi = useApi(complianceApiRef);
  const [{ loading, error }, decide] = useAsyncFn(
    async (id: string, decision: Decision) => {
      onDecided(await complianceApi.decideExemption(id, { decision }));
    },
    [complianceApi, onDecided],
  );

  if (exemptions.length === 0) {
    return (
      <Typography variant="body2" color="textSecondary">
        No exemptions have been requested for this entity.
      </Typography>
    );
  }

  return (
    <>
      {error && (
        <Box mb={2}>
          <Alert severity="error">
            Could not decide on the exemption: {serverMessage(error)}
          </Alert>
        </Box>
      )}
      <Table size="small" aria-label="exemptions">
        <TableHead>
          <TableRow>
            <TableCell>Check</TableCell>
            <TableCell>Status</TableCell>
            <TableCell>Reason</TableCell>
            <TableCell>Requested by</TableCell>
            <TableCell>Expires</TableCell>
            <TableCell />
          </TableRow>
        </TableHead>
        <TableBody>
          {exemptions.map(exemption => (
            <TableRow key={exemption.id}>
              <TableCell>{checkTitle(exemption.checkId)}</TableCell>
              <TableCell>
                <ExemptionStatusChip status={exemption.status} />
              </TableCell>
              <TableCell>{exemption.reason}</TableCell>
              <TableCell>
                <EntityRefLink
                  entityRef={exemption.requestedBy}
                  defaultKind="user"
                />
              </TableCell>
              <TableCell>{formatDate(exemption.expiresAt)}</TableCell>
              <TableCell>
                {exemption.status === 'pending' && (
                  <Box display="flex">
                    <Button
                      size="small"
                      color="primary"
                      disabled={loading}
                      onClick={() => decide(exemption.id, 'approve')}
                    >
                      Approve
                    </Button>
                    <Button
                      size="small"
                      disabled={loading}
                      onClick={() => decide(exemption.id, 'reject')}
                    >
                      Reject
                    </Button>
                  </Box>
                )}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </>
  );
}
