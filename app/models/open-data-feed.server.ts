import { sql } from "kysely";
import { db } from "../../db/client.server";
import type { LangMap } from "../../db/schema";
import type { RequestKind, RequestStatus, TargetScope } from "../domain/requests";
import { isTaskDone, requestStatusesOpenToTasks } from "../domain/tasks";
import { filtersOf, publicRequests, textQuery, type RegisterFilters } from "./request-register.server";
import { getRequestPage, listTasksDatasets } from "./request-page.server";

/**
 * What the Atom feeds carry (ADR 038): only what an anonymous reader of the pages sees. The
 * requester as they chose to be shown, never an e-mail address; a task's answer once given.
 */

/** Entries per feed: a reader polls it; older entries are on the pages. */
export const FEED_LIMIT = 50;

export interface FeedRequest {
  id: string;
  number: number;
  title: string;
  body: string;
  status: RequestStatus;
  kind: RequestKind;
  tags: string[];
  requester: string | null;
  createdAt: Date;
  updatedAt: Date;
}

/** The newest requests the register's filters find (newest first), for `/requests.atom`. */
export async function listRegisterFeed(filters: RegisterFilters, limit = FEED_LIMIT): Promise<FeedRequest[]> {
  const tsquery = await textQuery(filters.text);
  const rows = await publicRequests()
    .select(["r.body", "r.updated_at"])
    .where(filtersOf(filters, tsquery))
    // Without words, requests_created_idx serves the order and the scan stops at the limit. With
    // words, ordering by an expression keeps the planner from walking that index and testing each
    // request's text (160 ms for a word in one request of eighteen at 10,000); the text index finds
    // the matches and the newest are sorted from them (ADR 038).
    .orderBy(tsquery === null ? sql`r.created_at` : sql`r.created_at + interval '0 seconds'`, "desc")
    // The number breaks ties as the register does.
    .orderBy("r.number", "desc")
    .limit(limit)
    .execute();
  return rows.map(feedRequestOf);
}

/** A row of `publicRequests()` with its body and update time, as a feed or the register file carries it. */
function feedRequestOf(row: Omit<FeedRequest, "createdAt" | "updatedAt"> & { created_at: Date; updated_at: Date }): FeedRequest {
  return {
    id: row.id,
    number: row.number,
    title: row.title,
    body: row.body,
    status: row.status,
    kind: row.kind,
    tags: row.tags,
    requester: row.requester ?? null,
    createdAt: row.created_at,
    updatedAt: row.updated_at > row.created_at ? row.updated_at : row.created_at,
  };
}

/** One request's public timeline (the request page's own), or undefined for an unknown number. */
export async function getRequestFeed(input: { requestNumber: number }) {
  const page = await getRequestPage({ requestNumber: input.requestNumber, viewerUserId: null });
  if (!page) return undefined;
  return { request: page.request, timeline: page.timeline.slice(-FEED_LIMIT).reverse() };
}

/** The requests an organisation was sent, as on its page: routed ones (a task), not merged or withdrawn. */
const STATUSES_SHOWN = [...requestStatusesOpenToTasks, "closed"] as const;

/**
 * An organisation's requests and answers, for `/organisationer/<slug>/flode.atom`: one entry per
 * task of it, updated when it was routed and again when the organisation answered; undefined for
 * an unknown slug. The answer's text and linked datasets only once given, as the request page shows.
 */
