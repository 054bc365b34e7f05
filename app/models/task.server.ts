import { isHttpUrl } from "../utils/urls";
import { randomUUID } from "node:crypto";
import type { Transaction } from "kysely";
import { db } from "../../db/client.server";
import type { Database, Locale } from "../../db/schema";
import { can, type Actor } from "../auth/permissions";
import type { RequestStatus } from "../domain/requests";
import { isRequestOpenToTasks, isTaskDone, type TaskStatus } from "../domain/tasks";
import { requestClosedMail, taskChangeMail } from "../mail/templates";
import { translate } from "../i18n/translate";
import { mailOrigin } from "../utils/origin.server";
import { ConflictError, ForbiddenError, NotFoundError } from "./errors.server";
import { recordEvent } from "./event.server";
import { listRequestAudience } from "./follow.server";
import { assertTransition, TransitionError } from "./lifecycle.server";
import { enqueueMail } from "./mail.server";
import { DatasetNotFoundError, markRequestClosed, followTasks, lockRequest, RequestNotFoundError } from "./request.server";
import { creditPublishedTasks } from "./time-saved.server";
import { hasUnansweredSurveyQuestions, isSurveyRequest } from "./survey-task-guard.server";
import { inTransaction } from "./transaction.server";
import { forgetTaskEvidence, recordTaskLinkEvidence } from "../../search/learning/evidence.server";

/**
 * The municipalities' workflow (issue 9): one command per change of a task, each in one
 * transaction that locks the request, then the task, checks who acts and the lifecycle
 * (app/domain/lifecycle.ts), refuses a stale save, writes the task, its event, the request's status
 * that follows its tasks, and the mail to the requester and followers.
 */

/** Whether the actor may work on a task of the organisation: its responders, or coordinators anywhere. */
export function mayWorkOnTasksOf(actor: Actor, organisationId: string) {
  return can(actor, "answer:task:org", { organisationId }) || can(actor, "answer:task:any");
}

export class TaskNotFoundError extends NotFoundError {
  constructor(readonly taskId?: string) {
    super();
  }
}

/** Someone saved the task since this form was loaded: nothing is written, the user's text is kept. */
export class StaleTaskError extends ConflictError {
  constructor(
    readonly currentVersion: number,
    readonly currentStatus: TaskStatus,
  ) {
    super("errors.taskStale");
  }
}

/** The request is no longer open to answers (closed, withdrawn, merged …). */
export class RequestClosedForTasksError extends ConflictError {
  constructor(readonly requestStatus: RequestStatus) {
    super("errors.taskRequestClosed");
  }
}

/** The chosen colleague is not a member of the task's organisation. */
export class AssigneeNotMemberError extends ConflictError {
  constructor() {
    super("errors.taskAssigneeNotMember");
  }
}

/** A command was given less than it needs (an answer with neither text nor dataset, a decline without reason). */
export class TaskInputError extends ConflictError {}

/** A dataset address that is not an http(s) URL. */
export class DatasetUrlInvalidError extends ConflictError {
  constructor(readonly url: string) {
    super("errors.datasetUrlInvalid");
  }
}

interface TaskCommand {
  actor: Actor;
  taskId: string;
  /** The version the user's form was loaded with; a different current version refuses the save. */
  version?: number;
}

interface DatasetLinks {
  /** Catalogue datasets by id. */
  datasetIds?: string[];
  /** Dataset addresses; one the catalogue lacks is kept as a pending link. */
  datasetUrls?: string[];
}

type LockedTask = Awaited<ReturnType<typeof lockTask>>;

async function lockTask(trx: Transaction<Database>, command: TaskCommand) {
  const ref = await trx.selectFrom("tasks").select(["request_id", "organisation_id"]).where("id", "=", command.taskId).executeTakeFirst();
  if (!ref) throw new TaskNotFoundError(command.taskId);
  if (!mayWorkOnTasksOf(command.actor, ref.organisation_id)) throw new ForbiddenError();
  // The request first, as every request command locks it: its status and its tasks' statuses change together.
  const request = await lockRequest(trx, ref.request_id);
  if (!request) throw new RequestNotFoundError(ref.request_id);
  if (!isRequestOpenToTasks(request.status)) throw new RequestClosedForTasksError(request.status);
  const task = await trx
    .selectFrom("tasks")
    .innerJoin("organisations", "organisations.id", "tasks.organisation_id")
    .select([
      "tasks.id",
      "tasks.status",
      "tasks.version",
      "tasks.organisation_id as organisationId",
      "tasks.assignee_user_id as assigneeUserId",
      "organisations.name as organisationName",
    ])
    .where("tasks.id", "=", command.taskId)
    .forUpdate("tasks")
    .executeTakeFirstOrThrow();
  if (command.version !== undefined && command.version !== task.version) throw new StaleTaskError(task.version, task.status);
  return { ...task, request };
}

