import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { ComplianceLevelBadge } from '../ComplianceLevelBadge';

// Highest level first and "none" last; levels an app adds go in between, by name.
const KNOWN_ORDER = ['gold', 'silver', 'bronze'];
function rank(levelId: string): number {
  if (levelId === 'none') return Number.MAX_SAFE_INTEGER;
  const known = KNOWN_ORDER.indexOf(levelId);
  return known === -1 ? KNOWN_ORDER.length : known;
}

/**
 * How many entities reached each level.
 *
 * @internal
 */
export function LevelDistribution(props: {
  levels: Record<string, number>;
  entityCount: number;
}) {
  const { levels, entityCount } = props;
  const rows = Object.entries(levels).sort(
    ([a], [b]) => rank(a) - rank(b) || a.localeCompare(b),
  );
  if (rows.length === 0) {
    return (
      <Typography variant="body2" color="textSecondary">
        No levels to show.
      </Typography>
    );
  }
  return (
    <Box component="ul" p={0} m={0} aria-label="level distribution">
      {rows.map(([levelId, count]) => (
        <Box
          component="li"
          key={levelId}
          display="flex"
          alignItems="center"
          mb={1}
          style={{ listStyle: 'none' }}
        >
          <Box width={120}>
            <ComplianceLevelBadge level={levelId} size="small" />
          </Box>
          <Typography variant="body2">
            {count}
            {entityCount > 0 &&
              ` (${Math.round((count / entityCount) * 100)}%)`}
          </Typography>
        </Box>
      ))}
    </Box>
  );
}
