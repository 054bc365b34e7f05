import { beforeAll, describe, expect, it } from "vitest";
import { db } from "../../db/client.server";
import { acceptDatasetAsAnswer, createRequest, markDuplicate, routeRequest } from "../../app/models/request.server";
import { recordSparedQuestions, reverseTimeSaved } from "../../app/models/time-saved.server";
import * as homeRoute from "../../app/routes/_index";
import * as reportPage from "../../app/routes/admin.tidsbesparing._index/route";
import * as assumptionsPage from "../../app/routes/admin.tidsbesparing.antaganden";
import * as jsonRoute from "../../app/routes/api.reports.time-saved";
import * as csvRoute from "../../app/routes/api.reports.time-saved[.]csv";
import * as methodologyPage from "../../app/routes/tidsbesparing.metod";
import { translate } from "../../app/i18n/translate";
import { formatHours } from "../../app/utils/time-saved-format";
import { createTestDataset } from "../factories/dataset";
import { createTestSurvey, testQuestion } from "../factories/survey";
import { newRequestInput } from "../factories/request";
import { createTestUser, getMunicipality, sessionCookieFor } from "../factories/user";
import { readChartSvg } from "../support/chart-svg";
import { pageRequest, run, runWithStatus } from "../support/route-request";

/** The time-saved report's JSON and CSV, the coordinators' pages and the public summary (issue 10, ADR 025). */

type Report = Awaited<ReturnType<typeof import("../../app/models/time-saved-report.server").getTimeSavedReport>> & { unit: string };

async function json(query = "") {
  const response = (await jsonRoute.loader(pageRequest(`/api/reports/time-saved${query}`))) as Response;
  return { status: response.status, body: (await response.json()) as Report & { error?: string } };
}

type CsvRow = Record<string, string>;

/** RFC 4180 with semicolons, as app/utils/csv.ts writes it. */
function parseCsv(text: string) {
  const records: string[][] = [[]];
  let field = "";
  let quoted = false;
  const endField = () => {
    records.at(-1)!.push(field);
    field = "";
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted && c === '"' && text[i + 1] === '"') {
      field += '"';
      i++;
    } else if (quoted && c === '"') quoted = false;
    else if (quoted) field += c;
    else if (c === '"') quoted = true;
    else if (c === ";") endField();
    else if (c === "\r" && text[i + 1] === "\n") {
      endField();
      records.push([]);
      i++;
    } else field += c;
  }
  if (records.at(-1)!.length === 0) records.pop();
  return records;
}

async function csv(query = "") {
  const response = (await csvRoute.loader(pageRequest(`/api/reports/time-saved.csv${query}`))) as Response;
  const text = new TextDecoder("utf-8", { ignoreBOM: true }).decode(await response.arrayBuffer());
  expect(text.startsWith("\uFEFF")).toBe(true);
  const [names, ...records] = parseCsv(text.slice(1));
  const rows: CsvRow[] = records.map((record) => Object.fromEntries(names.map((name, i) => [name, record[i]])));
  return { response, text, rows };
}

/** Sums of the CSV's rows by a key: net answers and the three scenarios' minutes. */
function sums(rows: CsvRow[], key: (row: CsvRow) => string) {
  const out = new Map<string, { answers: number; minutes: number; minutesLow: number; minutesHigh: number }>();
  for (const row of rows) {
    const k = key(row);
    const sum = out.get(k) ?? { answers: 0, minutes: 0, minutesLow: 0, minutesHigh: 0 };
    sum.answers += row.reverses_id ? -1 : 1;
    sum.minutes += Number(row.minutes);
    sum.minutesLow += Number(row.minutes_low);
    sum.minutesHigh += Number(row.minutes_high);
    out.set(k, sum);
  }
  return out;
}

const figuresOf = (f: { answers: number; minutes: number; minutesLow: number; minutesHigh: number }) => ({
  answers: f.answers,
  minutes: f.minutes,
  minutesLow: f.minutesLow,
  minutesHigh: f.minutesHigh,
});