function withTask<T>(
  command: TaskCommand,
  trx: Transaction<Database> | undefined,
  work: (trx: Transaction<Database>, task: LockedTask) => Promise<T>,
) {
  return inTransaction(trx, async (trx) => work(trx, await lockTask(trx, command)));
}

async function setStatus(
  trx: Transaction<Database>,
  task: LockedTask,
  input: {
    actor: Actor;
    to: TaskStatus;
    action: string;
    reason?: string | null;
    /** An outcome's columns, every one of them: what does not apply to this outcome is cleared. */
    set?: { answer_text: string | null; decline_reason: string | null; decline_reason_id: string | null };
    data?: Record<string, unknown>;
  },
) {
  assertTransition("task", task.status, input.to);
  const updated = await trx
    .updateTable("tasks")
    .set((eb) => ({
      ...input.set,
      status: input.to,
      answered_at: isTaskDone(input.to) ? new Date() : null,
      updated_at: new Date(),
      version: eb("version", "+", 1),
    }))
    .where("id", "=", task.id)
    .returning("version")
    .executeTakeFirstOrThrow();
  await recordEvent(trx, {
    actorUserId: input.actor.id,
    entityType: "task",
    entityId: task.id,
    action: input.action,
    fromState: task.status,
    toState: input.to,
    reason: input.reason ?? null,
    data: { requestId: task.request.id, organisationId: task.organisationId, ...input.data },
  });
  const requestChange = await followTasks(trx, { requestId: task.request.id, actorUserId: input.actor.id });
  return {
    taskId: task.id,
    status: input.to,
    version: updated.version,
    requestStatus: requestChange?.to ?? task.request.status,
    requestChange,
  };
}

/**
 * What a mail about a task names: its request and organisation, or the organisations of one bulk
 * answer's tasks of that request (one mail for all of them, not one per municipality).
 */
type MailedTask = { organisationName: string | string[]; request: Pick<LockedTask["request"], "id" | "number" | "title"> };

async function tellAudience(
  trx: Transaction<Database>,
  task: MailedTask,
  input: { taskStatus: TaskStatus; text: string | null | ((locale: Locale) => string); requestStatus: RequestStatus | null },
) {
  const portalUrl = mailOrigin();
  for (const recipient of await listRequestAudience(trx, task.request.id)) {
    await enqueueMail(
      trx,
      taskChangeMail({
        to: recipient.email,
        userId: recipient.id,
        name: recipient.name,
        locale: recipient.locale,
        requestNumber: task.request.number,
        requestTitle: task.request.title,
        organisationName: task.organisationName,
        taskStatus: input.taskStatus,
        text: typeof input.text === "function" ? input.text(recipient.locale) : input.text,
        requestStatus: input.requestStatus,
        portalUrl,
      }),
    );
  }
}

function cleanText(text: string | null | undefined) {
  const trimmed = text?.trim();
  return trimmed ? trimmed : null;
}

/** An outcome without datasets (not held, declined) keeps none from an earlier answer. */
async function unlinkDatasets(trx: Transaction<Database>, task: LockedTask) {
  await trx.deleteFrom("task_datasets").where("task_id", "=", task.id).execute();
  await forgetTaskEvidence(trx, task.id);
}

/**
 * Makes the submitted datasets the task's links (an answer replaces the earlier one's); an address
 * the catalogue lacks is kept pending. Returns what is linked.
 */
