import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import AchievedIcon from '@material-ui/icons/CheckCircle';
import MissedIcon from '@material-ui/icons/RadioButtonUnchecked';
import type { EntityCompliance } from '@runway/plugin-compliance-common';
import { formatDateTime } from '../../lib/format';
import { ComplianceLevelBadge } from '../ComplianceLevelBadge';

const useStyles = makeStyles(theme => ({
  level: {
    display: 'inline-flex',
    alignItems: 'center',
    marginRight: theme.spacing(2),
    '& svg': { marginRight: theme.spacing(0.5) },
  },
  achieved: { color: theme.palette.success.main },
}));

/**
 * The level an entity reached, which levels it meets, and when it was last evaluated.
 *
 * @internal
 */
export function ComplianceSummary(props: {
  compliance: EntityCompliance;
  /** E.g. a re-evaluate button. */
  action?: JSX.Element;
}) {
  const { compliance, action } = props;
  const classes = useStyles();
  const reached = compliance.levels.find(l => l.id === compliance.level);
  return (
    <Box display="flex" alignItems="flex-start" flexWrap="wrap">
      <Box flexGrow={1}>
        <Box display="flex" alignItems="center" mb={1}>
          <Box mr={2}>
            <ComplianceLevelBadge
              level={compliance.level}
              title={reached?.title}
            />
          </Box>
          {compliance.evaluatedAt && (
            <Typography variant="body2" color="textSecondary">
              Last evaluated {formatDateTime(compliance.evaluatedAt)}
            </Typography>
          )}
        </Box>
        <Box aria-label="levels">
          {compliance.levels.map(level => (
            <Typography
              key={level.id}
              variant="body2"
              component="span"
              className={classes.level}
            >
              {level.achieved ? (
                <AchievedIcon fontSize="small" className={classes.achieved} />
              ) : (
                <MissedIcon fontSize="small" color="disabled" />
              )}
              {level.title}: {level.achieved ? 'met' : 'not met'}
            </Typography>
          ))}
        </Box>
      </Box>
      {action}
    </Box>
  );
}
