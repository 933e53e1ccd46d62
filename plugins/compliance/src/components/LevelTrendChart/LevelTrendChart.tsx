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
import { formatCampaignDate as formatUtcDate } from '../../lib/campaignFormat';
import { levelTitle } from '../../lib/format';
import { levelColor, sortLevelIds } from '../../lib/levelOrder';

const WIDTH = 640;
const HEIGHT = 240;
const PAD = { top: 16, right: 16, bottom: 28, left: 40 };
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
  const plotWidth = WIDTH - PAD.left - PAD.right;
  const plotHeight = HEIGHT - PAD.top - PAD.bottom;
  const x = (i: number) => PAD.left + (i / (points.length - 1)) * plotWidth;
  const y = (value: number) =>
    PAD.top + plotHeight - (value / maxY) * plotHeight;

  const below = points.map(() => 0);
  const bands = series.map(s => {
    const lower = [...below];
    const upper = points.map((p, i) => {
      below[i] += p.levels[s.levelId] ?? 0;
      return below[i];
    });
    const top = upper.map((v, i) => `${i === 0 ? 'M' : 'L'}${x(i)},${y(v)}`);
    const bottom = lower
      .map((v, i) => `L${x(i)},${y(v)}`)
      .reverse()
      .join(' ');
    return { ...s, d: `${top.join(' ')} ${bottom} Z` };
  });
  const textColor = theme.palette.text.secondary;
  const axisColor = theme.palette.divider;
  const first = props.points[0];
  const last = props.points[props.points.length - 1];
  const step = plotWidth / Math.max(1, props.points.length - 1);

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
          fill={textColor}
        >
          {value}
        </text>
      ))}
      <text
        x={PAD.left}
        y={HEIGHT - 8}
        textAnchor="start"
        fontSize={11}
        fill={textColor}
      >
        {formatUtcDate(first.date)}
      </text>
      {props.points.length > 1 && (
        <text
          x={WIDTH - PAD.right}
          y={HEIGHT - 8}
          textAnchor="end"
          fontSize={11}
          fill={textColor}
        >
          {formatUtcDate(last.date)}
        </text>
      )}
      {/* A transparent column per day, so that pointing at a day tells its numbers. */}
      {props.points.map((point, i) => (
        <rect
          key={point.date}
          x={
            props.points.length === 1
              ? PAD.left
              : Math.max(PAD.left, x(i) - step / 2)
          }
          y={PAD.top}
          width={props.points.length === 1 ? plotWidth : step}
          height={plotHeight}
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
  const titleId = useId();
  const descId = useId();
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
          <svg
            role="img"
            aria-labelledby={`${titleId} ${descId}`}
            viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
            width="100%"
            style={{ maxHeight: HEIGHT }}
          >
            <title id={titleId}>Entities per compliance level, per day</title>
            <desc id={descId}>
              {`${points.length} ${points.length === 1 ? 'day' : 'days'} from ${
                points[0].date
              } to ${last.date}. On ${last.date}: ${describeDay(
                last,
                series,
              )}.`}
            </desc>
            <StackedAreas points={points} series={series} />
          </svg>
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
