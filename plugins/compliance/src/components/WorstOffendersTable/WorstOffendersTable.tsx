import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import type { ComplianceRollup } from '@runway/plugin-compliance-common';

/**
 * The entities with the most failing checks, worst first, linked to their pages.
 *
 * @internal
 */
export function WorstOffendersTable(props: {
  offenders: ComplianceRollup['worstOffenders'];
  checkTitle: (checkId: string) => string;
}) {
  const { offenders, checkTitle } = props;
  if (offenders.length === 0) {
    return (
      <Typography variant="body2" color="textSecondary">
        No entity fails a check.
      </Typography>
    );
  }
  return (
    <Table size="small" aria-label="worst offenders">
      <TableHead>
        <TableRow>
          <TableCell>Entity</TableCell>
          <TableCell>Owner</TableCell>
          <TableCell>Failing checks</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {offenders.map(offender => (
          <TableRow key={offender.entityRef}>
            <TableCell>
              <EntityRefLink entityRef={offender.entityRef} />
            </TableCell>
            <TableCell>
              {offender.ownerRef ? (
                <EntityRefLink
                  entityRef={offender.ownerRef}
                  defaultKind="group"
                />
              ) : (
                '—'
              )}
            </TableCell>
            <TableCell>{offender.failing.map(checkTitle).join(', ')}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
