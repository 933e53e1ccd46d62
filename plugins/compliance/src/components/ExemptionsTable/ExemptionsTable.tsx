import Box from '@material-ui/core/Box';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import useAsync from 'react-use/esm/useAsync';
import useAsyncFn from 'react-use/esm/useAsyncFn';
import { identityApiRef, useApi } from '@backstage/frontend-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import {
  complianceExemptionApprovePermission,
  type Exemption,
} from '@runway/plugin-compliance-common';
import { complianceApiRef } from '../../api';
import { serverMessage } from '../../lib/errors';
import { formatDate } from '../../lib/format';
import { ExemptionStatusChip } from '../ExemptionStatusChip';
import { PermissionButton } from '../PermissionButton';

type Decision = 'approve' | 'reject';

/** Entity refs name the same entity regardless of case. */
function sameRef(a: string, b: string) {
  return a.toLocaleLowerCase('en-US') === b.toLocaleLowerCase('en-US');
}

/**
 * The exemption requests of one entity, with Approve and Reject for pending ones. Four-eyes:
 * the requester is not offered a decision, only told that the request awaits someone else;
 * people without `compliance.exemption.approve` see the buttons disabled. The backend
 * enforces both; a refusal it still gives is shown as it words it.
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
  const identityApi = useApi(identityApiRef);
  const identity = useAsync(
    () => identityApi.getBackstageIdentity(),
    [identityApi],
  );
  // Unknown (the identity could not be read): offer the decision, the backend has the say.
  const me = identity.value?.userEntityRef;
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
                {exemption.status === 'pending' &&
                  !identity.loading &&
                  (me && sameRef(me, exemption.requestedBy) ? (
                    <Typography variant="body2" color="textSecondary">
                      Awaiting approval by someone else
                    </Typography>
                  ) : (
                    <Box display="flex">
                      <PermissionButton
                        permission={complianceExemptionApprovePermission}
                        resourceRef={exemption.entityRef}
                        actionDescription="approve exemptions"
                        size="small"
                        color="primary"
                        disabled={loading}
                        onClick={() => decide(exemption.id, 'approve')}
                      >
                        Approve
                      </PermissionButton>
                      <PermissionButton
                        permission={complianceExemptionApprovePermission}
                        resourceRef={exemption.entityRef}
                        actionDescription="reject exemptions"
                        size="small"
                        disabled={loading}
                        onClick={() => decide(exemption.id, 'reject')}
                      >
                        Reject
                      </PermissionButton>
                    </Box>
                  ))}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </>
  );
}
