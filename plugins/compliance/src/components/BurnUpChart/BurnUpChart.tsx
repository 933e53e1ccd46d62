import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { useTheme } from '@material-ui/core/styles';
import type { CampaignBurnUpPoint } from '@runway/plugin-compliance-common';
import { ChartAxes, ChartFrame, linePath, xScale, yScale } from '../charts';

/**
 * A campaign's burn-up, drawn with plain SVG: per day, the entities in scope (dashed) and
 * those done (filled). The gap between the two lines is the work left.
 *
 * @internal
 */
export function BurnUpChart(props: { points: CampaignBurnUpPoint[] }) {
  const { points } = props;
  const theme = useTheme();

  if (points.length === 0) {
    return (
      <Typography variant="body2" color="textSecondary">
        No data yet.
      </Typography>
    );
  }

  const maxY = Math.max(1, ...points.map(p => p.total));
  const x = xScale(points.length);
  const y = yScale(maxY);
  const line = (value: (p: CampaignBurnUpPoint) => number) =>
    linePath(points.map(value), x, y);
  const doneArea = `${line(p => p.done)} L${x(points.length - 1)},${y(0)} L${x(
    0,
  )},${y(0)} Z`;

  const last = points[points.length - 1];
  const doneColor = theme.palette.primary.main;
  const totalColor = theme.palette.text.secondary;

  return (
    <Box>
      <ChartFrame
        title="Burn-up: entities done and in scope per day"
        description={`${points.length} ${
          points.length === 1 ? 'day' : 'days'
        } from ${points[0].date} to ${last.date}; on ${last.date}, ${
          last.done
        } of ${last.total} entities done.`}
      >
        <ChartAxes
          maxY={maxY}
          dates={points.map(p => p.date)}
          centerSingleDate
        />
        <path d={doneArea} fill={doneColor} fillOpacity={0.2} stroke="none" />
        <path
          d={line(p => p.done)}
          fill="none"
          stroke={doneColor}
          strokeWidth={2}
        />
        <path
          d={line(p => p.total)}
          fill="none"
          stroke={totalColor}
          strokeWidth={2}
          strokeDasharray="6 4"
        />
        {points.map((p, i) => (
          <circle
            key={p.date}
            cx={x(i)}
            cy={y(p.done)}
            r={points.length > 60 ? 1.5 : 3}
            fill={doneColor}
          >
            <title>{`${p.date}: ${p.done} of ${p.total} done`}</title>
          </circle>
        ))}
      </ChartFrame>
      <Box display="flex" justifyContent="center" mt={1} aria-hidden>
        <Box display="flex" alignItems="center" mr={3}>
          <svg width={24} height={8}>
            <line
              x1={0}
              y1={4}
              x2={24}
              y2={4}
              stroke={doneColor}
              strokeWidth={2}
            />
          </svg>
          <Typography variant="caption" style={{ marginLeft: 6 }}>
            Done
          </Typography>
        </Box>
        <Box display="flex" alignItems="center">
          <svg width={24} height={8}>
            <line
              x1={0}
              y1={4}
              x2={24}
              y2={4}
              stroke={totalColor}
              strokeWidth={2}
              strokeDasharray="6 4"
            />
          </svg>
          <Typography variant="caption" style={{ marginLeft: 6 }}>
            In scope
          </Typography>
        </Box>
      </Box>
    </Box>
  );
}
