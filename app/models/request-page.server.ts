import { sql, type ExpressionBuilder } from "kysely";
import { db } from "../../db/client.server";
import { isVisibleRequest, type RequestViewer } from "../../db/request-visibility";
import type { Database, LangMap } from "../../db/schema";
import { isTaskDone, isTaskOverdue } from "../domain/tasks";
import type { RequesterShownAs, RequestStatus } from "../domain/requests";
import { todayInSweden } from "../utils/dates";
import { isOpenForVotes } from "./vote.server";

/**
 * The read side of the public request page (`/requests/<number>`). A request is a public
 * document, but its requester is shown only as they chose: their name, their organisation's
 * name, or neither. Nothing here ever selects an e-mail address.
 */

/** Who a timeline entry or comment is shown as; `name` only where the page may show one. */
export type ShownActor =
  | { kind: "requester"; shownAs: RequesterShownAs; name: string | null }
  | { kind: "coordinator" }
  | { kind: "system" }
  | { kind: "person"; name: string }
  | { kind: "former_user" };

export function requesterAs(request: {
  shownAs: RequesterShownAs;
  requesterName: string | null;
  organisationName: string | null;
}): Extract<ShownActor, { kind: "requester" }> {
  // A choice that cannot be honoured (account removed, no organisation given) falls back to
  // anonymity, never to something the requester did not choose.
  if (request.shownAs === "name" && request.requesterName) {
    return { kind: "requester", shownAs: "name", name: request.requesterName };
  }
  if (request.shownAs === "organisation" && request.organisationName) {
    return { kind: "requester", shownAs: "organisation", name: request.organisationName };
  }
  return { kind: "requester", shownAs: "anonymous", name: null };
}

async function findRequest(requestNumber: number, viewer: RequestViewer) {
  return (
    db
      .selectFrom("requests")
      .leftJoin("users as requester", "requester.id", "requests.requester_user_id")
      // A duplicate's page names its original only to a viewer who may see it (ADR 040).
      .leftJoin("requests as original", (join) =>
        join.onRef("original.id", "=", "requests.duplicate_of").on(isVisibleRequest(viewer, "original")),
      )
      // A survey's request (issue 10): its page links the survey, where its questions and results are.
      .leftJoin("surveys", "surveys.request_id", "requests.id")
      // The specification a coordinator confirmed it asks for (issue 14).
      .leftJoin("specifications", "specifications.id", "requests.specification_id")
      .select([
        "requests.id",
        "surveys.id as surveyId",
        "requests.number",
        "requests.kind",
        "requests.title",
        "requests.body",
        "requests.purpose",
        "requests.requester_user_id as requesterUserId",
        "requests.requester_shown_as as shownAs",
        "requests.requester_organisation_name as organisationName",
        "requester.name as requesterName",
        "requests.target_scope as targetScope",
        "requests.wished_format as wishedFormat",
        "requests.update_frequency as updateFrequency",
        "requests.status",
        "requests.status_reason as statusReason",
        "requests.due_date as dueDate",
        "requests.tags",
        "requests.vote_count as voteCount",
        "requests.comment_count as commentCount",
        "requests.follower_count as followerCount",
        "requests.created_at as createdAt",
        "requests.answered_at as answeredAt",
        "original.number as originalNumber",
        "original.title as originalTitle",
        "specifications.id as specificationId",
        "specifications.name as specificationName",
        "specifications.version as specificationVersion",
        "requests.held_for_review as heldForReview",
      ])
      .where("requests.number", "=", requestNumber)
      // Held for review (ADR 040): to anyone else it is not there at all.
      .where(isVisibleRequest(viewer, "requests"))
      .executeTakeFirst()
  );
}

/** The datasets linked to these tasks, oldest link first; none asked, no query. */
export async function listTasksDatasets(taskIds: string[]) {
  if (taskIds.length === 0) return [];
  return db
    .selectFrom("task_datasets")
    .leftJoin("datasets", "datasets.id", "task_datasets.dataset_id")
    .select([
      "task_datasets.task_id as taskId",
      "task_datasets.dataset_id as datasetId",
      "task_datasets.pending_uri as pendingUri",
      "datasets.title",
    ])
    .where("task_datasets.task_id", "in", taskIds)
    .orderBy("task_datasets.created_at")
    .execute();
}

async function listTargets(requestId: string) {
  return db
    .selectFrom("request_targets")
    .innerJoin("organisations", "organisations.id", "request_targets.organisation_id")
    .select(["organisations.id", "organisations.name"])
    .where("request_targets.request_id", "=", requestId)
    .orderBy("organisations.name")
    .execute();
}

