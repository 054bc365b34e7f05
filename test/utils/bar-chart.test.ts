import { describe, expect, it } from "vitest";
import { renderBarChart } from "../../app/utils/bar-chart.server";
import { readChartSvg } from "../support/chart-svg";

/** The charts drawn on the server with Apache ECharts (ADR 030). */

const draw = (items: { label: string; value: number }[], options: Partial<Parameters<typeof renderBarChart>[1]> = {}) =>
  renderBarChart(items, {
    id: "chart-test",
    title: "Andel i tid",
    description: "Två kommuner.",
    unit: "share",
    locale: "sv",
    max: 1,
    ...options,
  });

describe("renderBarChart", () => {
  it("draws an SVG image named and described in words, each bar with its label and value as text", () => {
    const { svg } = draw([
      { label: "Skövde", value: 1 },
      { label: "Borås", value: 1 / 3 },
    ]);
    const chart = readChartSvg(svg);
    expect(chart).toMatchObject({
      role: "img",
      labelledBy: "chart-test-title",
      describedBy: "chart-test-desc",
      title: { id: "chart-test-title", text: "Andel i tid" },
      desc: { id: "chart-test-desc", text: "Två kommuner." },
    });
    const texts = chart.texts.map((text) => text.replace(/\s/g, " "));
    expect(texts).toEqual(expect.arrayContaining(["Skövde", "Borås", "0 %", "20 %", "100 %", "33 %"]));
    // Two bars in the brand colour, as long as their shares; no information in colour alone.
    expect(chart.barWidths).toHaveLength(2);
    expect(chart.barWidths[1] / chart.barWidths[0]).toBeCloseTo(1 / 3, 2);
    expect(new Set(Array.from(svg.matchAll(/fill="(#[0-9a-f]{6})"/g), (m) => m[1]))).toEqual(new Set(["#00507a", "#1b1b1b"]));
  });

  it("draws the same chart for a narrow screen: its own ids, 360 units wide, every label and value", () => {
    const items = [
      { label: "Skövde", value: 1 },
      { label: "Stenungsund", value: 1 / 3 },
    ];
    const { svg, narrowSvg } = draw(items);
    const wide = readChartSvg(svg);
    const narrow = readChartSvg(narrowSvg);
    expect(narrow).toMatchObject({
      role: "img",
      labelledBy: "chart-test-narrow-title",
      describedBy: "chart-test-narrow-desc",
      title: { text: "Andel i tid" },
      desc: { text: "Två kommuner." },
    });
    expect(narrowSvg).toMatch(/viewBox="0 0 360 /);
    // Fewer ticks on the narrower axis, but every name and every value.
    const words = (texts: string[]) => texts.join(" ").replace(/\s+/g, " ");
    for (const text of ["Skövde", "Stenungsund", "100 %", "33 %"]) {
      expect(words(wide.texts)).toContain(text);
      expect(words(narrow.texts)).toContain(text);
    }
    expect(narrow.barWidths[1] / narrow.barWidths[0]).toBeCloseTo(1 / 3, 2);
  });

  it("escapes names from the database: a <script> or an & in a label, title or description stays text", () => {
    const name = `Borås <script>alert("x")</script> & Co`;
    const { svg } = draw([{ label: name, value: 0.5 }], {
      title: `Titel <b>fet</b> & "citat"`,
      description: `Högst: ${name}.`,
    });
    expect(svg).not.toMatch(/<script|<b>|<\/script/i);
    expect(svg).toContain("Borås &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; Co");
    const chart = readChartSvg(svg);
    expect(chart.joined).toContain(name);
    expect(chart.title?.text).toBe(`Titel <b>fet</b> & "citat"`);
    expect(chart.desc?.text).toBe(`Högst: ${name}.`);
  });

  it("writes no inline style, which the content security policy would refuse", () => {
    const { svg } = draw([{ label: "Skövde", value: 1 }]);
    expect(svg).not.toMatch(/style=|<style/);
  });

  it("shows a value past the axis's end as it is, with the bar stopped at the end; refuses an id that is no plain name", () => {
    const chart = readChartSvg(draw([{ label: "Mark", value: 1.5 }]).svg);
    expect(chart.texts.map((text) => text.replace(/\s/g, " "))).toContain("150 %");
    expect(() => draw([{ label: "Mark", value: 1 }], { id: 'x" onload="alert(1)' })).toThrow(/chart id/);
  });

  it("writes hours in the page's language, and draws the same chart once", () => {
    const hours = (locale: "sv" | "en") => draw([{ label: "Borås", value: 1.5 }], { unit: "hours", locale, max: undefined });
    expect(readChartSvg(hours("sv").svg).texts).toContain("1,5");
    expect(readChartSvg(hours("en").svg).texts).toContain("1.5");
    expect(hours("sv").svg).toBe(hours("sv").svg);
  });
});
