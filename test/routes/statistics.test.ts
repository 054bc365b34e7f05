import { beforeAll, describe, expect, it } from "vitest";
import { db } from "../../db/client.server";
import { localeCookie } from "../../app/i18n/locale.server";
import * as organisationRoute from "../../app/routes/organisationer.$slug";
import * as statisticsRoute from "../../app/routes/statistik";
import * as csvRoute from "../../app/routes/statistik[.]csv";
import { todayInSweden } from "../../app/utils/dates";
import { formatShare, formatWorkingDays } from "../../app/utils/statistics-format";
import { addWorkingDays } from "../../app/utils/working-days";
import { createTestDataset } from "../factories/dataset";
import { createTestTasks } from "../factories/task";
import { createTestUser } from "../factories/user";
import { readChartSvg } from "../support/chart-svg";
import { pageRequest, run, runWithStatus } from "../support/route-request";

/** The public statistics page, its CSV and the organisation page (issue 9, ADR 024). */

type StatisticsData = Awaited<ReturnType<typeof statisticsRoute.loader>>;
type OrganisationData = Exclude<Awaited<ReturnType<typeof organisationRoute.loader>>, Response>;

const today = todayInSweden();
const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000);
const dayOf = (date: Date) => date.toISOString().slice(0, 10);

const organisationPage = (slug: string, query = "") => ({ ...pageRequest(`/organisationer/${slug}${query}`), params: { slug } });

async function csv() {
  const response = (await csvRoute.loader({ ...pageRequest("/statistik.csv"), params: {} })) as Response;
  const text = new TextDecoder("utf-8", { ignoreBOM: true }).decode(await response.arrayBuffer());
  return {
    response,
    text,
    lines: text
      .replace(/^\uFEFF/, "")
      .trimEnd()
      .split("\r\n"),
  };
}