async function listLinkedDatasets(requestId: string) {
  const rows = await db
    .selectFrom("request_datasets")
    .innerJoin("datasets", "datasets.id", "request_datasets.dataset_id")
    .leftJoin("organisations", "organisations.id", "datasets.publisher_organisation_id")
    .select([
      "datasets.id",
      "datasets.title",
      "datasets.removed_at as removedAt",
      "organisations.name as publisherName",
      "request_datasets.reason",
    ])
    .where("request_datasets.request_id", "=", requestId)
    // The accepted answer first: it is what the requester came for.
    .orderBy((eb) => eb.case().when("request_datasets.reason", "=", "accepted_answer").then(0).else(1).end())
    .orderBy("request_datasets.created_at")
    .execute();
  return rows.map((row) => ({ ...row, title: row.title as LangMap }));
}

async function listTasks(requestId: string, requestStatus: RequestStatus) {
  const rows = await db
    .selectFrom("tasks")
    .innerJoin("organisations", "organisations.id", "tasks.organisation_id")
    .leftJoin("decline_reasons", "decline_reasons.id", "tasks.decline_reason_id")
    .select([
      "tasks.id",
      "organisations.name as organisationName",
      "tasks.status",
      "tasks.due_date as dueDate",
      "tasks.answer_text as answerText",
      "tasks.decline_reason as declineText",
      "decline_reasons.label_sv as declineReasonSv",
      "decline_reasons.label_en as declineReasonEn",
    ])
    .where("tasks.request_id", "=", requestId)
    .orderBy("organisations.name")
    .execute();
  const links = await listTasksDatasets(rows.map((row) => row.id));
  const today = todayInSweden();
  return rows.map(({ declineReasonSv, declineReasonEn, ...task }) => {
    const done = isTaskDone(task.status);
    return {
      ...task,
      // Both are YYYY-MM-DD, so text order is date order.
      // Only a task still waiting for its organisation (not done) of a request open to tasks can be overdue.
      overdue: isTaskOverdue(task, requestStatus, today),
      // An answer is public once given; a reopened task's draft is not shown until it is given again.
      answerText: done ? task.answerText : null,
      declineText: done ? task.declineText : null,
      declineReason: done && declineReasonSv ? { sv: declineReasonSv, en: declineReasonEn ?? declineReasonSv } : null,
      // Links belong to an answer or a publication; a decline or "not held" shows none.
      datasets:
        task.status === "answered" || task.status === "published"
          ? links
              .filter((link) => link.taskId === task.id)
              .map((link) => ({ datasetId: link.datasetId, pendingUri: link.pendingUri, title: (link.title ?? null) as LangMap | null }))
          : [],
    };
  });
}

/** Users who act for the whole collaboration; on the public page they are "Samordnare". */
export function isCoordinator(eb: ExpressionBuilder<Database, "users">) {
  return eb
    .exists(
      eb
        .selectFrom("memberships")
        .select("memberships.id")
        .whereRef("memberships.user_id", "=", "users.id")
        .where("memberships.role", "in", ["coordinator", "admin"]),
    )
    .as("isCoordinator");
}

async function listTimeline(requestId: string, viewer: RequestViewer) {
  // The duplicate a merge brought in, only when the viewer may see it: a held one (ADR 040) is
  // neither numbered nor explained on its public original's timeline.
  // Raw SQL: Kysely has no operator for a field of jsonb. The CASE casts only a merge's id (no
  // other event's data), and comparing uuids keeps the requests' primary key in use.
  const mergedDuplicate = sql<boolean>`merged.id = CASE WHEN events.action = 'merge_duplicate' THEN (events.data->>'duplicateId')::uuid END`;
  return db
    .selectFrom("events")
    .leftJoin("users", "users.id", "events.actor_user_id")
    .leftJoin("requests as merged", (join) => join.on(mergedDuplicate).on(isVisibleRequest(viewer, "merged")))
    .select((eb) => [
      "events.id",
      "events.occurred_at as occurredAt",
      "events.action",
      "events.from_state as fromState",
      "events.to_state as toState",
      "events.reason",
      "events.data",
      "events.actor_user_id as actorUserId",
      "users.name as actorName",
      "merged.number as mergedDuplicateNumber",
      isCoordinator(eb),
    ])
    .where("events.entity_type", "=", "request")
    .where("events.entity_id", "=", requestId)
    .orderBy("events.occurred_at")
    .orderBy("events.id")
    .execute();
}