/** The month and year of a timestamp in Swedish time, as the summary counts them. */
const swedishMonth = (iso: string) => new Date(iso).toLocaleDateString("sv-SE", { timeZone: "Europe/Stockholm" }).slice(0, 7);

describe("the time-saved report", () => {
  let requesterEmail: string;
  let requesterName: string;
  beforeAll(async () => {
    const requester = await createTestUser({ name: "Frida Frågare" });
    requesterEmail = (await db.selectFrom("users").select("email").where("id", "=", requester.id).executeTakeFirstOrThrow()).email;
    requesterName = "Frida Frågare";
    const coordinator = await createTestUser({ role: "coordinator" });
    const [boras, skovde, lerum] = await Promise.all(["1490", "1496", "1441"].map((code) => getMunicipality(code)));
    const borasData = await createTestDataset({ title: "Badplatser i Borås", publisherKommunkod: "1490" });
    const regionData = await createTestDataset({ title: "Hållplatser i länet", publisherKommunkod: "14" });

    // Existing data: Borås's own dataset, shown as an organisation; the region's, for three municipalities.
    await acceptDatasetAsAnswer({
      requesterUserId: requester.id,
      request: newRequestInput({ shownAs: "organisation", requesterOrganisationName: "Badappen AB" }),
      datasetUri: borasData.uri,
    });
    const regional = await acceptDatasetAsAnswer({
      requesterUserId: requester.id,
      request: newRequestInput({
        requesterType: "research",
        targetScope: "chosen",
        targetOrganisationIds: [boras.id, skovde.id, lerum.id],
      }),
      datasetUri: regionData.uri,
    });
    // A merge into a request routed to two municipalities.
    const original = await createRequest({ requesterUserId: requester.id, request: newRequestInput({ requesterType: "authority" }) });
    await routeRequest({ actorUserId: coordinator.id, requestId: original.id, organisationIds: [boras.id, skovde.id], workingDays: 20 });
    const duplicate = await createRequest({ requesterUserId: requester.id, request: newRequestInput({ requesterType: "authority" }) });
    await markDuplicate({ actorUserId: coordinator.id, requestId: duplicate.id, originalId: original.id });
    // Two survey questions not asked; one reversal of a regional row.
    const survey = await createTestSurvey({
      title: "Personal och lokaler",
      questions: [testQuestion({ text: "Hur många anställda har kommunen?" }), testQuestion({ text: "Hur stor är lokalytan?" })],
    });
    await db.transaction().execute(async (trx) => {
      await recordSparedQuestions(trx, [
        { questionId: survey.questionIds[0], organisationId: boras.id, minutes: 30, reason: "survey_question_reused" },
        {
          questionId: survey.questionIds[1],
          organisationId: lerum.id,
          minutes: 45,
          reason: "survey_question_open_data",
          datasetId: regionData.id,
        },
      ]);
      const row = await trx
        .selectFrom("time_saved")
        .select("id")
        .where("request_id", "=", regional.id)
        .orderBy("id")
        .executeTakeFirstOrThrow();
      await reverseTimeSaved(trx, { rowIds: [row.id], why: "Datamängden täckte inte Lerum.", actorUserId: coordinator.id });
    });
    // Rows from earlier months and years (written as the ledger then wrote them: no scenario figures).
    await db
      .insertInto("time_saved")
      .values([
        {
          occurred_at: new Date("2025-03-14T23:30:00Z"),
          organisation_id: skovde.id,
          minutes: 240,
          reason: "existing_dataset",
          assumption_version: 1,
        },
        {
          occurred_at: new Date("2025-12-31T23:30:00Z"),
          organisation_id: lerum.id,
          minutes: 240,
          reason: "duplicate_merged",
          assumption_version: 1,
        },
      ])
      .execute();
  });

  it("JSON totals in minutes equal the sums of the CSV's rows, in every breakdown and scenario", async () => {
    const { status, body: report } = await json();
    expect(status).toBe(200);
    expect(report.unit).toBe("minutes");
    const { rows } = await csv();
    expect(rows.length).toBeGreaterThanOrEqual(10);

    const all = sums(rows, () => "all").get("all")!;
    expect(figuresOf(report.totals)).toEqual(all);
    expect(report.totals.minutesLow).toBeLessThan(report.totals.minutes);
    expect(report.totals.minutesHigh).toBeGreaterThan(report.totals.minutes);

    const byMonth = sums(rows, (r) => swedishMonth(r.occurred_at));
    expect(new Map(report.byMonth.map((m) => [m.month, figuresOf(m)]))).toEqual(byMonth);
    // 2025-12-31T23:30Z is New Year's Day in Sweden: counted in January 2026.
    expect(byMonth.has("2026-01")).toBe(true);
    const byYear = sums(rows, (r) => swedishMonth(r.occurred_at).slice(0, 4));
    expect(new Map(report.byYear.map((y) => [String(y.year), figuresOf(y)]))).toEqual(byYear);
    const byQuarter = sums(rows, (r) => {
      const [y, m] = swedishMonth(r.occurred_at).split("-").map(Number);
      return `${y}-Q${Math.ceil(m / 3)}`;
    });
    expect(new Map(report.byQuarter.map((q) => [q.quarter, figuresOf(q)]))).toEqual(byQuarter);
    expect(new Map(report.byOrganisation.map((o) => [o.slug, figuresOf(o)]))).toEqual(sums(rows, (r) => r.organisation_slug));
    expect(new Map(report.byReason.map((r) => [r.reason, figuresOf(r)]))).toEqual(sums(rows, (r) => r.reason));
    expect(new Map(report.byRequester.map((r) => [`${r.requesterType}|${r.requesterOrganisation ?? ""}`, figuresOf(r)]))).toEqual(
      sums(rows, (r) => `${r.requester_type}|${r.requester_organisation}`),
    );
    const datasetMinutes = sums(
      rows.filter((r) => r.dataset_uri),
      (r) => r.dataset_uri,
    );
    expect(new Map(report.topDatasets.map((d) => [d.uri, { answers: d.answers, minutes: d.minutes }]))).toEqual(
      new Map([...datasetMinutes].map(([uri, f]) => [uri, { answers: f.answers, minutes: f.minutes }])),
    );
    expect(report.byRequester.map((r) => r.requesterOrganisation)).toContain("Badappen AB");
  });

  it("filters by year alike in the JSON and the CSV", async () => {
    const { body: report } = await json("?year=2025");
    const { rows } = await csv("?year=2025");
    expect(rows).toHaveLength(1);
    expect(figuresOf(report.totals)).toEqual(sums(rows, () => "all").get("all"));
    expect(report.byMonth.map((m) => m.month)).toEqual(["2025-03"]);
  });

  it("names no person: no e-mail, no name, no actor; a requester only as shown publicly", async () => {
    const { text, rows } = await csv();
    expect(text).not.toContain(requesterEmail);
    expect(text).not.toContain(requesterName);
    expect(Object.keys(rows[0])).not.toContain("actor_user_id");
    const jsonText = JSON.stringify((await json()).body);
    expect(jsonText).not.toContain(requesterEmail);
    expect(jsonText).not.toContain(requesterName);
  });

  it("answers a bad year with 400 and a message in both languages, never a 500", async () => {
    for (const query of ["?year=abc", "?year=1999", "?year=20261"]) {
      const { status, body } = await json(query);
      expect(status).toBe(400);
      expect(body.error).toMatch(/year måste vara.*\(year must be/);
      const response = (await csvRoute.loader(pageRequest(`/api/reports/time-saved.csv${query}`))) as Response;
      expect(response.status).toBe(400);
    }
  });

  it("shows the report page to coordinators only", async () => {
    const anonymous = await runWithStatus(reportPage.loader, pageRequest("/admin/tidsbesparing"));
    expect(anonymous.status).toBe(302);
    const requester = await runWithStatus(
      reportPage.loader,
      pageRequest("/admin/tidsbesparing", { cookie: await sessionCookieFor((await createTestUser()).id) }),
    );
    expect(requester.status).toBe(403);
    const responder = await runWithStatus(
      reportPage.loader,
      pageRequest("/admin/tidsbesparing", {
        cookie: await sessionCookieFor((await createTestUser({ role: "responder", kommunkod: "1490" })).id),
      }),
    );
    expect(responder.status).toBe(403);
    const cookie = await sessionCookieFor((await createTestUser({ role: "coordinator" })).id);
    const page = (await run(reportPage.loader, pageRequest("/admin/tidsbesparing?year=2026", { cookie }))) as Awaited<
      ReturnType<typeof reportPage.loader>
    >;
    expect(page.year).toBe(2026);
    // Each chart an SVG image drawn on the server, named as its table, each bar with its label and hours as text.
    const charts = [
      ["month", "report.byMonthTitle", page.report.byMonth.map((m) => [m.month, m.minutes] as const)],
      ["organisation", "report.byOrganisationTitle", page.report.byOrganisation.map((o) => [o.name, o.minutes] as const)],
      [
        "reason",
        "report.byReasonTitle",
        page.report.byReason.map((r) => [translate("sv", `timeSaved.reason.${r.reason}`), r.minutes] as const),
      ],
    ] as const;
    for (const [key, title, rows] of charts) {
      const chart = readChartSvg(page.charts[key]!.svg);
      expect(chart).toMatchObject({ role: "img", title: { text: translate("sv", title) } });
      expect(chart.desc?.text).toMatch(/^Liggande stapeldiagram med \d+ staplar\. Störst: /);
      const shown = rows.filter(([, minutes]) => minutes > 0);
      expect(shown.length).toBeGreaterThan(0);
      expect(chart.barWidths).toHaveLength(shown.length);
      for (const [label, minutes] of shown) {
        expect(chart.joined).toContain(label);
        expect(chart.texts).toContain(formatHours(minutes, "sv"));
      }
    }
    // Two requests answered by existing data; the draft survey is no request yet.
    expect(page.requestsByStatus).toContainEqual({ status: "answered_by_existing_data", data: 2, survey: 0 });
    expect(page.requestsByStatus.every((s) => s.survey === 0)).toBe(true);
    expect(page.questions.map((q) => [q.text, q.surveyTitle, q.answers, q.minutes])).toEqual([
      ["Hur stor är lokalytan?", "Personal och lokaler", 1, 45],
      ["Hur många anställda har kommunen?", "Personal och lokaler", 1, 30],
    ]);
  });

  it("lets only coordinators save assumptions: a new version, a bad form sent back with its text", async () => {
    const form = {
      municipalityLow: "100",
      municipalityCentral: "200",
      municipalityHigh: "400",
      regionLow: "100",
      regionCentral: "200",
      regionHigh: "400",
      questionPercentLow: "50",
      questionPercentHigh: "150",
      note: "Ny mätning hos tre kommuner.",
    };
    const requesterCookie = await sessionCookieFor((await createTestUser()).id);
    expect(
      (await runWithStatus(assumptionsPage.loader, pageRequest("/admin/tidsbesparing/antaganden", { cookie: requesterCookie }))).status,
    ).toBe(403);
    expect(
      (await runWithStatus(assumptionsPage.action, pageRequest("/admin/tidsbesparing/antaganden", { cookie: requesterCookie, form })))
        .status,
    ).toBe(403);
    const cookie = await sessionCookieFor((await createTestUser({ role: "coordinator" })).id);
    const before = await db.selectFrom("time_saved_assumptions").select("version").orderBy("version", "desc").executeTakeFirstOrThrow();
    const bad = await runWithStatus(
      assumptionsPage.action,
      pageRequest("/admin/tidsbesparing/antaganden", { cookie, form: { ...form, municipalityCentral: "-5", regionHigh: "50", note: " " } }),
    );
    expect(bad.status).toBe(400);
    expect(bad.data).toMatchObject({
      ok: false,
      fieldErrors: {
        municipalityCentral: ["errors.assumptionMinutesInvalid"],
        note: ["errors.assumptionNoteRequired"],
      },
      values: { municipalityCentral: "-5", regionHigh: "50" },
    });
    expect(
      (await db.selectFrom("time_saved_assumptions").select("version").orderBy("version", "desc").executeTakeFirstOrThrow()).version,
    ).toBe(before.version);
    const order = await runWithStatus(
      assumptionsPage.action,
      pageRequest("/admin/tidsbesparing/antaganden", { cookie, form: { ...form, regionHigh: "50" } }),
    );
    expect(order.status).toBe(400);
    expect(order.data).toMatchObject({ fieldErrors: { regionCentral: ["errors.assumptionScenarioOrder"] } });

    const saved = await run(assumptionsPage.action, pageRequest("/admin/tidsbesparing/antaganden", { cookie, form }));
    expect(saved).toEqual({ ok: true, version: before.version + 1 });
    const loaded = (await run(assumptionsPage.loader, pageRequest("/admin/tidsbesparing/antaganden", { cookie }))) as Awaited<
      ReturnType<typeof assumptionsPage.loader>
    >;
    expect(loaded.current).toMatchObject({ version: before.version + 1, minutes: { municipality: { low: 100, central: 200, high: 400 } } });
    // Public: the methodology lists every version, newest first.
    const methodology = await methodologyPage.loader(pageRequest("/tidsbesparing/metod"));
    expect(methodology.versions.map((v) => v.version).slice(0, 2)).toEqual([before.version + 1, before.version]);
  });

  it("sums this year's hours for the home page", async () => {
    const summary = await homeRoute.loader();
    const thisYear = String(summary.year);
    const { rows } = await csv(`?year=${thisYear}`);
    expect(summary.minutes).toBe(rows.reduce((sum, r) => sum + Number(r.minutes), 0));
    expect(summary.questionsNotAsked).toBe(2);
    expect(summary.answeredByExistingData).toBe(2);
    expect(summary.newest.length).toBeGreaterThan(0);
    expect(summary.mostSupported.every((r) => r.voteCount >= 0)).toBe(true);
  });
  it("lets a coordinator correct a row from the report page by a reversing row; the totals still equal the CSV's rows", async () => {
    const cookie = await sessionCookieFor((await createTestUser({ role: "coordinator" })).id);
    const target = await db
      .selectFrom("time_saved")
      .select(["id", "minutes"])
      .where("reason", "=", "duplicate_merged")
      .where("reverses_id", "is", null)
      .orderBy("id")
      .executeTakeFirstOrThrow();
    const post = (form: Record<string, string>, actorCookie = cookie) =>
      runWithStatus(reportPage.action, pageRequest("/admin/tidsbesparing", { cookie: actorCookie, form }));
    const requester = await sessionCookieFor((await createTestUser()).id);
    expect((await post({ rowId: String(target.id), why: "Fel." }, requester)).status).toBe(403);
    expect((await post({ rowId: "abc", why: "" })).data).toMatchObject({
      fieldErrors: { rowId: ["errors.ledgerRowInvalid"], why: ["errors.ledgerReasonRequired"] },
      values: { rowId: "abc" },
    });
    expect((await post({ rowId: "999999999", why: "Fel." })).data).toMatchObject({ formErrors: ["errors.ledgerRowNotFound"] });

    const done = await post({ rowId: String(target.id), why: "Originalet frågade inte Lerum." });
    expect(done.status).toBe(200);
    expect(done.data).toMatchObject({ ok: true, row: target.id });
    const again = await post({ rowId: String(target.id), why: "Igen." });
    expect(again).toMatchObject({ status: 400, data: { formErrors: ["errors.ledgerRowNotReversible"], values: { why: "Igen." } } });

    const { body: report } = await json();
    const { rows } = await csv();
    expect(figuresOf(report.totals)).toEqual(sums(rows, () => "all").get("all"));
    const reversal = rows.find((r) => r.reverses_id === String(target.id))!;
    expect(reversal).toMatchObject({ minutes: String(-target.minutes), basis: "reversal" });
    expect(JSON.parse(reversal.basis_detail)).toEqual({ why: "Originalet frågade inte Lerum.", correctedAt: expect.any(String) });
    // Booked in the reversed row's period: that month nets to what was rightly credited, no month goes negative.
    expect(reversal.occurred_at).toBe(rows.find((r) => r.id === String(target.id))!.occurred_at);
    expect(report.byMonth.every((m) => m.minutes >= 0)).toBe(true);
  });
});
