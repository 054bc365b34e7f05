import { scaleBand, scaleLinear } from "d3-scale";
import type { BarChartItem, BarChartLayout } from "./bar-chart";

/**
 * The geometry of a horizontal bar chart, laid out on the server with d3-scale (ADR 024): the
 * page draws it as SVG from these numbers, so it shows without JavaScript and the library never
 * reaches the browser. Values run from 0 to `max` (1 for shares).
 */
export function layoutBarChart(
  items: readonly BarChartItem[],
  options: { max: number; width?: number; barHeight?: number; labelWidth?: number; tickCount?: number },
): BarChartLayout {
  const width = options.width ?? 720;
  const barHeight = options.barHeight ?? 24;
  // Room for the longest municipality name on the left and a value after the longest bar.
  const plot = { left: options.labelWidth ?? 140, top: 28, width: 0, height: items.length * barHeight };
  plot.width = width - plot.left - 56;
  const x = scaleLinear().domain([0, options.max]).range([0, plot.width]);
  const y = scaleBand<number>()
    .domain(items.map((_, index) => index))
    .range([0, plot.height])
    .paddingInner(0.25)
    .paddingOuter(0.1);
  const round = (value: number) => Math.round(value * 10) / 10;
  return {
    width,
    height: plot.top + plot.height + 8,
    plot,
    bars: items.map((item, index) => ({
      label: item.label,
      value: item.value,
      y: round(y(index) ?? 0),
      width: round(x(Math.max(0, Math.min(item.value, options.max)))),
      height: round(y.bandwidth()),
    })),
    ticks: x.ticks(options.tickCount ?? 5).map((value) => ({ value, x: round(x(value)) })),
  };
}