describe("the public statistics", () => {
  let assigneeName: string;
  beforeAll(async () => {
    const assignee = await createTestUser({ role: "responder", kommunkod: "1490" });
    assigneeName = (await db.selectFrom("users").select("name").where("id", "=", assignee.id).executeTakeFirstOrThrow()).name;
    // Borås: one answered in time with a dataset, one answered late, one overdue with an assignee and a draft.
    const inTime = await createTestTasks({ title: "Badplatser i Borås", kommunkoder: ["1490", "1496"], dueDate: addWorkingDays(today, 5) });
    const late = await createTestTasks({ title: "Laddplatser", kommunkoder: ["1490"], dueDate: dayOf(daysAgo(20)) });
    const overdue = await createTestTasks({
      title: "Förskolor",
      kommunkoder: ["1490"],
      dueDate: dayOf(daysAgo(3)),
      taskStatus: "in_progress",
      assigneeUserId: assignee.id,
    });
    await db
      .updateTable("tasks")
      .set({ status: "answered", created_at: daysAgo(30), answered_at: daysAgo(2), answer_text: "Här är badplatserna." })
      .where("id", "in", [inTime.tasks["1490"].id, inTime.tasks["1496"].id])
      .execute();
    await db
      .updateTable("tasks")
      .set({ status: "answered", created_at: daysAgo(40), answered_at: daysAgo(10) })
      .where("id", "=", late.tasks["1490"].id)
      .execute();
    await db.updateTable("tasks").set({ answer_text: "Utkast som ingen ska se" }).where("id", "=", overdue.tasks["1490"].id).execute();
    const dataset = await createTestDataset({ title: "Badplatser i Borås" });
    await db.insertInto("task_datasets").values({ task_id: inTime.tasks["1490"].id, dataset_id: dataset.id }).execute();
  });

  it("/statistik ranks every municipality, with a chart of the ranked ones drawn from the table's figures", async () => {
    const data = (await run(statisticsRoute.loader, pageRequest("/statistik"))) as StatisticsData;
    expect(data.municipalities).toHaveLength(49);
    const [first, second] = data.municipalities;
    expect([first.name, first.rank, first.shareInTime]).toEqual(["Skövde", 1, 1]);
    expect(second).toMatchObject({ name: "Borås", rank: 2, open: 1, overdue: 1, answered: 2, datasets: 1 });
    expect(second.shareInTime).toBeCloseTo(1 / 3);
    // The chart, drawn by ECharts on the server: an SVG image named and described in words, each
    // bar with its municipality and share as text, as long as its share.
    const chart = readChartSvg(data.chart!.svg);
    expect(chart).toMatchObject({ role: "img", title: { text: "Andel uppgifter besvarade i tid, per kommun" } });
    expect(chart.desc?.text).toMatch(
      /^Liggande stapeldiagram över 2 kommuner i rangordning\. Högst: Skövde, 100\s%\. Lägst: Borås, 33\s%\./,
    );
    const texts = chart.texts.map((text) => text.replace(/\s/g, " "));
    expect(texts).toEqual(expect.arrayContaining(["Skövde", "Borås", "100 %", "33 %"]));
    expect(texts.filter((text) => /^\d+ %$/.test(text)).slice(0, 6)).toEqual(["0 %", "20 %", "40 %", "60 %", "80 %", "100 %"]);
    expect(chart.barWidths).toHaveLength(2);
    expect(chart.barWidths[1] / chart.barWidths[0]).toBeCloseTo(1 / 3, 2);
  });

  it("/statistik draws the chart in the reader's language", async () => {
    const data = (await run(
      statisticsRoute.loader,
      pageRequest("/statistik", { cookie: await localeCookie.serialize("en") }),
    )) as StatisticsData;
    const chart = readChartSvg(data.chart!.svg);
    expect(chart.title?.text).toBe("Share of tasks answered in time, per municipality");
    expect(chart.texts.map((text) => text.replace(/\s/g, " "))).toEqual(expect.arrayContaining(["Skövde", "100%", "33%"]));
  });

  it("/statistik keeps a municipality's name as text in the chart, whatever it contains", async () => {
    const name = `Borås <script>alert("x")</script> & Ulricehamn`;
    await db.updateTable("organisations").set({ name }).where("kommunkod", "=", "1490").execute();
    try {
      const data = (await run(statisticsRoute.loader, pageRequest("/statistik"))) as StatisticsData;
      const svg = data.chart!.svg;
      expect(svg).not.toMatch(/<script/i);
      expect(readChartSvg(svg).joined).toContain(name);
      expect(readChartSvg(svg).desc?.text).toContain(`Lägst: ${name},`);
    } finally {
      await db.updateTable("organisations").set({ name: "Borås" }).where("kommunkod", "=", "1490").execute();
    }
  });

  it("/statistik.csv is UTF-8 with a BOM and a Swedish header, one row per municipality with the page's figures", async () => {
    const { response, text, lines } = await csv();
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("Content-Disposition")).toContain('filename="statistik.csv"');
    expect(text.charCodeAt(0)).toBe(0xfeff);
    expect(lines[0]).toBe(
      "Placering;Kommun;Kommunkod;Andel besvarade i tid (%);Median arbetsdagar till svar;Öppna uppgifter;Försenade uppgifter;" +
        "Besvarade uppgifter;Varav uppgifterna finns inte;Varav avböjda;Besvarade i tid;Länkade datamängder",
    );
    const data = (await run(statisticsRoute.loader, pageRequest("/statistik"))) as StatisticsData;
    const rows = lines.slice(1).map((line) => line.split(";"));
    expect(rows).toHaveLength(data.municipalities.length);
    rows.forEach((row, index) => {
      const m = data.municipalities[index];
      // The page's Swedish text, less the percent sign and the dash for "none".
      const onPage = (text: string) => (text === "–" ? "" : text);
      expect(row).toEqual([
        m.rank === null ? "" : String(m.rank),
        m.name,
        m.kommunkod,
        onPage(formatShare(m.shareInTime, "sv")).replace(/\s*%$/, ""),
        onPage(formatWorkingDays(m.medianWorkingDays, "sv")),
        String(m.open),
        String(m.overdue),
        String(m.answered),
        String(m.notHeld),
        String(m.declined),
        String(m.answeredInTime),
        String(m.datasets),
      ]);
    });
    expect(rows[1].slice(0, 4)).toEqual(["2", "Borås", "1490", "33"]);
    expect(new Set(rows.map((row) => row[2])).size).toBe(49);
  });

  it("/organisationer/<slug> shows the organisation's figures, its datasets and its requests, and nobody's name or draft", async () => {
    const data = (await run(organisationRoute.loader, organisationPage("boras"))) as OrganisationData;
    const statistics = (await run(statisticsRoute.loader, pageRequest("/statistik"))) as StatisticsData;
    const boras = statistics.municipalities.find((m) => m.kommunkod === "1490")!;
    const { id: _id, slug: _slug, name: _name, kommunkod: _kommunkod, rank: _rank, ...borasFigures } = boras;
    expect(data.figures).toEqual(borasFigures);
    expect(data.organisation).toMatchObject({ name: "Borås", slug: "boras", type: "municipality" });
    expect(data.datasets.map((d) => d.title)).toEqual([{ sv: "Badplatser i Borås" }]);
    expect(data.requests.map((r) => [r.title, r.status, r.overdue])).toEqual([
      ["Förskolor", "in_progress", true],
      ["Laddplatser", "answered", false],
      ["Badplatser i Borås", "answered", false],
    ]);
    const json = JSON.stringify(data);
    expect(json).not.toContain(assigneeName);
    expect(json).not.toContain("Utkast som ingen ska se");
    expect(json).not.toContain("@");
  });

  it("/organisationer answers 404 for an unknown or malformed slug, and a hand-edited page is page 1", async () => {
    expect((await runWithStatus(organisationRoute.loader, organisationPage("finns-inte"))).status).toBe(404);
    expect((await runWithStatus(organisationRoute.loader, organisationPage("Bor%C3%A5s'--"))).status).toBe(404);
    const data = (await run(organisationRoute.loader, organisationPage("boras", "?page=x"))) as OrganisationData;
    expect(data.page).toBe(1);
    const empty = (await run(organisationRoute.loader, organisationPage("boras", "?page=3"))) as OrganisationData;
    expect(empty.requests).toEqual([]);
  });
});