async function linkDatasets(trx: Transaction<Database>, task: LockedTask, actor: Actor, links: DatasetLinks) {
  const datasetIds = [...new Set(links.datasetIds ?? [])];
  const urls = [...new Set((links.datasetUrls ?? []).map((url) => url.trim()).filter(Boolean))];
  for (const url of urls) if (!isHttpUrl(url)) throw new DatasetUrlInvalidError(url);
  const byId = datasetIds.length
    ? await trx.selectFrom("datasets").select("id").where("id", "in", datasetIds).where("removed_at", "is", null).execute()
    : [];
  if (byId.length !== datasetIds.length) throw new DatasetNotFoundError();
  const byUri = urls.length
    ? await trx.selectFrom("datasets").select(["id", "uri"]).where("uri", "in", urls).where("removed_at", "is", null).execute()
    : [];
  const known = new Map(byUri.map((d) => [d.uri, d.id]));
  const ids = [...new Set([...byId.map((d) => d.id), ...known.values()])];
  const pending = urls.filter((url) => !known.has(url));
  // What the submission does not name goes: a link is kept when it is among the submitted datasets or addresses.
  await trx
    .deleteFrom("task_datasets")
    .where("task_id", "=", task.id)
    .where((eb) =>
      eb.and([
        ...(ids.length ? [eb.or([eb("dataset_id", "is", null), eb("dataset_id", "not in", ids)])] : []),
        ...(pending.length ? [eb.or([eb("pending_uri", "is", null), eb("pending_uri", "not in", pending)])] : []),
      ]),
    )
    .execute();
  if (ids.length) {
    await trx
      .insertInto("task_datasets")
      .values(ids.map((dataset_id) => ({ task_id: task.id, dataset_id, linked_by: actor.id })))
      .onConflict((oc) => oc.columns(["task_id", "dataset_id"]).doNothing())
      .execute();
  }
  if (pending.length) {
    await trx
      .insertInto("task_datasets")
      .values(pending.map((pending_uri) => ({ task_id: task.id, pending_uri, linked_by: actor.id })))
      .onConflict((oc) => oc.columns(["task_id", "pending_uri"]).doNothing())
      .execute();
  }
  return { datasetIds: ids, pendingUris: pending };
}

/**
 * The organisation starts work on the task: pending → in progress, and only from pending. A done
 * task also goes to in progress, but by `reopenTask`: its own organisation, a reason, the evidence
 * forgotten, the requester told.
 */
export function startTask(input: TaskCommand, trx?: Transaction<Database>) {
  return withTask(input, trx, (trx, task) => {
    if (task.status !== "pending") throw new TransitionError("task", task.status, "in_progress");
    return setStatus(trx, task, { actor: input.actor, to: "in_progress", action: "start" });
  });
}

/**
 * Gives the task to a colleague of its organisation (any member), to oneself ("take it"), or to
 * nobody (null). Assignment does not change the status.
 */
export function assignTask(input: TaskCommand & { assigneeUserId: string | null }, trx?: Transaction<Database>) {
  return withTask(input, trx, async (trx, task) => {
    if (input.assigneeUserId) {
      const member = await trx
        .selectFrom("memberships")
        .select("id")
        .where("user_id", "=", input.assigneeUserId)
        .where("organisation_id", "=", task.organisationId)
        .executeTakeFirst();
      if (!member) throw new AssigneeNotMemberError();
    }
    const updated = await trx
      .updateTable("tasks")
      .set((eb) => ({ assignee_user_id: input.assigneeUserId, updated_at: new Date(), version: eb("version", "+", 1) }))
      .where("id", "=", task.id)
      .returning("version")
      .executeTakeFirstOrThrow();
    await recordEvent(trx, {
      actorUserId: input.actor.id,
      entityType: "task",
      entityId: task.id,
      action: "assign",
      data: { requestId: task.request.id, from: task.assigneeUserId, to: input.assigneeUserId },
    });
    return { taskId: task.id, assigneeUserId: input.assigneeUserId, version: updated.version };
  });
}

/**
 * An outcome (answered, published, not held, declined): the task's status and outcome columns
 * with their event, then the mail to the requester and followers, in the caller's transaction.
 */
async function recordOutcome(
  trx: Transaction<Database>,
  task: LockedTask,
  input: Parameters<typeof setStatus>[2] & { mailText: Parameters<typeof tellAudience>[2]["text"]; tell?: boolean },
) {
  const result = await setStatus(trx, task, input);
  if (input.tell !== false)
    await tellAudience(trx, task, { taskStatus: input.to, text: input.mailText, requestStatus: result.requestChange?.to ?? null });
  return result;
}

