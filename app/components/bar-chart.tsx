import { useId } from "react";
import type { BarChartLayout } from "../utils/bar-chart";

/**
 * A horizontal bar chart drawn as SVG from a layout the loader made (app/utils/bar-chart.server.ts).
 * The chart is one image to assistive technology, named by its title and described in words;
 * every bar carries its label and value as text, so nothing is told by colour alone, and the page
 * puts the same figures in a table, which is the source of truth (ADR 024).
 */
export function BarChart({
  layout,
  title,
  description,
  caption,
  formatValue,
}: {
  layout: BarChartLayout;
  title: string;
  description: string;
  caption: string;
  formatValue: (value: number) => string;
}) {
  const id = useId();
  const { plot } = layout;
  return (
    <figure className="bar-chart">
      <svg
        viewBox={`0 0 ${layout.width} ${layout.height}`}
        width="100%"
        role="img"
        aria-labelledby={`${id}-title`}
        aria-describedby={`${id}-desc`}
        fontSize="14"
        preserveAspectRatio="xMinYMin meet"
      >
        <title id={`${id}-title`}>{title}</title>
        <desc id={`${id}-desc`}>{description}</desc>
        <g transform={`translate(${plot.left} ${plot.top})`}>
          {layout.ticks.map((tick) => (
            <g key={tick.value} transform={`translate(${tick.x} 0)`}>
              <line y1={-6} y2={plot.height} className="bar-chart__grid" />
              <text y={-10} textAnchor="middle" className="bar-chart__text">
                {formatValue(tick.value)}
              </text>
            </g>
          ))}
          {layout.bars.map((bar, index) => (
            <g key={`${index}-${bar.label}`} transform={`translate(0 ${bar.y})`}>
              <text x={-8} y={bar.height / 2} dy="0.35em" textAnchor="end" className="bar-chart__text">
                {bar.label}
              </text>
              <rect width={Math.max(bar.width, 1)} height={bar.height} className="bar-chart__bar" />
              <text x={bar.width + 6} y={bar.height / 2} dy="0.35em" className="bar-chart__text">
                {formatValue(bar.value)}
              </text>
            </g>
          ))}
        </g>
      </svg>
      <figcaption>{caption}</figcaption>
    </figure>
  );
}