async function listComments(requestId: string) {
  return db
    .selectFrom("comments")
    .leftJoin("users", "users.id", "comments.author_user_id")
    .select((eb) => [
      "comments.id",
      "comments.author_user_id as authorUserId",
      "users.name as authorName",
      isCoordinator(eb),
      "comments.body",
      "comments.created_at as createdAt",
      "comments.updated_at as updatedAt",
      "comments.deleted_at as deletedAt",
      "comments.hidden_at as hiddenAt",
      "comments.hidden_reason as hiddenReason",
    ])
    .where("comments.request_id", "=", requestId)
    .orderBy("comments.created_at")
    .orderBy("comments.id")
    .execute();
}

async function viewerState(requestId: string, userId: string | null) {
  if (!userId) return { hasVoted: false, isFollowing: false, reportedRequest: false, reportedCommentIds: [] as string[] };
  const [vote, follow, reports] = await Promise.all([
    db.selectFrom("votes").select("user_id").where("request_id", "=", requestId).where("user_id", "=", userId).executeTakeFirst(),
    db.selectFrom("follows").select("user_id").where("request_id", "=", requestId).where("user_id", "=", userId).executeTakeFirst(),
    // What the viewer already reported (issue 13): once per item, so the page says so instead of offering it again.
    db
      .selectFrom("content_reports")
      .select("comment_id as commentId")
      .where("request_id", "=", requestId)
      .where("reporter_user_id", "=", userId)
      .execute(),
  ]);
  return {
    hasVoted: Boolean(vote),
    isFollowing: Boolean(follow),
    reportedRequest: reports.some((r) => r.commentId === null),
    reportedCommentIds: reports.flatMap((r) => (r.commentId === null ? [] : [r.commentId])),
  };
}

function stringIn(data: unknown, key: string): string | null {
  const value = data && typeof data === "object" ? (data as Record<string, unknown>)[key] : undefined;
  return typeof value === "string" ? value : null;
}

function stringsIn(data: unknown, key: string): string[] | null {
  const value = data && typeof data === "object" ? (data as Record<string, unknown>)[key] : undefined;
  return Array.isArray(value) && value.every((item) => typeof item === "string") ? (value as string[]) : null;
}

/**
 * What an event without a status change changed, from the data its command recorded: that the
 * title changed (never its text: coordinators edit a title to take out a name or a phone number, and
 * a later edit may take out what an earlier one put in), the tags (after; an edit from before tags
 * were recorded says only that they were saved), the due date. Empty when the event's data says
 * nothing the page can show.
 */
export function describeChange(action: string, data: unknown) {
  const changes: (
    | { what: "title" }
    | { what: "tags"; to: string[] }
    | { what: "dueDate"; from: string | null; to: string }
    | { what: "specification"; to: string | null; from: string | null }
    | { what: "published" }
  )[] = [];
  // A request held for review, published by a coordinator (ADR 040).
  if (action === "publish") changes.push({ what: "published" });
  if (action === "edit") {
    const [from, to] = [stringIn(data, "previousTitle"), stringIn(data, "title")];
    if (from !== null && to !== null && from !== to) changes.push({ what: "title" });
    const [tagsBefore, tags] = [stringsIn(data, "previousTags"), stringsIn(data, "tags")];
    if (tags !== null && (tagsBefore === null || tagsBefore.join("\u0000") !== tags.join("\u0000"))) {
      if (tagsBefore !== null || tags.length > 0) changes.push({ what: "tags", to: tags });
    }
  }
  if (action === "link_specification") {
    // Named as the event kept them (name and version then), so a later rename does not rewrite history.
    const label = (key: string) => {
      const value = data && typeof data === "object" ? (data as Record<string, unknown>)[key] : null;
      if (!value || typeof value !== "object") return null;
      const name = stringIn(value, "name");
      return name ? [name, stringIn(value, "version")].filter(Boolean).join(" ") : null;
    };
    const [from, to] = [label("previous"), label("specification")];
    if (from !== null || to !== null) changes.push({ what: "specification", to, from });
  }
  if (action === "change_deadline") {
    const to = stringIn(data, "to");
    if (to !== null) changes.push({ what: "dueDate", from: stringIn(data, "from"), to });
  }
  return changes;
}

/** A user (other than a request's requester) as the public may see them: a coordinator only as "Samordnare". */
export function shownUser(user: { name: string | null; isCoordinator: boolean }): ShownActor {
  if (user.isCoordinator) return { kind: "coordinator" };
  if (user.name) return { kind: "person", name: user.name };
  return { kind: "system" };
}

