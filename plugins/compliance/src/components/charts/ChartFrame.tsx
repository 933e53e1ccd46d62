import { ReactNode, useId } from 'react';
import { useTheme } from '@material-ui/core/styles';
import { formatCampaignDate } from '../../lib/campaignFormat';
import {
  CHART_HEIGHT,
  CHART_PAD,
  CHART_WIDTH,
  PLOT_WIDTH,
  yScale,
} from './chartLayout';

/**
 * A chart's SVG, full width, read out as an image named by its title and description.
 */
export function ChartFrame(props: {
  title: string;
  description: string;
  children: ReactNode;
}) {
  const titleId = useId();
  const descId = useId();
  return (
    <svg
      role="img"
      aria-labelledby={`${titleId} ${descId}`}
      viewBox={`0 0 ${CHART_WIDTH} ${CHART_HEIGHT}`}
      width="100%"
      style={{ maxHeight: CHART_HEIGHT }}
    >
      <title id={titleId}>{props.title}</title>
      <desc id={descId}>{props.description}</desc>
      {props.children}
    </svg>
  );
}

/**
 * The x and y axes, with 0 and `maxY` up the y axis and the first and last of `dates`
 * under the x axis. A single date is put in the middle when `centerSingleDate` is set
 * (the day is drawn there), else at the left.
 */
export function ChartAxes(props: {
  maxY: number;
  dates: string[];
  centerSingleDate?: boolean;
}) {
  const { maxY, dates } = props;
  const theme = useTheme();
  const y = yScale(maxY);
  const textColor = theme.palette.text.secondary;
  const axisColor = theme.palette.divider;
  const centered = dates.length === 1 && props.centerSingleDate;

  return (
    <>
      <line
        x1={CHART_PAD.left}
        y1={y(0)}
        x2={CHART_WIDTH - CHART_PAD.right}
        y2={y(0)}
        stroke={axisColor}
      />
      <line
        x1={CHART_PAD.left}
        y1={CHART_PAD.top}
        x2={CHART_PAD.left}
        y2={y(0)}
        stroke={axisColor}
      />
      {[0, maxY].map(value => (
        <text
          key={value}
          x={CHART_PAD.left - 6}
          y={y(value) + 4}
          textAnchor="end"
          fontSize={11}
          fill={textColor}
        >
          {value}
        </text>
      ))}
      <text
        x={centered ? CHART_PAD.left + PLOT_WIDTH / 2 : CHART_PAD.left}
        y={CHART_HEIGHT - 8}
        textAnchor={centered ? 'middle' : 'start'}
        fontSize={11}
        fill={textColor}
      >
        {formatCampaignDate(dates[0])}
      </text>
      {dates.length > 1 && (
        <text
          x={CHART_WIDTH - CHART_PAD.right}
          y={CHART_HEIGHT - 8}
          textAnchor="end"
          fontSize={11}
          fill={textColor}
        >
          {formatCampaignDate(dates[dates.length - 1])}
        </text>
      )}
    </>
  );
}
