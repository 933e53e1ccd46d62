export { ChartAxes, ChartFrame } from './ChartFrame';
export {
  CHART_PAD,
  PLOT_HEIGHT,
  PLOT_WIDTH,
  linePath,
  xScale,
  yScale,
} from './chartLayout';