/** What an answer or a publication carries; a bulk answer gives every task the same. */
type AnswerInput = DatasetLinks & { text?: string | null };

/** Refuses an answer with neither text nor dataset, or a publication without a dataset, before anything is locked. */
function assertAnswerInput(to: "answered" | "published", input: AnswerInput) {
  const links = (input.datasetIds?.length ?? 0) + (input.datasetUrls ?? []).filter((url) => url.trim()).length;
  if (to === "published" && links === 0) throw new TaskInputError("errors.taskPublishedNeedsDataset");
  if (to === "answered" && links === 0 && !cleanText(input.text)) throw new TaskInputError("errors.taskAnswerEmpty");
}

/**
 * The answer or publication of one locked task: its links, status, event, the request's status and
 * the mail. A publication whose dataset the catalogue already holds is credited at once (ADR 023);
 * one still pending is credited when the harvest brings it (task-link.server.ts).
 */
async function recordAnswer(
  trx: Transaction<Database>,
  task: LockedTask,
  input: AnswerInput & { actor: Actor; to: "answered" | "published"; bulk?: BulkMark },
) {
  // A survey's task is answered question by question on its page (issue 10, ADR 026).
  if (await hasUnansweredSurveyQuestions(trx, { requestId: task.request.id, organisationId: task.organisationId }))
    throw new TaskInputError("errors.surveyAnswersOnTaskPage");
  const text = cleanText(input.text);
  const linked = await linkDatasets(trx, task, input.actor, input);
  // The request's words mean the datasets the answer links: evidence the matcher learns from (ADR 032).
  await recordTaskLinkEvidence(trx, { userId: input.actor.id, taskId: task.id, requestId: task.request.id, datasetIds: linked.datasetIds });
  const links = linked.datasetIds.length + linked.pendingUris.length;
  if (input.to === "published" && links === 0) throw new TaskInputError("errors.taskPublishedNeedsDataset");
  if (input.to === "answered" && !text && links === 0) throw new TaskInputError("errors.taskAnswerEmpty");
  const result = await recordOutcome(trx, task, {
    actor: input.actor,
    to: input.to,
    action: input.to === "answered" ? "answer" : "publish",
    set: { answer_text: text, decline_reason_id: null, decline_reason: null },
    data: { ...linked, ...(input.bulk ? { bulk: input.bulk } : {}) },
    mailText: text,
    // A bulk answer tells each request's audience once, after all its tasks (answerTasksInBulk).
    tell: !input.bulk,
  });
  if (input.to === "published" && linked.datasetIds.length > 0)
    await creditPublishedTasks(trx, { taskIds: [task.id], actorUserId: input.actor.id });
  return result;
}

/** The organisation answers: a text and/or linked datasets (at least one of them). */
export function answerTask(input: TaskCommand & AnswerInput, trx?: Transaction<Database>) {
  return withTask(input, trx, (trx, task) => recordAnswer(trx, task, { ...input, to: "answered" }));
}

/**
 * The organisation answered every question of its survey task (app/models/survey-answer.server.ts):
 * the answers are the survey's, so the task keeps no text, and the mail says so in each reader's
 * language. A survey task with a question unanswered is refused.
 */
export function completeSurveyTask(input: TaskCommand, trx?: Transaction<Database>) {
  return withTask(input, trx, async (trx, task) => {
    // A data request's task needs a text or a dataset: without its survey's answers this one would be empty.
    if (!(await isSurveyRequest(trx, task.request.id))) throw new TaskInputError("errors.taskAnswerEmpty");
    if (await hasUnansweredSurveyQuestions(trx, { requestId: task.request.id, organisationId: task.organisationId }))
      throw new TaskInputError("errors.surveyAnswersOnTaskPage");
    // The answers are the survey's: links a reopened task was once answered with go, as an answer replaces them.
    await unlinkDatasets(trx, task);
    return recordOutcome(trx, task, {
      actor: input.actor,
      to: "answered",
      action: "answer",
      set: { answer_text: null, decline_reason_id: null, decline_reason: null },
      data: { survey: true },
      mailText: (locale) => translate(locale, "surveyTask.answeredAll"),
    });
  });
}

