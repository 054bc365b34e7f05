/**
 * A horizontal bar chart: drawn on the server by `renderBarChart` (./bar-chart.server.ts, Apache
 * ECharts), shown in the page by `<BarChart>` (app/components/bar-chart.tsx).
 */
export interface BarChartItem {
  label: string;
  value: number;
}

/** The chart as SVG markup, made only by `renderBarChart` from escaped text (ADR 030). */
export interface BarChartSvg {
  svg: string;
  /** The same chart drawn for a narrow screen, so its text keeps its size on a phone. */
  narrowSvg: string;
}
