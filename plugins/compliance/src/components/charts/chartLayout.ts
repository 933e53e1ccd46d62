/** The size of a chart's drawing, in SVG units; it is scaled to the width it is given. */
export const CHART_WIDTH = 640;
export const CHART_HEIGHT = 240;
/** The room around the plot, for the axes and their labels. */
export const CHART_PAD = { top: 16, right: 16, bottom: 28, left: 40 };
export const PLOT_WIDTH = CHART_WIDTH - CHART_PAD.left - CHART_PAD.right;
export const PLOT_HEIGHT = CHART_HEIGHT - CHART_PAD.top - CHART_PAD.bottom;

/**
 * Where the i-th of `count` days stands across the plot: the first at the left edge, the
 * last at the right one, a single day in the middle.
 */
export function xScale(count: number): (i: number) => number {
  return i =>
    CHART_PAD.left +
    (count === 1 ? PLOT_WIDTH / 2 : (i / (count - 1)) * PLOT_WIDTH);
}

/** Where a value stands up the plot, from 0 at the x axis to `maxY` at the top. */
export function yScale(maxY: number): (value: number) => number {
  return value => CHART_PAD.top + PLOT_HEIGHT - (value / maxY) * PLOT_HEIGHT;
}

/** An SVG path through one value per day, from the first day to the last. */
export function linePath(
  values: number[],
  x: (i: number) => number,
  y: (value: number) => number,
): string {
  return values
    .map((v, i) => `${i === 0 ? 'M' : 'L'}${x(i)},${y(v)}`)
    .join(' ');
}
