import { beforeAll, describe, expect, it } from "vitest";
import { sql } from "kysely";
import { db } from "../../db/client.server";
import type { RequestStatus, TaskStatus } from "../../db/schema";
import { getOrganisationPage, listMunicipalityStatistics } from "../../app/models/organisation-statistics.server";
import { ensureWorkingDayCalendar } from "../../app/models/working-day-calendar.server";
import { workingDaysBetween } from "../../app/utils/working-days";
import { createTestDataset } from "../factories/dataset";
import { createTestTasks } from "../factories/task";

/**
 * The public accountability figures (issue 9): a known set of tasks for Borås and Skövde, read on
 * a fixed day, 2026-07-01. Times are Swedish (+02:00 in summer).
 */
const TODAY = "2026-07-01";

async function task(input: {
  kommunkod: string;
  title: string;
  routedAt: string;
  dueDate: string;
  status: TaskStatus;
  answeredAt?: string | null;
  requestStatus?: RequestStatus;
}) {
  const { request, tasks } = await createTestTasks({
    title: input.title,
    kommunkoder: [input.kommunkod],
    dueDate: input.dueDate,
    taskStatus: input.status,
    status: input.requestStatus ?? "open",
  });
  const taskId = tasks[input.kommunkod].id;
  await db
    .updateTable("tasks")
    .set({ created_at: input.routedAt, answered_at: input.answeredAt ?? null })
    .where("id", "=", taskId)
    .execute();
  return { request, taskId };
}

async function link(taskId: string, target: { datasetId: string } | { pendingUri: string }) {
  await db
    .insertInto("task_datasets")
    .values({
      task_id: taskId,
      dataset_id: "datasetId" in target ? target.datasetId : null,
      pending_uri: "pendingUri" in target ? target.pendingUri : null,
    })
    .execute();
}

async function knownTasks() {
  // Routed the Monday before Easter, answered the Wednesday after: Good Friday and Easter Monday
  // are not working days, so 5 working days; due 2026-04-27, in time.
  const easter = await task({
    kommunkod: "1490",
    title: "Badplatser",
    routedAt: "2026-03-30T10:00:00+02:00",
    answeredAt: "2026-04-08T15:00:00+02:00",
    dueDate: "2026-04-27",
    status: "answered",
  });
  // Answered late: due 2026-06-22, answered half past midnight on the 23rd in Sweden (still the
  // 22nd in UTC). From 2026-05-04: 18 working days in May (Ascension Day off), 16 in June
  // (Midsummer Eve off) = 34.
  const late = await task({
    kommunkod: "1490",
    title: "Laddplatser",
    routedAt: "2026-05-04T09:00:00+02:00",
    answeredAt: "2026-06-23T00:30:00+02:00",
    dueDate: "2026-06-22",
    status: "published",
  });
  // "Not held", the next working day: 1 working day, in time.
  await task({
    kommunkod: "1490",
    title: "Lekplatser",
    routedAt: "2026-05-04T09:00:00+02:00",
    answeredAt: "2026-05-05T09:00:00+02:00",
    dueDate: "2026-06-01",
    status: "not_held",
  });
  // Overdue: pending past its due date.
  await task({ kommunkod: "1490", title: "Förskolor", routedAt: "2026-06-01T09:00:00+02:00", dueDate: "2026-06-12", status: "pending" });
  // Open, not yet due.
  await task({
    kommunkod: "1490",
    title: "Parkering",
    routedAt: "2026-06-22T09:00:00+02:00",
    dueDate: "2026-07-20",
    status: "in_progress",
  });
  // A declined answer's links are not public, and its dataset is not counted.
  const declined = await task({
    kommunkod: "1490",
    title: "Leverantörer",
    routedAt: "2026-06-01T09:00:00+02:00",
    answeredAt: "2026-06-02T09:00:00+02:00",
    dueDate: "2026-06-29",
    status: "declined",
  });
  // Not counted: a withdrawn request's task, and a closed request's unanswered task (not overdue).
  await task({
    kommunkod: "1490",
    title: "Återkallad",
    routedAt: "2026-05-04T09:00:00+02:00",
    dueDate: "2026-05-20",
    status: "pending",
    requestStatus: "withdrawn",
  });
  await task({
    kommunkod: "1490",
    title: "Stängd",
    routedAt: "2026-05-04T09:00:00+02:00",
    dueDate: "2026-05-20",
    status: "pending",
    requestStatus: "closed",
  });
  // Skövde: one answer in time, 2 working days.
  await task({
    kommunkod: "1496",
    title: "Cykelvägar",
    routedAt: "2026-06-08T09:00:00+02:00",
    answeredAt: "2026-06-10T09:00:00+02:00",
    dueDate: "2026-07-06",
    status: "answered",
  });

  const bathing = await createTestDataset({ title: "Badplatser i Borås" });
  const suppliers = await createTestDataset({ title: "Leverantörsreskontra" });
  await link(easter.taskId, { datasetId: bathing.id });
  await link(easter.taskId, { pendingUri: "https://data.boras.se/dataset/badvatten" });
  await link(late.taskId, { datasetId: bathing.id });
  await link(declined.taskId, { datasetId: suppliers.id });
  return { bathing, late };
}

