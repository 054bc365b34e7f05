import type { BarChartSvg } from "../utils/bar-chart";

/**
 * A bar chart the loader drew as SVG with Apache ECharts (app/utils/bar-chart.server.ts, ADR 030),
 * shown in a figure with its caption. The SVG is one image to assistive technology, named by its
 * title and described in words; every bar carries its label and value as text, so nothing is told
 * by colour alone; the page puts the same figures in a table, which is the source of truth.
 * The markup is inserted as is: it comes only from `renderBarChart`, which escapes every text.
 */
export function BarChart({ chart, caption }: { chart: BarChartSvg; caption: string }) {
  return (
    <figure className="bar-chart">
      <div dangerouslySetInnerHTML={{ __html: chart.svg }} />
      <figcaption>{caption}</figcaption>
    </figure>
  );
}
