import { beforeAll, describe, expect, it } from "vitest";
import { db } from "../../db/client.server";
import { todayInSweden } from "../../app/utils/dates";
import { addWorkingDays, workingDaysBetween } from "../../app/utils/working-days";
import { createTestDataset } from "../factories/dataset";
import { createTestTasks } from "../factories/task";
import { chromiumMissing, expectAccessible } from "../support/browser";
import { usePortalAndBrowser } from "../support/e2e";

/** The public accountability pages in a browser (issue 9, ADR 024): statistics, chart, table, CSV, organisation page. */
const e2e = usePortalAndBrowser();
const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000);
const swedishDay = (date: Date) => date.toLocaleDateString("sv-SE", { timeZone: "Europe/Stockholm" });
/** The text as a reader sees it: the no-break space before "%" as a space. */
const plainText = (texts: (string | null | undefined)[]) => texts.map((text) => text?.replace(/\s+/g, " ").trim());

describe.skipIf(chromiumMissing)("the public statistics", () => {
  let requestNumber: number;
  let median: string;
  beforeAll(async () => {
    const today = todayInSweden();
    median = String(workingDaysBetween(swedishDay(daysAgo(12)), swedishDay(daysAgo(2))));
    const answered = await createTestTasks({
      title: "Badplatser och badvatten",
      kommunkoder: ["1490", "1496"],
      dueDate: addWorkingDays(today, 5),
    });
    await db
      .updateTable("tasks")
      .set({ status: "answered", created_at: daysAgo(12), answered_at: daysAgo(2), answer_text: "Se datamängden." })
      .where("request_id", "=", answered.request.id)
      .execute();
    const dataset = await createTestDataset({ title: "Badplatser i Borås" });
    await db.insertInto("task_datasets").values({ task_id: answered.tasks["1490"].id, dataset_id: dataset.id }).execute();
    const overdue = await createTestTasks({ title: "Förskolor och lediga platser", kommunkoder: ["1490"], dueDate: "2026-01-15" });
    requestNumber = overdue.request.number;
  });

  it("ranks the municipalities in a chart and a table, works without JavaScript, and offers the CSV", async () => {
    const context = await e2e.browser.newContext({ baseURL: e2e.portal.url });
    const page = await context.newPage();
    // The chart's SVG comes with no inline style for the content security policy to refuse.
    const refused: string[] = [];
    page.on("console", (message) => {
      if (/Content Security Policy/i.test(message.text())) refused.push(message.text());
    });
    await page.goto("/");
    await page.getByRole("navigation", { name: "Huvudmeny" }).getByRole("link", { name: "Statistik" }).click();
    await page.getByRole("heading", { name: "Kommunernas svar i siffror", level: 1 }).waitFor();
    const chart = page.getByRole("img", { name: /Andel uppgifter besvarade i tid, per kommun/ });
    await chart.waitFor();
    // A text alternative in words: what the chart shows, its highest and lowest, where the figures are.
    const description = await page.locator(`[id="${await chart.getAttribute("aria-describedby")}"]`).textContent();
    expect(description).toMatch(/2 kommuner .*Högst: Skövde, 100\s%\. Lägst: Borås, 50\s%\. Samma siffror finns i tabellen nedan\./);
    // Each bar says its municipality and value in text, not by colour alone.
    expect(plainText(await chart.locator("text").allTextContents())).toEqual(expect.arrayContaining(["Skövde", "Borås", "100 %", "50 %"]));
    // Drawn by ECharts on the server: two bars, the second half as long as the first.
    const bars = await chart
      .locator('path[fill="#00507a"]')
      .evaluateAll((paths) => paths.map((p) => (p as SVGGraphicsElement).getBBox().width));
    expect(bars).toHaveLength(2);
    expect(bars[1] / bars[0]).toBeCloseTo(0.5, 2);
    expect(refused).toEqual([]);
    const table = page.getByRole("table");
    expect(await table.locator("tbody tr").count()).toBe(49);
    const firstRows = await table
      .locator("tbody tr")
      .evaluateAll((rows) => rows.slice(0, 2).map((row) => Array.from(row.children, (cell) => cell.textContent)));
    expect(firstRows.map(plainText)).toEqual([
      ["1", "Skövde", "100 %", median, "0", "0", "1", "0"],
      ["2", "Borås", "50 %", median, "1", "1", "1", "1"],
    ]);
    await expectAccessible(page);

    const csv = await fetch(`${e2e.portal.url}/statistik.csv`);
    expect(csv.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    const lines = (await csv.text()).trimEnd().split("\r\n");
    expect(lines).toHaveLength(50);
    expect(lines[2]).toBe(`2;Borås;1490;50;${median};1;1;1;0;0;1;1`);
    await context.close();

    const noScript = await e2e.browser.newContext({ baseURL: e2e.portal.url, javaScriptEnabled: false });
    const plain = await noScript.newPage();
    await plain.goto("/statistik");
    await plain.getByRole("img", { name: /Andel uppgifter besvarade i tid/ }).waitFor();
    expect(
      await plain
        .getByRole("img", { name: /Andel uppgifter besvarade i tid/ })
        .locator('path[fill="#00507a"]')
        .count(),
    ).toBe(2);
    await noScript.close();
  });

  // Drawn 720 units wide and shrunk to a phone's width, the chart's 14-unit text came out at 7 px.
  it("draws the chart's text at a readable size on a phone as on a computer", async () => {
    for (const width of [390, 1280]) {
      const context = await e2e.browser.newContext({ baseURL: e2e.portal.url, viewport: { width, height: 900 } });
      const page = await context.newPage();
      await page.goto("/statistik");
      const chart = page.getByRole("img", { name: /Andel uppgifter besvarade i tid, per kommun/ });
      await chart.waitFor();
      const smallest = await chart.evaluate((svg) => {
        const drawnWidth = Number(svg.getAttribute("width")) || (svg as SVGSVGElement).viewBox.baseVal.width;
        const scale = svg.getBoundingClientRect().width / drawnWidth;
        const sizes = Array.from(svg.querySelectorAll("text"), (text) => parseFloat(getComputedStyle(text).fontSize) * scale);
        return Math.min(...sizes);
      });
      expect(smallest, `at ${width} px`).toBeGreaterThanOrEqual(12);
      expect(plainText(await chart.locator("text").allTextContents())).toEqual(
        expect.arrayContaining(["Skövde", "Borås", "100 %", "50 %"]),
      );
      expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
      await expectAccessible(page);
      await context.close();
    }
  });

  it("opens a municipality's page from the table, with its figures, datasets and requests", async () => {
    const context = await e2e.browser.newContext({ baseURL: e2e.portal.url });
    const page = await context.newPage();
    await page.goto("/statistik");
    await page.getByRole("table").getByRole("link", { name: "Borås" }).click();
    await page.getByRole("heading", { name: "Borås", level: 1 }).waitFor();
    expect(await page.getByText("Kommunkod 1490").isVisible()).toBe(true);
    await page.getByRole("link", { name: "Badplatser i Borås" }).waitFor();
    const requests = page.getByRole("region", { name: "Förfrågningar till Borås" });
    expect(await requests.getByRole("row").filter({ hasText: "Förskolor och lediga platser" }).textContent()).toMatch(/Försenad/);
    await expectAccessible(page);
    await requests.getByRole("link", { name: "Förskolor och lediga platser" }).click();
    await page.waitForURL(`**/requests/${requestNumber}`);
    await context.close();
  });
});
