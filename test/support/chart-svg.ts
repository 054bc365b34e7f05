/**
 * Reads a chart's SVG string (app/utils/bar-chart.server.ts) as a reader and a reviewer would:
 * its text alternative, the text it shows and the bars' lengths. ECharts writes one element a line.
 */
const entities: Record<string, string> = { "&lt;": "<", "&gt;": ">", "&quot;": '"', "&#39;": "'", "&amp;": "&" };
const decode = (text: string) => text.replace(/&(lt|gt|quot|#39|amp);/g, (entity) => entities[entity]);

export function readChartSvg(svg: string) {
  const root = /^<svg ([^>]*)>/.exec(svg)?.[1] ?? "";
  const attribute = (name: string) => new RegExp(`\\b${name}="([^"]*)"`).exec(root)?.[1];
  const element = (name: string) => {
    const match = new RegExp(`<${name} id="([^"]*)">([^<]*)</${name}>`).exec(svg);
    return match ? { id: match[1], text: decode(match[2]) } : undefined;
  };
  return {
    role: attribute("role"),
    labelledBy: attribute("aria-labelledby"),
    describedBy: attribute("aria-describedby"),
    title: element("title"),
    desc: element("desc"),
    /** Every text drawn, in order: the labels (a long one in lines of its own), ticks, the bars' values. */
    texts: Array.from(svg.matchAll(/<text [^>]*>([^<]*)<\/text>/g), (match) => decode(match[1])),
    /** The texts run together, in which a wrapped label reads whole. */
    get joined() {
      return this.texts.join("");
    },
    /** The bars' lengths in SVG units, top to bottom: ECharts draws each as a filled path "M x y l width 0 …". */
    barWidths: Array.from(svg.matchAll(/<path d="M[-\d.]+ [-\d.]+l([-\d.]+) 0[^"]*" fill="#00507a"/g), (match) => Number(match[1])),
  };
}
