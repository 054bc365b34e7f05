import { sql, type ExpressionBuilder } from "kysely";
import { db } from "../../db/client.server";
import type { Database } from "../../db/schema";
import { requestStatusesOpenToTasks, taskDoneStatuses, type TaskStatus } from "../domain/tasks";
import { todayInSweden } from "../utils/dates";
import { addWorkingDays } from "../utils/working-days";

/**
 * The responders' inbox (issue 9): the tasks of the organisations the reader works for (a
 * coordinator: every organisation), overdue first, then by due date. Overdue is derived from the
 * due date (itself counted in Swedish working days) and today in Sweden, never stored.
 */
export interface InboxInput {
  /** The organisations whose tasks the reader may see; null for every organisation (coordinators). */
  organisationIds: string[] | null;
  /** Narrow to one of them. */
  organisationId?: string | null;
  statuses?: TaskStatus[];
  /** Only tasks not done and overdue. */
  overdueOnly?: boolean;
  /** Only tasks due within so many Swedish working days from today (overdue ones included). */
  dueWithinWorkingDays?: number | null;
  text?: string;
  page?: number;
  pageSize?: number;
  today?: string;
}

type TaskScope = ExpressionBuilder<Database, "tasks" | "requests">;

function escapeLike(text: string) {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

function scopeWhere(eb: TaskScope, input: InboxInput, withStatus: boolean, today: string) {
  const conditions = [];
  if (input.organisationIds !== null) conditions.push(eb("tasks.organisation_id", "in", input.organisationIds));
  if (input.organisationId) conditions.push(eb("tasks.organisation_id", "=", input.organisationId));
  if (withStatus && input.statuses?.length) conditions.push(eb("tasks.status", "in", input.statuses));
  if (input.overdueOnly) {
    conditions.push(eb("tasks.status", "not in", taskDoneStatuses));
    conditions.push(eb("requests.status", "in", requestStatusesOpenToTasks));
    conditions.push(eb("tasks.due_date", "<", today));
  }
  if (input.dueWithinWorkingDays) conditions.push(eb("tasks.due_date", "<=", addWorkingDays(today, input.dueWithinWorkingDays)));
  const text = input.text?.trim();
  if (text) {
    const pattern = `%${escapeLike(text)}%`;
    const number = /^\d{1,9}$/.test(text) ? Number(text) : null;
    conditions.push(
      eb.or([
        eb("requests.title", "ilike", pattern),
        eb("requests.body", "ilike", pattern),
        ...(number !== null ? [eb("requests.number", "=", number)] : []),
      ]),
    );
  }
  // Tasks of a request merged away or withdrawn are no one's work.
  conditions.push(eb("requests.status", "in", ["open", "partly_answered", "answered", "closed"]));
  return eb.and(conditions);
}

export async function listInboxTasks(input: InboxInput) {
  if (input.organisationIds !== null && input.organisationIds.length === 0) {
    return {
      tasks: [],
      total: 0,
      counts: {} as Partial<Record<TaskStatus, number>>,
      overdueCount: 0,
      page: 1,
      pageSize: input.pageSize ?? 50,
    };
  }
  const today = input.today ?? todayInSweden();
  const pageSize = input.pageSize ?? 50;
  const page = input.page ?? 1;
  const base = db.selectFrom("tasks").innerJoin("requests", "requests.id", "tasks.request_id");
  // Raw SQL for the derived flag: one expression used for ordering and for the page alike. A task of a
  // closed (or otherwise final) request takes no more work, so it is never overdue.
  const overdue = sql<boolean>`(tasks.status NOT IN (${sql.join([...taskDoneStatuses])}) AND requests.status IN (${sql.join([...requestStatusesOpenToTasks])}) AND tasks.due_date < ${today}::date)`;
  const [rows, counts, total] = await Promise.all([
    base
      .innerJoin("organisations", "organisations.id", "tasks.organisation_id")
      .leftJoin("users as assignee", "assignee.id", "tasks.assignee_user_id")
      .select([
        "tasks.id",
        "tasks.status",
        // The inbox's bulk answer sends it back: a task changed since the list was shown is refused (ADR 023).
        "tasks.version",
        "tasks.due_date as dueDate",
        "tasks.organisation_id as organisationId",
        "organisations.name as organisationName",
        "assignee.name as assigneeName",
        "requests.number as requestNumber",
        "requests.title as requestTitle",
        "requests.status as requestStatus",
        overdue.as("overdue"),
      ])
      .where((eb) => scopeWhere(eb, input, true, today))
      .orderBy(overdue, "desc")
      .orderBy("tasks.due_date")
      .orderBy("requests.number")
      .orderBy("tasks.id")
      .limit(pageSize)
      .offset((page - 1) * pageSize)
      .execute(),
    base
      .select(["tasks.status", (eb) => eb.fn.countAll<string>().as("count")])
      .where((eb) => scopeWhere(eb, { ...input, statuses: [] }, false, today))
      .groupBy("tasks.status")
      .execute(),
    base
      .select([(eb) => eb.fn.countAll<string>().as("count"), sql<string>`count(*) FILTER (WHERE ${overdue})`.as("overdue")])
      .where((eb) => scopeWhere(eb, input, true, today))
      .executeTakeFirstOrThrow(),
  ]);
  return {
    tasks: rows,
    total: Number(total.count),
    overdueCount: Number(total.overdue),
    counts: Object.fromEntries(counts.map((c) => [c.status, Number(c.count)])) as Partial<Record<TaskStatus, number>>,
    page,
    pageSize,
  };
}

/** The organisations a coordinator may filter the inbox by: those that have tasks, by name. */
export async function listOrganisationsWithTasks(organisationIds: string[] | null) {
  if (organisationIds !== null && organisationIds.length === 0) return [];
  return db
    .selectFrom("organisations")
    .select(["id", "name"])
    .where((eb) => eb.exists(eb.selectFrom("tasks").select("tasks.id").whereRef("tasks.organisation_id", "=", "organisations.id")))
    .$if(organisationIds !== null, (qb) => qb.where("id", "in", organisationIds ?? []))
    .orderBy("name")
    .execute();
}
