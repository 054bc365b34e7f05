import { sql, type ExpressionBuilder } from "kysely";
import { db } from "../../db/client.server";
import type { Database, LangMap } from "../../db/schema";
import { requestStatusesOpenToTasks, taskDoneStatuses, type TaskStatus } from "../domain/tasks";
import { todayInSweden } from "../utils/dates";
import { ensureWorkingDayCalendar, workingDayNumberOf, workingDayNumbers } from "./working-day-calendar.server";

/**
 * The public accountability figures (issue 9, ADR 024): for each organisation its open, answered
 * and overdue tasks, the median Swedish working days from routing (the task's creation) to its
 * outcome, the share answered in time and the datasets its answers link. Overdue is derived from
 * the due date and today, never stored, exactly as the inbox and the request page derive it.
 *
 * "Answered" is every outcome (answered, published, not held, declined): the organisation has
 * done its part. "In time" is an outcome on or before the due date; its share is of the tasks
 * whose time is up or that have an outcome (outcomes with a date, plus overdue ones), so a task
 * never answered counts against the organisation rather than vanishing from the figure.
 */

/**
 * The tasks the figures count: those of requests that were routed and are still the question
 * asked (open, partly answered, answered or closed). A merged-away or withdrawn request's tasks
 * were nobody's work to finish, as in the inbox.
 */
const requestStatusesCounted = [...requestStatusesOpenToTasks, "closed"] as const;

/** The outcomes whose linked datasets are public (a decline or "not held" links none). */
const statusesWithPublicLinks = ["answered", "published"] as const satisfies readonly TaskStatus[];

export interface OrganisationFigures {
  open: number;
  overdue: number;
  answered: number;
  /** Of `answered`: the outcome "we hold no such data" and reasoned refusals. */
  notHeld: number;
  declined: number;
  /** Outcomes on or before the due date. */
  answeredInTime: number;
  /** Outcomes with a date, plus overdue tasks: what the share in time is a share of. */
  timed: number;
  /** 0..1, null when nothing is timed yet. */
  shareInTime: number | null;
  /** Median Swedish working days from routing to the outcome; null before the first outcome. */
  medianWorkingDays: number | null;
  /** Distinct datasets (or pending dataset addresses) its answers and publications link. */
  datasets: number;
}

const emptyFigures: OrganisationFigures = {
  open: 0,
  overdue: 0,
  answered: 0,
  notHeld: 0,
  declined: 0,
  answeredInTime: 0,
  timed: 0,
  shareInTime: null,
  medianWorkingDays: null,
  datasets: 0,
};

type Scope = ExpressionBuilder<Database, "tasks">;

/**
 * What a task counts as, once per task: open (not yet due, or overdue), an outcome (of which
 * "not held" and declined are told apart), or neither (its request was closed before it was done).
 */
const OPEN = 0;
const OVERDUE = 1;
const ANSWERED = 2;
const NOT_HELD = 3;
const DECLINED = 4;
const UNFINISHED = 5;

