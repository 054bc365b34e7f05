/**
 * A horizontal bar chart's geometry: made on the server by `layoutBarChart`
 * (./bar-chart.server.ts), drawn in the page by `<BarChart>` (app/components/bar-chart.tsx).
 */
export interface BarChartItem {
  label: string;
  value: number;
}

export interface BarChartLayout {
  width: number;
  height: number;
  plot: { left: number; top: number; width: number; height: number };
  bars: { label: string; value: number; y: number; width: number; height: number }[];
  ticks: { value: number; x: number }[];
}
