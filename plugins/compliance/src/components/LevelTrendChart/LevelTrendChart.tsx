import { useId, useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import Box from '@material-ui/core/Box';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import { useTheme } from '@material-ui/core/styles';
import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import type { LevelTrendPoint } from '@runway/plugin-compliance-common';
import { complianceApiRef } from '../../api';
import { levelTitle } from '../../lib/format';
import { levelColor, sortLevelIds } from '../../lib/levelOrder';
import {
  CHART_PAD,
  ChartAxes,
  ChartFrame,
  PLOT_HEIGHT,
  PLOT_WIDTH,
  linePath,
  xScale,
  yScale,
} from '../charts';

const PERIODS = [7, 30, 90, 365];

type Series = { levelId: string; title: string; color: string };

function describeDay(point: LevelTrendPoint, series: Series[]): string {
  return series
    .map(s => `${s.title} ${point.levels[s.levelId] ?? 0}`)
    .join(', ');
}

/** The stacked areas, best level at the bottom and "no level" on top. */
function StackedAreas(props: { points: LevelTrendPoint[]; series: Series[] }) {
  const { series } = props;
  const theme = useTheme();
  // One day is drawn across the whole width, as a flat band.
  const points =
    props.points.length === 1
      ? [props.points[0], props.points[0]]
      : props.points;
  const totals = points.map(p =>
    series.reduce((sum, s) => sum + (p.levels[s.levelId] ?? 0), 0),
  );
  const maxY = Math.max(1, ...totals);
  const x = xScale(points.length);
  const y = yScale(maxY);

  const below = points.map(() => 0);
  const bands = series.map(s => {
    const lower = [...below];
    const upper = points.map((p, i) => {
      below[i] += p.levels[s.levelId] ?? 0;
      return below[i];
    });
    const top = linePath(upper, x, y);
    const bottom = lower
      .map((v, i) => `L${x(i)},${y(v)}`)
      .reverse()
      .join(' ');
    return { ...s, d: `${top} ${bottom} Z` };
  });
  const step = PLOT_WIDTH / Math.max(1, props.points.length - 1);

  return (
    <>
      {bands.map(band => (
        <path
          key={band.levelId}
          d={band.d}
          fill={band.color}
          stroke={theme.palette.background.paper}
          strokeWidth={0.5}
        >
          <title>{band.title}</title>
        </path>
      ))}
      <ChartAxes maxY={maxY} dates={props.points.map(p => p.date)} />
      {/* A transparent column per day, so that pointing at a day tells its numbers. */}
      {props.points.map((point, i) => (
        <rect
          key={point.date}
          x={
            props.points.length === 1
              ? CHART_PAD.left
              : Math.max(CHART_PAD.left, x(i) - step / 2)
          }
          y={CHART_PAD.top}
          width={props.points.length === 1 ? PLOT_WIDTH : step}
          height={PLOT_HEIGHT}
          fill="transparent"
        >
          <title>{`${point.date}: ${describeDay(point, series)}`}</title>
        </rect>
      ))}
    </>
  );
}

/**
 * How many entities reached each level, day by day, as stacked areas drawn with plain
 * SVG, with a legend giving the latest day's numbers. For a group (and the groups below
 * it) when `ownerRef` is given, else for the whole organisation.
 *
 * @internal
 */
export function LevelTrendChart(props: { ownerRef?: string }) {
  const { ownerRef } = props;
  const complianceApi = useApi(complianceApiRef);
  const theme = useTheme();
  const periodId = useId();
  const [days, setDays] = useState(30);
  const { value, error } = useAsync(
    () => complianceApi.getTrend(ownerRef ? { ownerRef, days } : { days }),
    [complianceApi, ownerRef, days],
  );

  const periodSelect = (
    <TextField
      id={periodId}
      select
      label="Period"
      value={days}
      onChange={event => setDays(Number(event.target.value))}
      SelectProps={{ native: true }}
      size="small"
    >
      {PERIODS.map(period => (
        <option key={period} value={period}>
          Last {period} days
        </option>
      ))}
    </TextField>
  );

  let chart;
  if (error) {
    chart = <ResponseErrorPanel error={error} />;
  } else if (!value) {
    chart = <Progress />;
  } else {
    const { points } = value;
    let other = 0;
    const series: Series[] = sortLevelIds(
      points.flatMap(p => Object.keys(p.levels)),
    ).map(levelId => ({
      levelId,
      title: levelTitle(levelId),
      color: levelColor(
        levelId,
        ['gold', 'silver', 'bronze', 'none'].includes(levelId) ? 0 : other++,
      ),
    }));
    const last = points[points.length - 1];
    const empty = points.every(p =>
      Object.values(p.levels).every(count => count === 0),
    );
    if (!last || empty) {
      chart = (
        <Typography variant="body2" color="textSecondary">
          No entity was evaluated in this period.
        </Typography>
      );
    } else {
      chart = (
        <>
          <ChartFrame
            title="Entities per compliance level, per day"
            description={`${points.length} ${
              points.length === 1 ? 'day' : 'days'
            } from ${points[0].date} to ${last.date}. On ${
              last.date
            }: ${describeDay(last, series)}.`}
          >
            <StackedAreas points={points} series={series} />
          </ChartFrame>
          <Box
            component="ul"
            display="flex"
            flexWrap="wrap"
            justifyContent="center"
            p={0}
            m={0}
            mt={1}
            aria-label="legend"
          >
            {series.map(s => (
              <Box
                component="li"
                key={s.levelId}
                display="flex"
                alignItems="center"
                mr={3}
                style={{ listStyle: 'none' }}
              >
                <svg width={12} height={12} aria-hidden>
                  <rect
                    width={12}
                    height={12}
                    fill={s.color}
                    stroke={theme.palette.divider}
                  />
                </svg>
                <Typography variant="caption" style={{ marginLeft: 6 }}>
                  {s.title}: {last.levels[s.levelId] ?? 0}
                </Typography>
              </Box>
            ))}
          </Box>
        </>
      );
    }
  }

  return (
    <Box>
      <Box display="flex" justifyContent="flex-end" mb={1}>
        {periodSelect}
      </Box>
      {chart}
    </Box>
  );
}