export async function getOrganisationFeed(input: { slug: string; limit?: number }) {
  const organisation = await db
    .selectFrom("organisations")
    .select(["id", "slug", "name", "type", "kommunkod"])
    .where("slug", "=", input.slug)
    .executeTakeFirst();
  if (!organisation) return undefined;
  const tasks = await db
    .selectFrom("tasks")
    .innerJoin("requests", "requests.id", "tasks.request_id")
    .select([
      "tasks.id",
      "tasks.status",
      "tasks.answer_text as answerText",
      "tasks.created_at as routedAt",
      "tasks.answered_at as answeredAt",
      "tasks.due_date as dueDate",
      "requests.number",
      "requests.title",
    ])
    .where("tasks.organisation_id", "=", organisation.id)
    .where("requests.status", "in", STATUSES_SHOWN)
    // An answered task sorts by its answer, another by its routing.
    .orderBy((eb) => eb.fn.coalesce("tasks.answered_at", "tasks.created_at"), "desc")
    .orderBy("requests.number", "desc")
    .limit(input.limit ?? FEED_LIMIT)
    .execute();
  // Links belong to an answer or a publication; a decline or "not held" shows none (as the request page).
  const withLinks = tasks.filter((task) => task.status === "answered" || task.status === "published");
  const links = await listTasksDatasets(withLinks.map((task) => task.id));
  return {
    organisation,
    entries: tasks.map((task) => {
      const done = isTaskDone(task.status);
      return {
        id: task.id,
        number: task.number,
        title: task.title,
        status: task.status,
        dueDate: task.dueDate,
        routedAt: task.routedAt,
        answeredAt: done ? task.answeredAt : null,
        // A reopened task's draft is not public until it is given again (as on the request page).
        answerText: done ? task.answerText : null,
        datasets: links
          .filter((link) => link.taskId === task.id)
          .map((link) => ({ datasetId: link.datasetId, pendingUri: link.pendingUri, title: (link.title ?? null) as LangMap | null })),
      };
    }),
  };
}

/** One request of the register file (`/requests.csv`), as public as the register page. */
export interface RegisterExportRow extends FeedRequest {
  answeredAt: Date | null;
  dueDate: string | null;
  targetScope: TargetScope;
  votes: number;
  comments: number;
  /** The organisations chosen; empty for "all" and "region", which the file names in words. */
  targets: { name: string; kommunkod: string | null }[];
}

/**
 * Every request the register's filter finds, newest number first, a batch at a time (keyset on
 * the number, so the 10,000th row costs what the first does and the server holds one batch).
 */
export async function* streamRegisterRows(filters: RegisterFilters, batchSize = 1000): AsyncGenerator<RegisterExportRow[]> {
  const tsquery = await textQuery(filters.text);
  let before: number | null = null;
  for (;;) {
    const rows = await publicRequests()
      .select(["r.body", "r.updated_at", "r.answered_at", "r.due_date", "r.target_scope", "r.vote_count", "r.comment_count"])
      .where(filtersOf(filters, tsquery))
      .$if(before !== null, (qb) => qb.where("r.number", "<", before!))
      .orderBy("r.number", "desc")
      .limit(batchSize)
      .execute();
    if (rows.length === 0) return;
    const chosen = rows.filter((row) => row.target_scope === "chosen").map((row) => row.id);
    const targets = chosen.length
      ? await db
          .selectFrom("request_targets as t")
          .innerJoin("organisations as o", "o.id", "t.organisation_id")
          .select(["t.request_id", "o.name", "o.kommunkod"])
          .where("t.request_id", "in", chosen)
          .orderBy("o.name")
          .execute()
      : [];
    // Grouped once per batch: a filter per row would read the batch's targets once for each of its rows.
    const targetsOf = new Map<string, { name: string; kommunkod: string | null }[]>();
    for (const { request_id, name, kommunkod } of targets) {
      const list = targetsOf.get(request_id);
      if (list) list.push({ name, kommunkod });
      else targetsOf.set(request_id, [{ name, kommunkod }]);
    }
    yield rows.map((row) => ({
      ...feedRequestOf(row),
      answeredAt: row.answered_at,
      dueDate: row.due_date,
      targetScope: row.target_scope,
      votes: row.vote_count,
      comments: row.comment_count,
      targets: row.target_scope === "chosen" ? (targetsOf.get(row.id) ?? []) : [],
    }));
    if (rows.length < batchSize) return;
    before = rows[rows.length - 1].number;
  }
}
