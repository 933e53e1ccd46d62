import Chip from '@material-ui/core/Chip';
import { makeStyles } from '@material-ui/core/styles';
import { blue, green, grey, orange, red } from '@material-ui/core/colors';
import type { CheckStatus } from '@runway/plugin-compliance-common';

const labels: Record<CheckStatus, string> = {
  pass: 'Pass',
  fail: 'Fail',
  exempt: 'Exempt',
  'not-applicable': 'Not applicable',
  error: 'Error',
};

// One colour per status so a table can be scanned at a glance; the label carries the
// meaning too, for people who cannot tell the colours apart.
const useStyles = makeStyles({
  pass: { backgroundColor: green[700], color: '#fff' },
  fail: { backgroundColor: red[700], color: '#fff' },
  exempt: { backgroundColor: blue[600], color: '#fff' },
  'not-applicable': { backgroundColor: grey[300], color: grey[900] },
  error: { backgroundColor: orange[800], color: '#fff' },
});

/**
 * The status of one check as a coloured chip.
 *
 * @internal
 */
export function CheckStatusChip(props: { status: CheckStatus }) {
  const classes = useStyles();
  return (
    <Chip
      size="small"
      label={labels[props.status] ?? props.status}
      className={classes[props.status]}
    />
  );
}
