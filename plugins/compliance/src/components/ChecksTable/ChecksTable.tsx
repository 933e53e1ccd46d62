import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import {
  complianceExemptionCreatePermission,
  type CheckResult,
  type CheckStatus,
  type Exemption,
} from '@runway/plugin-compliance-common';
import { CheckStatusChip } from '../CheckStatusChip';
import { PermissionButton } from '../PermissionButton';

// What needs attention first: failures, then checks that could not run.
const statusOrder: Record<CheckStatus, number> = {
  fail: 0,
  error: 1,
  exempt: 2,
  pass: 3,
  'not-applicable': 4,
};

const useStyles = makeStyles({
  // Messages and remediation may span lines; keep the author's line breaks.
  text: { whiteSpace: 'pre-wrap' },
});

/**
 * Every check of one entity: its status, what exactly is wrong (or right), how to fix
 * it, and for failing checks a way to ask for an exemption (for those allowed to).
 *
 * @internal
 */
export function ChecksTable(props: {
  /** The entity the results are of: the policy decides per entity who may request. */
  entityRef: string;
  results: CheckResult[];
  exemptions: Exemption[];
  onRequestExemption: (check: CheckResult) => void;
}) {
  const { entityRef, results, exemptions, onRequestExemption } = props;
  const classes = useStyles();
  const pendingChecks = new Set(
    exemptions.filter(e => e.status === 'pending').map(e => e.checkId),
  );
  const sorted = [...results].sort(
    (a, b) => (statusOrder[a.status] ?? 5) - (statusOrder[b.status] ?? 5),
  );

  return (
    <Table size="small" aria-label="compliance checks">
      <TableHead>
        <TableRow>
          <TableCell>Status</TableCell>
          <TableCell>Check</TableCell>
          <TableCell>Why</TableCell>
          <TableCell>How to fix</TableCell>
          <TableCell />
        </TableRow>
      </TableHead>
      <TableBody>
        {sorted.map(result => (
          <TableRow key={result.checkId}>
            <TableCell>
              <CheckStatusChip status={result.status} />
            </TableCell>
            <TableCell>{result.title}</TableCell>
            <TableCell className={classes.text}>{result.message}</TableCell>
            <TableCell className={classes.text}>
              {result.remediation ?? ''}
            </TableCell>
            <TableCell>
              {result.status === 'fail' &&
                (pendingChecks.has(result.checkId) ? (
                  <Typography variant="body2" color="textSecondary">
                    Exemption requested
                  </Typography>
                ) : (
                  <PermissionButton
                    permission={complianceExemptionCreatePermission}
                    resourceRef={entityRef}
                    actionDescription="request exemptions"
                    size="small"
                    color="primary"
                    onClick={() => onRequestExemption(result)}
                    aria-label={`Request exemption from ${result.title}`}
                  >
                    Request exemption
                  </PermissionButton>
                ))}
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