/** Per organisation, the task figures; optionally for one organisation only. */
async function taskFigures(today: string, organisationId: string | null) {
  await ensureWorkingDayCalendar(today);
  // Raw SQL for the category, the FILTERed counts and the ordered-set median: Kysely builds none of them.
  const kind = sql<number>`CASE
    WHEN tasks.status IN (${sql.join([...taskDoneStatuses])})
      THEN CASE tasks.status WHEN 'not_held' THEN ${sql.lit(NOT_HELD)} WHEN 'declined' THEN ${sql.lit(DECLINED)} ELSE ${sql.lit(ANSWERED)} END
    WHEN requests.status IN (${sql.join([...requestStatusesOpenToTasks])})
      THEN CASE WHEN tasks.due_date < ${today}::date THEN ${sql.lit(OVERDUE)} ELSE ${sql.lit(OPEN)} END
    ELSE ${sql.lit(UNFINISHED)}
  END`;
  const done = sql`kind BETWEEN ${sql.lit(ANSWERED)} AND ${sql.lit(DECLINED)}`;
  const counts = db
    .selectFrom((qb) =>
      qb
        .selectFrom("tasks")
        .innerJoin("requests", "requests.id", "tasks.request_id")
        .crossJoin(workingDayNumbers().as("calendar"))
        .select([
          "tasks.organisation_id as organisationId",
          kind.as("kind"),
          // The days in Swedish time are generated columns: converting the timestamps here took
          // most of the query's time.
          sql<boolean>`tasks.answered_day <= tasks.due_date`.as("inTime"),
          sql<boolean>`tasks.answered_day IS NOT NULL`.as("hasDay"),
          sql<
            number | null
          >`${workingDayNumberOf(sql`calendar.numbers`, sql`tasks.answered_day`)} - ${workingDayNumberOf(sql`calendar.numbers`, sql`tasks.routed_day`)}`.as(
            "workingDays",
          ),
        ])
        .where("requests.status", "in", requestStatusesCounted)
        .$if(organisationId !== null, (qb) => qb.where("tasks.organisation_id", "=", organisationId!))
        // OFFSET 0 keeps this a subquery of its own, so each task's category is worked out once
        // and compared as an integer, instead of every FILTER below repeating the text comparisons
        // (50,000 tasks: 35 ms against 50).
        .offset(0)
        .as("task"),
    )
    .select([
      "task.organisationId",
      sql<number>`count(*) FILTER (WHERE kind IN (${sql.lit(OPEN)}, ${sql.lit(OVERDUE)}))`.as("open"),
      sql<number>`count(*) FILTER (WHERE kind = ${sql.lit(OVERDUE)})`.as("overdue"),
      sql<number>`count(*) FILTER (WHERE ${done})`.as("answered"),
      sql<number>`count(*) FILTER (WHERE kind = ${sql.lit(NOT_HELD)})`.as("notHeld"),
      sql<number>`count(*) FILTER (WHERE kind = ${sql.lit(DECLINED)})`.as("declined"),
      sql<number>`count(*) FILTER (WHERE ${done} AND "inTime")`.as("answeredInTime"),
      sql<number>`count(*) FILTER (WHERE (${done} AND "hasDay") OR kind = ${sql.lit(OVERDUE)})`.as("timed"),
      // Each organisation's answer times gathered by hashing, then sorted apart: one small sort
      // per organisation instead of sorting every task by organisation for percentile_cont.
      sql<number[]>`array_agg("workingDays") FILTER (WHERE ${done})`.as("workingDays"),
    ])
    .groupBy("task.organisationId")
    .as("figures");
  return db
    .selectFrom(counts)
    .select([
      "figures.organisationId",
      "figures.open",
      "figures.overdue",
      "figures.answered",
      "figures.notHeld",
      "figures.declined",
      "figures.answeredInTime",
      "figures.timed",
      sql<number | null>`(SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY days) FROM unnest(figures."workingDays") AS days)`.as(
        "medianWorkingDays",
      ),
    ])
    .execute();
}

function publicLinks(eb: Scope) {
  return eb("tasks.status", "in", statusesWithPublicLinks);
}

/** Per organisation, the distinct datasets its public answers link. */
async function datasetCounts(organisationId: string | null) {
  return db
    .selectFrom("task_datasets")
    .innerJoin("tasks", "tasks.id", "task_datasets.task_id")
    .innerJoin("requests", "requests.id", "tasks.request_id")
    .select([
      "tasks.organisation_id as organisationId",
      // A dataset linked by several answers counts once; a pending address is a dataset to come.
      // A link is one or the other (a CHECK constraint), so the two counts add up; each sorts its
      // own type, which is quicker than sorting them together as text.
      sql<number>`count(DISTINCT task_datasets.dataset_id) + count(DISTINCT task_datasets.pending_uri)`.as("datasets"),
    ])
    .where(publicLinks)
    .where("requests.status", "in", requestStatusesCounted)
    .$if(organisationId !== null, (qb) => qb.where("tasks.organisation_id", "=", organisationId!))
    .groupBy("tasks.organisation_id")
    .execute();
}

function figuresOf(
  row: Awaited<ReturnType<typeof taskFigures>>[number] | undefined,
  datasets: Awaited<ReturnType<typeof datasetCounts>>[number] | undefined,
): OrganisationFigures {
  if (!row) return { ...emptyFigures, datasets: datasets ? Number(datasets.datasets) : 0 };
  const timed = Number(row.timed);
  const answeredInTime = Number(row.answeredInTime);
  return {
    open: Number(row.open),
    overdue: Number(row.overdue),
    answered: Number(row.answered),
    notHeld: Number(row.notHeld),
    declined: Number(row.declined),
    answeredInTime,
    timed,
    shareInTime: timed > 0 ? answeredInTime / timed : null,
    medianWorkingDays: row.medianWorkingDays === null ? null : Number(row.medianWorkingDays),
    datasets: datasets ? Number(datasets.datasets) : 0,
  };
}

export interface MunicipalityStatistics extends OrganisationFigures {
  id: string;
  slug: string;
  name: string;
  kommunkod: string | null;
  /** 1 for the best; null for a municipality with nothing timed yet (nothing to rank it on). */
  rank: number | null;
}

/**
 * Ranked best first: the larger share answered in time, then the shorter median, then the fewer
 * overdue; municipalities with nothing to rank on last, by name.
 */
function compareRanked(a: MunicipalityStatistics, b: MunicipalityStatistics) {
  if (a.shareInTime === null || b.shareInTime === null) {
    if (a.shareInTime !== b.shareInTime) return a.shareInTime === null ? 1 : -1;
    return a.name.localeCompare(b.name, "sv");
  }
  return (
    b.shareInTime - a.shareInTime ||
    (a.medianWorkingDays ?? Infinity) - (b.medianWorkingDays ?? Infinity) ||
    a.overdue - b.overdue ||
    a.name.localeCompare(b.name, "sv")
  );
}

