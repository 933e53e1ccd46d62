import Chip from '@material-ui/core/Chip';
import { makeStyles } from '@material-ui/core/styles';
import { amber, green, grey, red } from '@material-ui/core/colors';
import type { ExemptionStatus } from '@runway/plugin-compliance-common';

const labels: Record<ExemptionStatus, string> = {
  pending: 'Pending',
  approved: 'Approved',
  rejected: 'Rejected',
  expired: 'Expired',
};

const useStyles = makeStyles({
  pending: { backgroundColor: amber[200], color: grey[900] },
  approved: { backgroundColor: green[700], color: '#fff' },
  rejected: { backgroundColor: red[700], color: '#fff' },
  expired: { backgroundColor: grey[300], color: grey[900] },
});

/**
 * The state of an exemption request as a coloured chip.
 *
 * @internal
 */
export function ExemptionStatusChip(props: { status: ExemptionStatus }) {
  const classes = useStyles();
  return (
    <Chip
      size="small"
      label={labels[props.status] ?? props.status}
      className={classes[props.status]}
    />
  );
}
