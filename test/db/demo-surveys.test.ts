import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "../../db/client.server";
import { DEMO_EMAIL_DOMAIN, seed } from "../../db/seed/index";
import { seedDemoRequests } from "../../db/seed/requests";
import { demoSurveys } from "../../db/seed/surveys/content";
import { seedDemoSurveys } from "../../app/jobs/demo-surveys.server";
import { getOrCreateCatalogueSource } from "../../app/models/catalogue-source.server";
import { harvestCatalogueSource } from "../../app/models/harvest.server";
import { mailTaskOutcomes } from "../../app/models/task.server";
import { getTimeSavedReport, listMostReusedQuestions } from "../../app/models/time-saved-report.server";
import { listSpecificationSummaries } from "../../app/models/specification-coverage.server";
import { todayInSweden } from "../../app/utils/dates";
import { addWorkingDays } from "../../app/utils/working-days";

const TODAY = "2026-11-30";
const catalogue = path.resolve("db/seed/data/catalogs/catalog-vg-public.rdf");

let created = 0;

beforeAll(async () => {
  // A fresh demo database, as `npm start` makes one: organisations and demo accounts, nothing to
  // match before the demo catalogue is harvested, then the demo requests and the surveys.
  await db.deleteFrom("organisations").execute();
  await seed(db, { demo: true });
  expect(await seedDemoSurveys({ today: TODAY })).toBe(0);
  const summary = await harvestCatalogueSource(await getOrCreateCatalogueSource({ location: catalogue }));
  expect(summary.status).toBe("succeeded");
  await seedDemoRequests(db, { today: TODAY, addWorkingDays, mailTaskOutcomes });
  created = await seedDemoSurveys({ today: TODAY });
}, 120_000);

const surveys = () => db.selectFrom("surveys").select(["id", "title", "status", "request_id"]).orderBy("created_at").execute();