/** The organisation published the data as a new dataset, linked here (a catalogue dataset or its address). */
export function markTaskPublished(input: TaskCommand & AnswerInput, trx?: Transaction<Database>) {
  return withTask(input, trx, (trx, task) => recordAnswer(trx, task, { ...input, to: "published" }));
}

/** The organisation holds no such data; the text saying so is required. */
export function markTaskNotHeld(input: TaskCommand & { text: string }, trx?: Transaction<Database>) {
  return withTask(input, trx, async (trx, task) => {
    const text = cleanText(input.text);
    if (!text) throw new TaskInputError("errors.taskNotHeldNeedsText");
    await unlinkDatasets(trx, task);
    return recordOutcome(trx, task, {
      actor: input.actor,
      to: "not_held",
      action: "not_held",
      set: { answer_text: text, decline_reason_id: null, decline_reason: null },
      mailText: text,
    });
  });
}

/** The organisation declines, giving a reason from the coordinators' list and, if it likes, an explanation. */
export function declineTask(input: TaskCommand & { reasonId: string | null; text?: string | null }, trx?: Transaction<Database>) {
  return withTask(input, trx, async (trx, task) => {
    const reason = input.reasonId
      ? await trx
          .selectFrom("decline_reasons")
          .select(["id", "label_sv", "label_en"])
          .where("id", "=", input.reasonId)
          .where("active", "=", true)
          .executeTakeFirst()
      : undefined;
    if (!reason) throw new TaskInputError("errors.declineReasonRequired");
    const text = cleanText(input.text);
    await unlinkDatasets(trx, task);
    return recordOutcome(trx, task, {
      actor: input.actor,
      to: "declined",
      action: "decline",
      reason: text ?? reason.label_sv,
      set: { answer_text: null, decline_reason_id: reason.id, decline_reason: text },
      data: { reasonId: reason.id },
      mailText: (locale) => [locale === "en" ? reason.label_en : reason.label_sv, text].filter(Boolean).join("\n"),
    });
  });
}

/** The organisation takes back an outcome to change it, with a reason; only its own members may. */
export function reopenTask(input: TaskCommand & { reason: string }, trx?: Transaction<Database>) {
  return withTask(input, trx, async (trx, task) => {
    // Reopening is the organisation's own call (issue 9): a coordinator elsewhere may not.
    if (!can(input.actor, "answer:task:org", { organisationId: task.organisationId })) throw new ForbiddenError();
    // Only an outcome is reopened; starting a pending task is startTask's.
    if (!isTaskDone(task.status)) throw new TransitionError("task", task.status, "in_progress");
    const reason = cleanText(input.reason);
    if (!reason) throw new TaskInputError("errors.taskReopenNeedsReason");
    const result = await setStatus(trx, task, { actor: input.actor, to: "in_progress", action: "reopen", reason });
    // A reopened task answers nothing until it is answered again: what its answer taught goes (ADR 032).
    await forgetTaskEvidence(trx, task.id);
    if (result.requestChange)
      await tellAudience(trx, task, { taskStatus: "in_progress", text: reason, requestStatus: result.requestChange.to });
    return result;
  });
}

/** A coordinator closes the request: its tasks take no more answers; the requester and followers are told. */
export function closeRequest(input: { actor: Actor; requestId: string; reason?: string | null }, trx?: Transaction<Database>) {
  return inTransaction(trx, async (trx) => {
    if (!can(input.actor, "triage:request:any")) throw new ForbiddenError();
    return closeRequestAndTell(trx, { actorUserId: input.actor.id, requestId: input.requestId, reason: input.reason });
  });
}

/**
 * Closes the request and mails its requester and followers, in the caller's transaction; for a
 * caller that has checked the actor's right itself (a survey's sender closing their survey).
 */
export async function closeRequestAndTell(
  trx: Transaction<Database>,
  input: { actorUserId: string; requestId: string; reason?: string | null },
) {
  const request = await markRequestClosed(
    { actorUserId: input.actorUserId, requestId: input.requestId, reason: cleanText(input.reason) },
    trx,
  );
  const portalUrl = mailOrigin();
  for (const recipient of await listRequestAudience(trx, input.requestId)) {
    await enqueueMail(
      trx,
      requestClosedMail({
        to: recipient.email,
        userId: recipient.id,
        name: recipient.name,
        locale: recipient.locale,
        requestNumber: request.number,
        requestTitle: request.title,
        reason: cleanText(input.reason),
        portalUrl,
      }),
    );
  }
  return { requestId: input.requestId, number: request.number, status: "closed" as const };
}

