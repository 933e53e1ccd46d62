import Box from '@material-ui/core/Box';
import LinearProgress from '@material-ui/core/LinearProgress';
import Typography from '@material-ui/core/Typography';
import type { ComplianceRollup } from '@runway/plugin-compliance-common';

/**
 * The share of entities whose checks all pass or are exempt.
 *
 * @internal
 */
export function PercentCompliant(props: { rollup: ComplianceRollup }) {
  const { entityCount, compliantCount, percentCompliant } = props.rollup;
  // 0–100 with one decimal. Not rounded to whole numbers: 99.6 must not read as 100%.
  const percent = Math.min(100, Math.max(0, percentCompliant));
  return (
    <Box>
      <Typography variant="h3" component="p" aria-label="percent compliant">
        {Number(percent.toFixed(1))}%
      </Typography>
      <Box my={1}>
        <LinearProgress
          variant="determinate"
          value={percent}
          aria-label="compliant entities"
        />
      </Box>
      <Typography variant="body2" color="textSecondary">
        {compliantCount} of {entityCount}{' '}
        {entityCount === 1 ? 'entity is' : 'entities are'} compliant
      </Typography>
    </Box>
  );
}
