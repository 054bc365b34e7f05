import type { BarChartSvg } from "../utils/bar-chart";

/**
 * A bar chart the loader drew as SVG with Apache ECharts (app/utils/bar-chart.server.ts, ADR 030),
 * shown in a figure with its caption. The SVG is one image to assistive technology, named by its
 * title and described in words; every bar carries its label and value as text, so nothing is told
 * by colour alone; the page puts the same figures in a table, which is the source of truth.
 * The markup is inserted as is: it comes only from `renderBarChart`, which escapes every text.
 * It is drawn twice, wide and narrow, and the stylesheet shows the one that fits the screen (the
 * other is not displayed, so assistive technology meets one image).
 */
export function BarChart({ chart, caption }: { chart: BarChartSvg; caption: string }) {
  return (
    <figure className="bar-chart">
      <div className="bar-chart__wide" dangerouslySetInnerHTML={{ __html: chart.svg }} />
      <div className="bar-chart__narrow" dangerouslySetInnerHTML={{ __html: chart.narrowSvg }} />
      <figcaption>{caption}</figcaption>
    </figure>
  );
}