/** How a task's event says it was one of several answered at once. */
type BulkMark = { batchId: string; size: number };

/** Why a task of a bulk answer cannot be answered; the whole batch is refused. */
export type BulkRefusalReason = "not_found" | "forbidden" | "request_closed" | "not_answerable" | "stale" | "survey_questions";

export interface BulkRefusal {
  taskId: string;
  why: BulkRefusalReason;
  /** Named only for a task the actor may see; a task of another organisation stays anonymous. */
  requestNumber: number | null;
  requestTitle: string | null;
  organisationName: string | null;
}

/** Some selected tasks cannot be answered: nothing is written, and each of them is named with why. */
export class BulkTasksRefusedError extends ConflictError {
  constructor(readonly refusals: BulkRefusal[]) {
    super("errors.bulkTasksRefused");
  }
}

const bulkRefusalOf = (error: unknown): BulkRefusalReason | null =>
  error instanceof TaskNotFoundError || error instanceof RequestNotFoundError
    ? "not_found"
    : error instanceof ForbiddenError
      ? "forbidden"
      : error instanceof RequestClosedForTasksError
        ? "request_closed"
        : error instanceof StaleTaskError
          ? "stale"
          : null;

/** The most tasks one bulk answer takes: a page of the inbox and then some (the region's 49 with room). */
export const BULK_ANSWER_MAX_TASKS = 100;

/**
 * One answer (or publication) for several tasks at once, e.g. the region publishing one dataset
 * for all 49 municipalities' tasks. All or nothing, in one transaction: every task is locked and
 * checked first (the actor's right, the request open, pending or in progress, the version the
 * inbox showed); any refusal refuses the batch, naming each refused task. Then each task is
 * answered as answerTask or markTaskPublished would (a pending one is started first), with its own
 * events marked as part of the batch, its request's status and its mails.
 */
export async function answerTasksInBulk(
  input: AnswerInput & {
    actor: Actor;
    to: "answered" | "published";
    tasks: { taskId: string; version?: number }[];
  },
  trx?: Transaction<Database>,
) {
  const versions = new Map(input.tasks.map((t) => [t.taskId, t.version]));
  const taskIds = [...versions.keys()];
  if (taskIds.length === 0) throw new TaskInputError("errors.bulkNoTasks");
  if (taskIds.length > BULK_ANSWER_MAX_TASKS) throw new TaskInputError("errors.bulkTooManyTasks");
  assertAnswerInput(input.to, input);
  for (const url of input.datasetUrls ?? []) if (url.trim() && !isHttpUrl(url.trim())) throw new DatasetUrlInvalidError(url.trim());
  return inTransaction(trx, async (trx) => {
    // Requests in one order, as every bulk answer takes them, so two batches sharing requests cannot deadlock.
    const refs = await trx.selectFrom("tasks").select(["id", "request_id"]).where("id", "in", taskIds).execute();
    const requestOf = new Map(refs.map((r) => [r.id, r.request_id]));
    const ordered = [...taskIds].sort((a, b) => (requestOf.get(a) ?? "").localeCompare(requestOf.get(b) ?? "") || a.localeCompare(b));
    const locked: LockedTask[] = [];
    const refused: { taskId: string; why: BulkRefusalReason }[] = [];
    for (const taskId of ordered) {
      try {
        const task = await lockTask(trx, { actor: input.actor, taskId, version: versions.get(taskId) });
        if (task.status !== "pending" && task.status !== "in_progress") refused.push({ taskId, why: "not_answerable" });
        else if (await hasUnansweredSurveyQuestions(trx, { requestId: task.request.id, organisationId: task.organisationId }))
          refused.push({ taskId, why: "survey_questions" });
        else locked.push(task);
      } catch (error) {
        const why = bulkRefusalOf(error);
        if (!why) throw error;
        refused.push({ taskId, why });
      }
    }
    if (refused.length > 0) throw new BulkTasksRefusedError(await describeRefusals(trx, input.actor, refused, taskIds));

    const bulk: BulkMark = { batchId: randomUUID(), size: locked.length };
    const results = [];
    const answeredByRequest = new Map<string, { task: LockedTask; organisationNames: string[]; requestStatus: RequestStatus | null }>();
    for (const task of locked) {
      let current = task;
      if (task.status === "pending") {
        await setStatus(trx, task, { actor: input.actor, to: "in_progress", action: "start", data: { bulk } });
        current = { ...task, status: "in_progress" };
      }
      const result = await recordAnswer(trx, current, { ...input, bulk });
      results.push(result);
      const answered = answeredByRequest.get(task.request.id) ?? { task, organisationNames: [], requestStatus: null };
      answered.organisationNames.push(task.organisationName);
      answered.requestStatus = result.requestChange?.to ?? answered.requestStatus;
      answeredByRequest.set(task.request.id, answered);
    }
    for (const { task, organisationNames, requestStatus } of answeredByRequest.values())
      await tellAudience(
        trx,
        { organisationName: organisationNames, request: task.request },
        {
          taskStatus: input.to,
          text: cleanText(input.text),
          requestStatus,
        },
      );
    return { batchId: bulk.batchId, tasks: results };
  });
}