describe("seedDemoSurveys", () => {
  it("sends surveys from authorities and researchers, in every status, through the survey commands", async () => {
    const rows = await surveys();
    expect(created).toBe(demoSurveys.length);
    expect(rows.map((s) => s.title)).toEqual(demoSurveys.map((s) => s.title));
    expect(new Set(rows.map((s) => s.status))).toEqual(new Set(["draft", "sent", "closed"]));
    for (const survey of rows) {
      expect(survey.request_id !== null, survey.title).toBe(survey.status !== "draft");
      const events = await db
        .selectFrom("events")
        .select("action")
        .where("entity_type", "=", "survey")
        .where("entity_id", "=", survey.id)
        .execute();
      expect(events.map((e) => e.action)).toContain("create");
      if (survey.status !== "draft") expect(events.map((e) => e.action)).toContain("send");
      if (survey.status === "closed") expect(events.map((e) => e.action)).toContain("close");
    }
    const senders = await db
      .selectFrom("surveys")
      .innerJoin("organisations", "organisations.id", "surveys.sender_organisation_id")
      .select("organisations.type")
      .distinct()
      .execute();
    expect(senders.map((s) => s.type).sort()).toEqual(["authority", "research"]);
  });

  it("has surveys answered by several municipalities, and a closed one whose results are public", async () => {
    const closed = (await surveys()).find((s) => s.status === "closed")!;
    const answeredTasks = await db
      .selectFrom("tasks")
      .select("organisation_id")
      .where("request_id", "=", closed.request_id)
      .where("status", "=", "answered")
      .execute();
    expect(answeredTasks.length).toBeGreaterThanOrEqual(5);
    const { getSurveyResultsTable } = await import("../../app/models/survey-results.server");
    const table = await getSurveyResultsTable({ surveyId: closed.id, viewer: { userId: null, readsAll: false } });
    expect(table?.access.visible).toBe(true);
    expect(table?.rows.every((row) => row.cells.every((cell) => cell !== null))).toBe(true);
  });

  it("reuses earlier answers and open data, with exactly one ledger row per spared question × municipality", async () => {
    const reused = await db
      .selectFrom("survey_answers")
      .select(["question_id", "organisation_id", "source", "reused_answer_id", "dataset_id"])
      .where("source", "in", ["reused_answer", "open_data"])
      .execute();
    const bySource = (source: string) => reused.filter((r) => r.source === source);
    expect(bySource("reused_answer").length).toBeGreaterThan(0);
    expect(bySource("open_data").length).toBeGreaterThan(0);
    for (const r of bySource("reused_answer")) expect(r.reused_answer_id).not.toBeNull();
    for (const r of bySource("open_data")) expect(r.dataset_id).not.toBeNull();

    const ledger = await db
      .selectFrom("time_saved")
      .select(["question_id", "organisation_id", "reason", "minutes"])
      .where("question_id", "is not", null)
      .execute();
    const key = (r: { question_id: string | null; organisation_id: string }) => `${r.question_id} ${r.organisation_id}`;
    expect(ledger.map(key).sort()).toEqual(reused.map(key).sort());
    const sourceOf = new Map(reused.map((r) => [key(r), r.source]));
    for (const row of ledger)
      expect(row.reason).toBe(sourceOf.get(key(row)) === "open_data" ? "survey_question_open_data" : "survey_question_reused");
  });

  it("gives the coordinators' report real figures for the spared questions", async () => {
    // The survey commands write "now": the report of this year shows them.
    const year = Number(todayInSweden().slice(0, 4));
    const report = await getTimeSavedReport({ year });
    const reason = (r: string) => report.byReason.find((row) => row.reason === r);
    expect(reason("survey_question_reused")?.minutes).toBeGreaterThan(0);
    expect(reason("survey_question_open_data")?.minutes).toBeGreaterThan(0);
    const ledger = await db
      .selectFrom("time_saved")
      .select((eb) => eb.fn.sum<number>("minutes").as("minutes"))
      .where("question_id", "is not", null)
      .executeTakeFirstOrThrow();
    expect(reason("survey_question_reused")!.minutes + reason("survey_question_open_data")!.minutes).toBe(Number(ledger.minutes));
    expect((await listMostReusedQuestions({ year })).length).toBeGreaterThan(0);
  });

  it("creates nothing when surveys exist", async () => {
    expect(await seedDemoSurveys({ today: TODAY })).toBe(0);
    expect(await surveys()).toHaveLength(created);
  });

  it("lets DEMO_DATA=off remove the demo accounts afterwards, keeping the surveys and their ledger rows", async () => {
    const ledger = () => db.selectFrom("time_saved").select("id").where("question_id", "is not", null).execute();
    const before = (await ledger()).length;
    await seed(db, { demo: false });
    expect(await surveys()).toHaveLength(created);
    expect(await ledger()).toHaveLength(before);
    const members = await db
      .selectFrom("memberships")
      .innerJoin("users", "users.id", "memberships.user_id")
      .select("users.email")
      .where("users.email", "like", `%@${DEMO_EMAIL_DOMAIN}`)
      .execute();
    expect(members).toEqual([]);
  });

  // Issue 14: the demo requests and a demo survey's question ask for national specifications, so a
  // fresh start shows demand on /specifikationer and in /api/specifications.
  it("links demo requests and a sent survey's question to national specifications, so a fresh start shows demand", async () => {
    const { items } = await listSpecificationSummaries({ origin: "https://example.test", page: 1, pageSize: 1000 });
    const demand = (name: string) => items.find((item) => item.name === name)?.demand;
    // Two who ask: the charging-points request's requester and the climate survey's sender (ADR 043).
    expect(demand("Laddpunkter (vägledning)")).toMatchObject({ requests: 1, surveyQuestions: 1, requesters: 2 });
    expect(demand("Detaljplan (NGP nationell specifikation)")).toMatchObject({ requests: 1, surveyQuestions: 0 });
    expect(demand("Offentliga toaletter")).toMatchObject({ requests: 1 });
    // Each link is its command's event: the coordinator's on the request, the sender's on the survey.
    const events = await db
      .selectFrom("events")
      .select(["entity_type", "actor_user_id"])
      .where("action", "=", "link_specification")
      .execute();
    expect(events.filter((e) => e.entity_type === "request")).toHaveLength(3);
    expect(events.filter((e) => e.entity_type === "survey")).toHaveLength(1);
    expect(events.every((e) => e.actor_user_id !== null)).toBe(true);
  });
});
