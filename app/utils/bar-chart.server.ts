import { BarChart as EChartsBar } from "echarts/charts";
import { GridComponent } from "echarts/components";
import { format, init, use } from "echarts/core";
import { SVGRenderer } from "echarts/renderers";
import type { Locale } from "../../db/schema";
import type { BarChartItem, BarChartSvg } from "./bar-chart";
import { formatShare } from "./statistics-format";
import { formatHours } from "./time-saved-format";

use([EChartsBar, GridComponent, SVGRenderer]);

/*
 * The colours of app/styles/app.css, written out: ECharts paints attributes, not CSS variables.
 * Bars --brand (8.6:1 on white), text --text, grid lines as before. One colour, no meaning of its own.
 * The font size is what ECharts lays the text out for; app.css gives the SVG the same size.
 */
const BRAND = "#00507a";
const TEXT = "#1b1b1b";
const GRID = "#c8c8c8";
const FONT_SIZE = 14;

/**
 * A horizontal bar chart drawn on the server by Apache ECharts as an SVG string (ADR 030): the
 * browser gets the picture and no chart JavaScript, so it shows without JavaScript. Values run
 * from 0 to `max` (1 for shares; without it, a round number above the largest). The SVG is one
 * image to assistive technology (`role="img"`), named by its `<title>` and described in words by
 * its `<desc>`; every bar carries its label and its value as text. ECharts escapes the text it
 * writes (labels, values), and the title and description are escaped with its own `encodeHTML`,
 * so names from the database cannot become markup. ECharts does not escape attribute values:
 * give it no user text except as labels. `id` must be unique on the page (it names the title and desc).
 */
export function renderBarChart(
  items: readonly BarChartItem[],
  options: {
    id: string;
    title: string;
    description: string;
    /** How values are written: a share (0–1) as a percentage, or hours, in the page's language. */
    unit: "share" | "hours";
    locale: Locale;
    max?: number;
    width?: number;
    barHeight?: number;
    labelWidth?: number;
  },
): BarChartSvg {
  // Drawing 49 bars takes ECharts ~10–15 ms warm on the 2-core machine; the figures seldom change
  // between views, so the same chart (the same items and options) is drawn once.
  return {
    svg: drawOnce(items, options),
    // A phone shows the chart at under half of 720 units, and its text at under 7 px: the same
    // chart drawn for a narrow screen, which the page shows there instead (app.css).
    narrowSvg: drawOnce(items, { ...options, id: `${options.id}-narrow`, width: NARROW_WIDTH, labelWidth: NARROW_LABEL_WIDTH }),
  };
}

const NARROW_WIDTH = 360;
const NARROW_LABEL_WIDTH = 112;

function drawOnce(items: readonly BarChartItem[], options: Parameters<typeof renderBarChart>[1]) {
  const key = JSON.stringify([items, options]);
  const drawn = recentCharts.get(key);
  if (drawn) return drawn;
  const svg = drawBarChart(items, options);
  if (recentCharts.size >= RECENT_CHARTS) recentCharts.delete(recentCharts.keys().next().value!);
  recentCharts.set(key, svg);
  return svg;
}

const RECENT_CHARTS = 64;
const recentCharts = new Map<string, string>();

function drawBarChart(items: readonly BarChartItem[], options: Parameters<typeof renderBarChart>[1]) {
  const formatValue = (value: number) =>
    options.unit === "share" ? formatShare(value, options.locale) : formatHours(value * 60, options.locale);
  const width = options.width ?? 720;
  const barHeight = options.barHeight ?? 24;
  const labelWidth = options.labelWidth ?? 140;
  const top = 28;
  const height = top + items.length * barHeight + 8;
  const chart = init(null, null, { renderer: "svg", ssr: true, width, height });
  try {
    chart.setOption({
      animation: false,
      textStyle: { fontSize: FONT_SIZE, color: TEXT },
      // Room for the longest name on the left and a value after the longest bar.
      grid: { left: labelWidth, right: 56, top, bottom: 8, containLabel: false },
      xAxis: {
        type: "value",
        position: "top",
        min: 0,
        max: options.max,
        // Five ticks touch each other in a narrow drawing; two (0, half, all) do not.
        splitNumber: width < 500 ? 2 : 5,
        axisLine: { show: false },
        axisTick: { show: false },
        axisLabel: { color: TEXT, fontSize: FONT_SIZE, formatter: (value: number) => formatValue(value) },
        splitLine: { lineStyle: { color: GRID, width: 1 } },
      },
      yAxis: {
        type: "category",
        inverse: true,
        data: items.map((item) => item.label),
        axisLine: { show: false },
        axisTick: { show: false },
        // Every bar keeps its whole label, wrapped to the room left of the plot: ECharts would
        // otherwise skip labels that might overlap. A bar of two lines needs a barHeight of 40.
        axisLabel: { interval: 0, color: TEXT, fontSize: FONT_SIZE, margin: 8, width: labelWidth - 12, overflow: "break", lineHeight: 16 },
      },
      series: [
        {
          type: "bar",
          silent: true,
          emphasis: { disabled: true },
          barCategoryGap: "25%",
          data: items.map((item) => Math.max(0, options.max === undefined ? item.value : Math.min(item.value, options.max))),
          itemStyle: { color: BRAND },
          label: {
            show: true,
            position: "right",
            color: TEXT,
            fontSize: FONT_SIZE,
            textBorderWidth: 0,
            // The value as the table writes it, from the item (a clamped bar still tells its value).
            formatter: ({ dataIndex }: { dataIndex: number }) => formatValue(items[dataIndex].value),
          },
        },
      ],
    });
    const svg = chart.renderToSVGString({ useViewBox: true });
    return withTextAlternative(withoutInlineStyles(svg), options);
  } finally {
    chart.dispose();
  }
}

/**
 * The content security policy (server.ts) allows no inline styles: ECharts writes each text's font
 * as a style attribute and adds a hover stylesheet, which the browser would refuse, one report each.
 * app.css sets the font instead. Text content is escaped (no raw `"` or `<`), so neither pattern
 * can match inside a label.
 */
function withoutInlineStyles(svg: string) {
  return svg.replace(/ style="[^"]*"/g, "").replace(/<style[^>]*>[\s\S]*?<\/style>\s*/g, "");
}

/** Makes the SVG an image named by a `<title>` and described by a `<desc>`, both escaped. */
function withTextAlternative(svg: string, { id, title, description }: { id: string; title: string; description: string }) {
  if (!/^[a-z][a-z0-9-]*$/.test(id)) throw new Error(`a chart id must be lower-case letters, digits and hyphens: ${id}`);
  const start = svg.indexOf("<svg ");
  const openEnd = svg.indexOf(">", start);
  if (start !== 0 || openEnd < 0) throw new Error("ECharts returned no SVG element");
  const attributes = ` role="img" aria-labelledby="${id}-title" aria-describedby="${id}-desc"`;
  const alternative = `<title id="${id}-title">${format.encodeHTML(title)}</title><desc id="${id}-desc">${format.encodeHTML(description)}</desc>`;
  return `<svg${attributes} ${svg.slice(5, openEnd + 1)}${alternative}${svg.slice(openEnd + 1)}`;
}