/** The refused tasks in the order they were selected, named where the actor may see them. */
async function describeRefusals(
  trx: Transaction<Database>,
  actor: Actor,
  refused: { taskId: string; why: BulkRefusalReason }[],
  selected: string[],
): Promise<BulkRefusal[]> {
  const rows = await trx
    .selectFrom("tasks")
    .innerJoin("requests", "requests.id", "tasks.request_id")
    .innerJoin("organisations", "organisations.id", "tasks.organisation_id")
    .select(["tasks.id", "tasks.organisation_id", "requests.number", "requests.title", "organisations.name"])
    .where(
      "tasks.id",
      "in",
      refused.map((r) => r.taskId),
    )
    .execute();
  const byId = new Map(rows.map((row) => [row.id, row]));
  return refused
    .sort((a, b) => selected.indexOf(a.taskId) - selected.indexOf(b.taskId))
    .map(({ taskId, why }) => {
      const row = byId.get(taskId);
      const visible = row !== undefined && mayWorkOnTasksOf(actor, row.organisation_id);
      return {
        taskId,
        why,
        requestNumber: visible ? row.number : null,
        requestTitle: visible ? row.title : null,
        organisationName: visible ? row.name : null,
      };
    });
}

/**
 * The mail each task's outcome sends to the requester and followers, for outcomes already written
 * (the demo seed's tasks, which db/ writes without the app): the same template and outbox as a
 * responder's answer. Tasks not done are skipped.
 */
export async function mailTaskOutcomes(trx: Transaction<Database>, taskIds: string[]) {
  if (taskIds.length === 0) return 0;
  const tasks = await trx
    .selectFrom("tasks")
    .innerJoin("requests", "requests.id", "tasks.request_id")
    .innerJoin("organisations", "organisations.id", "tasks.organisation_id")
    .leftJoin("decline_reasons", "decline_reasons.id", "tasks.decline_reason_id")
    .select([
      "tasks.status",
      "tasks.answer_text as answerText",
      "tasks.decline_reason as declineText",
      "decline_reasons.label_sv as reasonSv",
      "decline_reasons.label_en as reasonEn",
      "organisations.name as organisationName",
      "requests.id as requestId",
      "requests.number",
      "requests.title",
    ])
    .where("tasks.id", "in", taskIds)
    .orderBy("tasks.answered_at")
    .execute();
  let mailed = 0;
  for (const task of tasks) {
    if (!isTaskDone(task.status)) continue;
    const declined = (locale: Locale) => [locale === "en" ? task.reasonEn : task.reasonSv, task.declineText].filter(Boolean).join("\n");
    await tellAudience(
      trx,
      { organisationName: task.organisationName, request: { id: task.requestId, number: task.number, title: task.title } },
      { taskStatus: task.status, text: task.status === "declined" ? declined : task.answerText, requestStatus: null },
    );
    mailed++;
  }
  return mailed;
}

/** The active decline reasons, in the coordinators' order. */
export async function listDeclineReasons() {
  return db
    .selectFrom("decline_reasons")
    .select(["id", "label_sv as sv", "label_en as en"])
    .where("active", "=", true)
    .orderBy("position")
    .orderBy("label_sv")
    .execute();
}