const borasFigures = {
  open: 2,
  overdue: 1,
  answered: 4,
  notHeld: 1,
  declined: 1,
  answeredInTime: 3,
  timed: 5,
  shareInTime: 0.6,
  // 1, 1 (the decline), 5 and 34 working days.
  medianWorkingDays: 3,
  datasets: 2,
};

describe("organisation statistics", () => {
  let known: Awaited<ReturnType<typeof knownTasks>>;
  beforeAll(async () => {
    known = await knownTasks();
  });

  it("count open, overdue and answered tasks, the median working days and the share in time", async () => {
    const rows = await listMunicipalityStatistics({ today: TODAY });
    const boras = rows.find((row) => row.kommunkod === "1490")!;
    const skovde = rows.find((row) => row.kommunkod === "1496")!;
    expect(boras).toMatchObject(borasFigures);
    expect(skovde).toMatchObject({ open: 0, overdue: 0, answered: 1, shareInTime: 1, medianWorkingDays: 2, datasets: 0 });

    // Every municipality once, ranked on the share in time; those with nothing timed unranked.
    expect(rows).toHaveLength(49);
    expect(rows.slice(0, 2).map((row) => [row.kommunkod, row.rank])).toEqual([
      ["1496", 1],
      ["1490", 2],
    ]);
    expect(rows.slice(2).every((row) => row.rank === null && row.shareInTime === null && row.medianWorkingDays === null)).toBe(true);
    const names = rows.slice(2).map((row) => row.name);
    expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b, "sv")));
  });

  it("gives the organisation page the same figures, its public datasets and its requests", async () => {
    const { late } = known;
    const page = (await getOrganisationPage({ slug: "boras", today: TODAY }))!;
    expect(page.organisation.name).toBe("Borås");
    expect(page.figures).toEqual(expect.objectContaining({ ...borasFigures }));
    // The bathing sites dataset once (linked by two answers), the pending address; not the declined task's.
    expect(page.datasets.map((d) => d.datasetId ?? d.pendingUri)).toHaveLength(2);
    expect(page.datasets.some((d) => d.pendingUri === "https://data.boras.se/dataset/badvatten")).toBe(true);
    expect(page.datasets.find((d) => d.datasetId)?.requestNumber).toBe(late.request.number);
    // Its requests, newest first; the withdrawn one is not among them, the closed one is.
    const titles = page.requests.map((r) => r.title);
    expect(titles).toEqual(["Stängd", "Leverantörer", "Parkering", "Förskolor", "Lekplatser", "Laddplatser", "Badplatser"]);
    expect(page.requests.find((r) => r.title === "Förskolor")?.overdue).toBe(true);
    expect(page.requests.find((r) => r.title === "Stängd")?.overdue).toBe(false);
    expect(page.requests.find((r) => r.title === "Parkering")?.overdue).toBe(false);
    expect(Object.keys(page.requests[0]).sort()).toEqual(["answeredAt", "dueDate", "number", "overdue", "status", "title"]);
    expect(await getOrganisationPage({ slug: "ingen-sadan", today: TODAY })).toBeUndefined();
  });

  it("count working days in SQL as the deadlines count them, across påsk, midsommar, jul and nyår", async () => {
    await ensureWorkingDayCalendar(TODAY);
    const pairs = [
      ["2026-03-30", "2026-04-08"],
      ["2026-06-18", "2026-06-23"],
      ["2026-12-23", "2027-01-07"],
      ["2025-12-30", "2026-01-02"],
      ["2024-03-28", "2024-04-02"],
      ["2027-06-24", "2027-06-28"],
      ["2026-07-01", "2026-07-01"],
    ];
    for (const [from, to] of pairs) {
      const { rows } = await sql<{ days: number }>`
        SELECT b.working_days - a.working_days AS days
        FROM working_day_calendar a, working_day_calendar b WHERE a.day = ${from}::date AND b.day = ${to}::date`.execute(db);
      expect({ from, to, days: rows[0]?.days }).toEqual({ from, to, days: workingDaysBetween(from, to) });
    }
    // Twice is harmless: the calendar is complete and unchanged.
    const before = await db
      .selectFrom("working_day_calendar")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow();
    await ensureWorkingDayCalendar("2026-07-02");
    const after = await db
      .selectFrom("working_day_calendar")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);
  });
});
