import { useId } from 'react';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { useTheme } from '@material-ui/core/styles';
import type { CampaignBurnUpPoint } from '@runway/plugin-compliance-common';
import { formatCampaignDate } from '../../lib/campaignFormat';

const WIDTH = 640;
const HEIGHT = 240;
const PAD = { top: 16, right: 16, bottom: 28, left: 40 };

/**
 * A campaign's burn-up, drawn with plain SVG: per day, the entities in scope (dashed) and
 * those done (filled). The gap between the two lines is the work left.
 *
 * @internal
 */
export function BurnUpChart(props: { points: CampaignBurnUpPoint[] }) {
  const { points } = props;
  const theme = useTheme();
  const titleId = useId();
  const descId = useId();

  if (points.length === 0) {
    return (
      <Typography variant="body2" color="textSecondary">
        No data yet.
      </Typography>
    );
  }

  const maxY = Math.max(1, ...points.map(p => p.total));
  const plotWidth = WIDTH - PAD.left - PAD.right;
  const plotHeight = HEIGHT - PAD.top - PAD.bottom;
  const x = (i: number) =>
    PAD.left +
    (points.length === 1
      ? plotWidth / 2
      : (i / (points.length - 1)) * plotWidth);
  const y = (value: number) =>
    PAD.top + plotHeight - (value / maxY) * plotHeight;
  const line = (value: (p: CampaignBurnUpPoint) => number) =>
    points
      .map((p, i) => `${i === 0 ? 'M' : 'L'}${x(i)},${y(value(p))}`)
      .join(' ');
  const doneArea = `${line(p => p.done)} L${x(points.length - 1)},${y(0)} L${x(
    0,
  )},${y(0)} Z`;

  const last = points[points.length - 1];
  const doneColor = theme.palette.primary.main;
  const totalColor = theme.palette.text.secondary;
  const axisColor = theme.palette.divider;

  return (
    <Box>
      <svg
        role="img"
        aria-labelledby={`${titleId} ${descId}`}
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        width="100%"
        style={{ maxHeight: HEIGHT }}
      >
        <title id={titleId}>Burn-up: entities done and in scope per day</title>
        <desc id={descId}>
          {`${points.length} ${points.length === 1 ? 'day' : 'days'} from ${
            points[0].date
          } to ${last.date}; on ${last.date}, ${last.done} of ${
            last.total
          } entities done.`}
        </desc>
        <line
          x1={PAD.left}
          y1={y(0)}
          x2={WIDTH - PAD.right}
          y2={y(0)}
          stroke={axisColor}
        />
        <line
          x1={PAD.left}
          y1={PAD.top}
          x2={PAD.left}
          y2={y(0)}
          stroke={axisColor}
        />
        {[0, maxY].map(value => (
          <text
            key={value}
            x={PAD.left - 6}
            y={y(value) + 4}
            textAnchor="end"
            fontSize={11}
            fill={totalColor}
          >
            {value}
          </text>
        ))}
        <text
          x={x(0)}
          y={HEIGHT - 8}
          textAnchor={points.length === 1 ? 'middle' : 'start'}
          fontSize={11}
          fill={totalColor}
        >
          {formatCampaignDate(points[0].date)}
        </text>
        {points.length > 1 && (
          <text
            x={x(points.length - 1)}
            y={HEIGHT - 8}
            textAnchor="end"
            fontSize={11}
            fill={totalColor}
          >
            {formatCampaignDate(last.date)}
          </text>
        )}
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
      </svg>
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