/** Every municipality with its figures, ranked (the public statistics page and its CSV). */
export async function listMunicipalityStatistics(input: { today?: string } = {}): Promise<MunicipalityStatistics[]> {
  const today = input.today ?? todayInSweden();
  const [municipalities, figures, datasets] = await Promise.all([
    db
      .selectFrom("organisations")
      .select(["id", "slug", "name", "kommunkod"])
      .where("type", "=", "municipality")
      .where("confirmed", "=", true)
      .execute(),
    taskFigures(today, null),
    datasetCounts(null),
  ]);
  const figuresById = new Map(figures.map((row) => [row.organisationId, row]));
  const datasetsById = new Map(datasets.map((row) => [row.organisationId, row]));
  const rows = municipalities
    .map((m) => ({ ...m, ...figuresOf(figuresById.get(m.id), datasetsById.get(m.id)), rank: null as number | null }))
    .sort(compareRanked);
  rows.forEach((row, index) => {
    if (row.shareInTime !== null) row.rank = index + 1;
  });
  return rows;
}

const REQUEST_PAGE_SIZE = 50;
const DATASET_LIMIT = 100;

/**
 * The public page of one organisation, or undefined when no organisation has the slug: its
 * figures, the datasets its answers link (newest first, at most DATASET_LIMIT) and the requests it
 * was asked, a page at a time (newest first), with its task's status and whether it is overdue.
 * Only what the request pages already show publicly: no assignee, no draft text.
 */
export async function getOrganisationPage(input: { slug: string; page?: number; today?: string }) {
  const today = input.today ?? todayInSweden();
  const page = input.page ?? 1;
  const organisation = await db
    .selectFrom("organisations")
    .select(["id", "slug", "name", "type", "kommunkod"])
    .where("slug", "=", input.slug)
    .executeTakeFirst();
  if (!organisation) return undefined;
  const overdue = sql<boolean>`(tasks.status NOT IN (${sql.join([...taskDoneStatuses])}) AND requests.status IN (${sql.join([...requestStatusesOpenToTasks])}) AND tasks.due_date < ${today}::date)`;
  const [figures, datasets, links, requests] = await Promise.all([
    taskFigures(today, organisation.id),
    datasetCounts(organisation.id),
    db
      .selectFrom((qb) =>
        qb
          .selectFrom("task_datasets")
          .innerJoin("tasks", "tasks.id", "task_datasets.task_id")
          .innerJoin("requests", "requests.id", "tasks.request_id")
          // Each dataset once, with the request that linked it last.
          .distinctOn(sql`coalesce(task_datasets.dataset_id::text, task_datasets.pending_uri)`)
          .select([
            "task_datasets.dataset_id as datasetId",
            "task_datasets.pending_uri as pendingUri",
            "requests.number as requestNumber",
            "task_datasets.created_at as linkedAt",
          ])
          .where("tasks.organisation_id", "=", organisation.id)
          .where(publicLinks)
          .where("requests.status", "in", requestStatusesCounted)
          .orderBy(sql`coalesce(task_datasets.dataset_id::text, task_datasets.pending_uri)`)
          .orderBy("task_datasets.created_at", "desc")
          .as("links"),
      )
      .leftJoin("datasets", "datasets.id", "links.datasetId")
      .select(["links.datasetId", "links.pendingUri", "links.requestNumber", "datasets.title"])
      .orderBy("links.linkedAt", "desc")
      .orderBy("links.requestNumber", "desc")
      .limit(DATASET_LIMIT)
      .execute(),
    db
      .selectFrom("tasks")
      .innerJoin("requests", "requests.id", "tasks.request_id")
      .select([
        "requests.number",
        "requests.title",
        "tasks.status",
        "tasks.due_date as dueDate",
        "tasks.answered_at as answeredAt",
        overdue.as("overdue"),
      ])
      .where("tasks.organisation_id", "=", organisation.id)
      .where("requests.status", "in", requestStatusesCounted)
      .orderBy("requests.number", "desc")
      .limit(REQUEST_PAGE_SIZE + 1)
      .offset((page - 1) * REQUEST_PAGE_SIZE)
      .execute(),
  ]);
  return {
    organisation,
    figures: figuresOf(figures[0], datasets[0]),
    datasets: links.map((link) => ({ ...link, title: (link.title ?? null) as LangMap | null })),
    requests: requests.slice(0, REQUEST_PAGE_SIZE),
    page,
    hasNextPage: requests.length > REQUEST_PAGE_SIZE,
    pageSize: REQUEST_PAGE_SIZE,
  };
}
