import { db } from "../../db/client.server";
import type { LangMap } from "../../db/schema";
import { isTaskOverdue, type TaskStatus } from "../domain/tasks";
import { todayInSweden } from "../utils/dates";
import { workingDaysBetween } from "../utils/working-days";
import { searchDatasets } from "./dataset.server";
import { findExistingAnswers } from "./match.server";
import { requesterAs } from "./request-page.server";

/**
 * The read side of the task page (`/uppgifter/<id>`, issue 9): the request as the public sees it,
 * the task, its history, the colleagues it may be given to, the datasets the matcher suggests for
 * this municipality and, when the responder searches, the catalogue's datasets (own first).
 */

/** The organisation a task belongs to, for the permission check before anything else is read. */
export async function getTaskOrganisationId(taskId: string) {
  return (await db.selectFrom("tasks").select("organisation_id").where("id", "=", taskId).executeTakeFirst())?.organisation_id;
}

async function findTask(taskId: string) {
  return db
    .selectFrom("tasks")
    .innerJoin("organisations", "organisations.id", "tasks.organisation_id")
    .innerJoin("requests", "requests.id", "tasks.request_id")
    .leftJoin("users as requester", "requester.id", "requests.requester_user_id")
    .leftJoin("users as assignee", "assignee.id", "tasks.assignee_user_id")
    .leftJoin("decline_reasons", "decline_reasons.id", "tasks.decline_reason_id")
    .select([
      "tasks.id",
      "tasks.status",
      "tasks.version",
      "tasks.due_date as dueDate",
      "tasks.answer_text as answerText",
      "tasks.decline_reason as declineText",
      "decline_reasons.label_sv as declineReasonSv",
      "decline_reasons.label_en as declineReasonEn",
      "tasks.assignee_user_id as assigneeUserId",
      "assignee.name as assigneeName",
      "tasks.organisation_id as organisationId",
      "organisations.name as organisationName",
      "requests.id as requestId",
      "requests.number as requestNumber",
      "requests.title as requestTitle",
      "requests.body as requestBody",
      "requests.purpose as requestPurpose",
      "requests.status as requestStatus",
      "requests.vote_count as voteCount",
      "requests.follower_count as followerCount",
      "requests.requester_shown_as as shownAs",
      "requests.requester_organisation_name as organisationNameOfRequester",
      "requester.name as requesterName",
    ])
    .where("tasks.id", "=", taskId)
    .executeTakeFirst();
}

async function listTaskDatasets(taskId: string) {
  const rows = await db
    .selectFrom("task_datasets")
    .leftJoin("datasets", "datasets.id", "task_datasets.dataset_id")
    .select([
      "task_datasets.id",
      "task_datasets.dataset_id as datasetId",
      "task_datasets.pending_uri as pendingUri",
      "datasets.title",
      "datasets.uri",
    ])
    .where("task_datasets.task_id", "=", taskId)
    .orderBy("task_datasets.created_at")
    .execute();
  return rows.map((row) => ({ ...row, title: (row.title ?? null) as LangMap | null }));
}

async function listHistory(taskId: string) {
  const rows = await db
    .selectFrom("events")
    .leftJoin("users", "users.id", "events.actor_user_id")
    .select([
      "events.id",
      "events.occurred_at as occurredAt",
      "events.action",
      "events.from_state as fromState",
      "events.to_state as toState",
      "events.reason",
      "events.data",
      "users.name as actorName",
    ])
    .where("events.entity_type", "=", "task")
    .where("events.entity_id", "=", taskId)
    .orderBy("events.occurred_at")
    .orderBy("events.id")
    .execute();
  // A task's statuses are written only by app/models/task.server.ts; other events (an assignment, a
  // pending link a harvest resolved) have none and say what they were by their action.
  return rows.map(({ data, ...row }) => {
    const bulk = (data as { bulk?: { size?: unknown } } | null)?.bulk;
    return {
      ...row,
      fromState: row.fromState as TaskStatus | null,
      toState: row.toState as TaskStatus | null,
      kind:
        row.fromState && row.toState
          ? "change"
          : row.action === "assign"
            ? "assign"
            : row.action === "link_resolved"
              ? "link_resolved"
              : "other",
      /** Answered together with this many tasks (ADR 023), or null. */
      bulkSize: typeof bulk?.size === "number" ? bulk.size : null,
    } as const;
  });
}

