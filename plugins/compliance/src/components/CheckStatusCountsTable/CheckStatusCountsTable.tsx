import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import {
  CHECK_STATUSES,
  ComplianceRollup,
} from '@runway/plugin-compliance-common';
import { CheckStatusChip } from '../CheckStatusChip';

/**
 * For each check, how many entities pass it, fail it, are exempt, and so on.
 *
 * @internal
 */
export function CheckStatusCountsTable(props: {
  checks: ComplianceRollup['checks'];
  checkTitle: (checkId: string) => string;
}) {
  const { checks, checkTitle } = props;
  // Most failures first: that is where a team should start.
  const rows = Object.entries(checks).sort(
    ([a, countsA], [b, countsB]) =>
      (countsB.fail ?? 0) - (countsA.fail ?? 0) || a.localeCompare(b),
  );
  if (rows.length === 0) {
    return (
      <Typography variant="body2" color="textSecondary">
        No check results yet.
      </Typography>
    );
  }
  return (
    <Table size="small" aria-label="status counts per check">
      <TableHead>
        <TableRow>
          <TableCell>Check</TableCell>
          {CHECK_STATUSES.map(status => (
            <TableCell key={status} align="right">
              <CheckStatusChip status={status} />
            </TableCell>
          ))}
        </TableRow>
      </TableHead>
      <TableBody>
        {rows.map(([checkId, counts]) => (
          <TableRow key={checkId}>
            <TableCell>{checkTitle(checkId)}</TableCell>
            {CHECK_STATUSES.map(status => (
              <TableCell key={status} align="right">
                {counts[status] ?? 0}
              </TableCell>
            ))}
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