/**
 * Everything the request page shows, as the viewer may see it (`viewerUserId` null for a
 * visitor; `viewerSeesHeld` for a coordinator), or undefined when there is no request with this
 * number that the viewer may see.
 */
export async function getRequestPage(input: { requestNumber: number; viewerUserId: string | null; viewerSeesHeld?: boolean }) {
  const request = await findRequest(input.requestNumber, { userId: input.viewerUserId, seesHeld: input.viewerSeesHeld ?? false });
  if (!request) return undefined;
  const [targets, linkedDatasets, tasks, events, comments, viewer] = await Promise.all([
    listTargets(request.id),
    listLinkedDatasets(request.id),
    listTasks(request.id, request.status),
    listTimeline(request.id, { userId: input.viewerUserId, seesHeld: input.viewerSeesHeld ?? false }),
    listComments(request.id),
    viewerState(request.id, input.viewerUserId),
  ]);
  const requester = requesterAs(request);
  const shownActor = (userId: string | null, name: string | null, isCoordinator: boolean): ShownActor => {
    // The requester's own steps (submitting, withdrawing) must not undo their anonymity.
    if (userId && userId === request.requesterUserId) return requester;
    return shownUser({ name, isCoordinator });
  };

  return {
    request: {
      number: request.number,
      kind: request.kind,
      surveyId: request.surveyId,
      title: request.title,
      body: request.body,
      purpose: request.purpose,
      requester,
      targetScope: request.targetScope,
      wishedFormat: request.wishedFormat,
      updateFrequency: request.updateFrequency,
      status: request.status,
      statusReason: request.statusReason,
      dueDate: request.dueDate,
      tags: request.tags,
      voteCount: request.voteCount,
      commentCount: request.commentCount,
      followerCount: request.followerCount,
      createdAt: request.createdAt,
      answeredAt: request.answeredAt,
      openForVotes: isOpenForVotes(request.status),
      /** Seen only by its requester and coordinators until triage opens it (ADR 040). */
      heldForReview: request.heldForReview,
      duplicateOf: request.originalNumber !== null ? { number: request.originalNumber, title: request.originalTitle ?? "" } : null,
      specification:
        request.specificationId !== null
          ? { id: request.specificationId, name: request.specificationName ?? "", version: request.specificationVersion ?? "" }
          : null,
    },
    targets,
    linkedDatasets,
    tasks,
    timeline: events.map((event) => ({
      id: event.id,
      occurredAt: event.occurredAt,
      action: event.action,
      fromState: event.fromState,
      toState: event.toState,
      // A merge's reason speaks of the duplicate: withheld with its number when the viewer may not see it.
      reason: event.action === "merge_duplicate" && event.mergedDuplicateNumber === null ? null : event.reason,
      // The one detail of an event's data the page shows: which duplicate was merged into this
      // (null for one the viewer may not see; the action still says a duplicate was merged).
      mergedDuplicateNumber: event.mergedDuplicateNumber,
      changes: describeChange(event.action, event.data),
      // An event without an actor was the system's own doing (a job, a deadline).
      actor:
        event.actorUserId === null
          ? ({ kind: "system" } as const)
          : shownActor(event.actorUserId, event.actorName, Boolean(event.isCoordinator)),
    })),
    comments: comments.map((comment) => {
      const state = comment.hiddenAt ? "hidden" : comment.deletedAt ? "deleted" : "visible";
      const mine = input.viewerUserId !== null && comment.authorUserId === input.viewerUserId;
      return {
        id: comment.id,
        state,
        author:
          comment.authorUserId === null
            ? ({ kind: "former_user" } as const)
            : shownActor(comment.authorUserId, comment.authorName, Boolean(comment.isCoordinator)),
        // Only a readable comment's text leaves the server; a hidden or deleted one's never does.
        body: state === "visible" ? comment.body : null,
        hiddenReason: state === "hidden" ? comment.hiddenReason : null,
        createdAt: comment.createdAt,
        // Both start as the inserting transaction's now(); only an edit moves updated_at on.
        edited: state === "visible" && comment.updatedAt.getTime() > comment.createdAt.getTime(),
        mine,
      } as const;
    }),
    viewer: { ...viewer, isRequester: input.viewerUserId !== null && input.viewerUserId === request.requesterUserId },
  };
}

export type RequestPage = NonNullable<Awaited<ReturnType<typeof getRequestPage>>>;