async function listColleagues(organisationId: string) {
  return db
    .selectFrom("memberships")
    .innerJoin("users", "users.id", "memberships.user_id")
    .select(["users.id", "users.name"])
    .distinct()
    .where("memberships.organisation_id", "=", organisationId)
    .orderBy("users.name")
    .execute();
}

/**
 * What the matcher finds for the request, this organisation's own datasets first. A search engine
 * that is down leaves the list empty rather than the page broken: the responder can still answer.
 */
async function suggestDatasets(text: string, organisationId: string) {
  const match = await findExistingAnswers(text, { limit: 30 }).catch(() => null);
  if (!match || match.datasets.length === 0) return [];
  const uris = match.datasets.map((d) => d.uri);
  const rows = await db
    .selectFrom("datasets")
    .select(["id", "uri", "publisher_organisation_id as publisherId"])
    .where("uri", "in", uris)
    .where("removed_at", "is", null)
    .execute();
  const byUri = new Map(rows.map((row) => [row.uri, row]));
  return match.datasets
    .flatMap((d) => {
      const row = byUri.get(d.uri);
      return row
        ? [{ id: row.id, uri: d.uri, title: d.title, publisher: d.publisher, score: d.score, own: row.publisherId === organisationId }]
        : [];
    })
    .sort((a, b) => Number(b.own) - Number(a.own) || b.score - a.score)
    .slice(0, 10);
}

/** The catalogue search of the dataset picker: this organisation's datasets first. */
async function pickDatasets(query: string, organisationName: string) {
  const result = await searchDatasets({ text: query, pageSize: 20 }).catch(() => null);
  if (!result) return { hits: [], failed: true };
  const hits = result.hits
    .map((hit) => ({ id: hit.entityId, uri: hit.uri, title: hit.title, publisher: hit.publisher, own: hit.publisher === organisationName }))
    .sort((a, b) => Number(b.own) - Number(a.own));
  return { hits, failed: false };
}

export async function getTaskPage(input: { taskId: string; datasetQuery?: string; today?: string }) {
  const task = await findTask(input.taskId);
  if (!task) return undefined;
  const today = input.today ?? todayInSweden();
  const [datasets, history, colleagues, suggestions, picker] = await Promise.all([
    listTaskDatasets(task.id),
    listHistory(task.id),
    listColleagues(task.organisationId),
    suggestDatasets(`${task.requestTitle}\n${task.requestBody}`, task.organisationId),
    input.datasetQuery?.trim() ? pickDatasets(input.datasetQuery.trim(), task.organisationName) : Promise.resolve(null),
  ]);
  return {
    task: {
      id: task.id,
      status: task.status,
      version: task.version,
      dueDate: task.dueDate,
      overdue: isTaskOverdue(task, task.requestStatus, today),
      // Negative when overdue: the working days since the due date.
      workingDaysLeft: task.dueDate >= today ? workingDaysBetween(today, task.dueDate) : -workingDaysBetween(task.dueDate, today),
      answerText: task.answerText,
      declineReason: task.declineReasonSv ? { sv: task.declineReasonSv, en: task.declineReasonEn ?? task.declineReasonSv } : null,
      declineText: task.declineText,
      assignee: task.assigneeUserId ? { id: task.assigneeUserId, name: task.assigneeName } : null,
      organisation: { id: task.organisationId, name: task.organisationName },
    },
    request: {
      id: task.requestId,
      number: task.requestNumber,
      title: task.requestTitle,
      body: task.requestBody,
      purpose: task.requestPurpose,
      status: task.requestStatus,
      voteCount: task.voteCount,
      followerCount: task.followerCount,
      requester: requesterAs({
        shownAs: task.shownAs,
        requesterName: task.requesterName,
        organisationName: task.organisationNameOfRequester,
      }),
    },
    datasets,
    history,
    colleagues,
    suggestions,
    picker,
  };
}

export type TaskPage = NonNullable<Awaited<ReturnType<typeof getTaskPage>>>;
