import type { Transaction } from "kysely";

import { db } from "../../db/client.server";
import { isVisibleRequest, type RequestViewer } from "../../db/request-visibility";
import type { Database } from "../../db/schema";
import type { Actor } from "../auth/permissions";
import { isFinal, isRejectable } from "../domain/lifecycle";
import { awaitsPublishing } from "../domain/moderation";
import {
  isChosenScope,
  targetableOrganisationTypes,
  targetTypesOf,
  type RequesterShownAs,
  type RequesterType,
  type RequestKind,
  type RequestStatus,
  type TargetScope,
} from "../domain/requests";
import { requestStatusFromTasks } from "../domain/tasks";
import { todayInSweden } from "../utils/dates";
import { addWorkingDays } from "../utils/working-days";
import { ConflictError, ForbiddenError, NotFoundError } from "./errors.server";
import { recordEvent } from "./event.server";
import { assertTransition, TransitionError } from "./lifecycle.server";
import { creditExistingData, creditMergedDuplicate, reverseExistingDataCredit } from "./time-saved.server";
import { listMergeAudience, mailMerge, mailNewTasks, mailWithdrawal } from "./mail-audience.server";
import { publishesAfterTriage } from "./moderation-settings.server";
import { inTransaction } from "./transaction.server";
import { forgetRequestEvidence, recordAcceptedMatchEvidence, recordMergeEvidence } from "../../search/learning/evidence.server";

export interface NewRequest {
  kind: RequestKind;
  title: string;
  body: string;
  purpose: string;
  requesterType: RequesterType;
  shownAs: RequesterShownAs;
  requesterOrganisationName: string | null;
  targetScope: TargetScope;
  /** For `chosen`: the organisations asked (municipalities or the region). */
  targetOrganisationIds: string[];
  wishedFormat: string | null;
  updateFrequency: string | null;
}

/**
 * The organisations a request asks, by the domain's rule (targetTypesOf): every organisation of
 * its scope's types, or for "chosen" the chosen ones, each of which must be one of them: a request
 * never asks fewer than its requester chose.
 */
async function targetOrganisationIds(trx: Transaction<Database>, request: NewRequest) {
  const chosen = isChosenScope(request.targetScope);
  if (chosen && request.targetOrganisationIds.length === 0) return [];
  const rows = await trx
    .selectFrom("organisations")
    .select("id")
    .where("type", "in", targetTypesOf[request.targetScope])
    .$if(chosen, (qb) => qb.where("id", "in", request.targetOrganisationIds))
    .execute();
  if (chosen && rows.length !== new Set(request.targetOrganisationIds).size) throw new NotTargetableError();
  return rows.map((o) => o.id);
}

async function insertRequest(
  trx: Transaction<Database>,
  input: { requesterUserId: string; request: NewRequest; status: RequestStatus; heldForReview?: boolean },
) {
  const { request } = input;
  const created = await trx
    .insertInto("requests")
    .values({
      kind: request.kind,
      title: request.title,
      body: request.body,
      purpose: request.purpose,
      requester_user_id: input.requesterUserId,
      requester_type: request.requesterType,
      requester_shown_as: request.shownAs,
      requester_organisation_name: request.requesterOrganisationName,
      target_scope: request.targetScope,
      wished_format: request.wishedFormat,
      update_frequency: request.updateFrequency,
      status: input.status,
      held_for_review: input.heldForReview ?? false,
      answered_at: input.status === "answered_by_existing_data" ? new Date() : null,
      // The requester supports and follows what they asked for.
      vote_count: 1,
      follower_count: 1,
    })
    .returning(["id", "number"])
    .executeTakeFirstOrThrow();
  const targets = await targetOrganisationIds(trx, request);
  if (targets.length) {
    await trx
      .insertInto("request_targets")
      .values(targets.map((organisation_id) => ({ request_id: created.id, organisation_id })))
      .execute();
  }
  await trx.insertInto("votes").values({ request_id: created.id, user_id: input.requesterUserId }).execute();
  await trx.insertInto("follows").values({ request_id: created.id, user_id: input.requesterUserId }).execute();
  await enqueueRequestIndexing(trx, created.id);
  return { ...created, targets };
}

export async function enqueueRequestIndexing(trx: Transaction<Database>, requestId: string) {
  await trx.insertInto("search_outbox").values({ entity_type: "request", entity_id: requestId }).execute();
}

/**
 * A new request, waiting for a coordinator's triage; or, for a survey whose every question was
 * already answered for every recipient (ADR 026), answered by existing data from the start. While
 * coordinators publish only after triage, one waiting for triage is held for review (ADR 040); a
 * survey's is routed in the same transaction, and one answered from the start is public as its
 * survey is.
 */
export async function createRequest(
  input: { requesterUserId: string; request: NewRequest; answeredByExistingData?: boolean },
  trx?: Transaction<Database>,
) {
  return inTransaction(trx, async (trx) => {
    const status = input.answeredByExistingData ? "answered_by_existing_data" : "submitted";
    const heldForReview = status === "submitted" && (await publishesAfterTriage(trx));
    const created = await insertRequest(trx, { ...input, status, heldForReview });
    await recordEvent(trx, {
      actorUserId: input.requesterUserId,
      entityType: "request",
      entityId: created.id,
      action: input.answeredByExistingData ? "answer_by_existing_data" : "submit",
      toState: status,
      ...(heldForReview ? { data: { heldForReview: true } } : {}),
    });
    return created;
  });
}

/** The accepted dataset was removed from the catalogue while the requester wrote: a conflict they can act on. */
export class DatasetNotFoundError extends ConflictError {
  constructor(readonly datasetUri?: string) {
    super("errors.datasetGone");
  }
}

/**
 * The requester found their answer in the catalogue while writing: the request is recorded as
 * answered by existing data, the dataset linked, and the organisations it asked whose own (or a
 * covering regional) dataset answered are credited the time they did not have to spend (ADR 025).
 */
export async function acceptDatasetAsAnswer(
  input: { requesterUserId: string; request: NewRequest; datasetUri: string },
  trx?: Transaction<Database>,
) {
  return inTransaction(trx, async (trx) => {
    const dataset = await trx
      .selectFrom("datasets")
      .select("id")
      .where("uri", "=", input.datasetUri)
      .where("removed_at", "is", null)
      .executeTakeFirst();
    if (!dataset) throw new DatasetNotFoundError(input.datasetUri);
    // Its text is the requester's own, as any request's: held like one while coordinators publish after triage (ADR 040).
    const heldForReview = await publishesAfterTriage(trx);
    const created = await insertRequest(trx, { ...input, status: "answered_by_existing_data", heldForReview });
    await trx
      .insertInto("request_datasets")
      .values({ request_id: created.id, dataset_id: dataset.id, linked_by: input.requesterUserId, reason: "accepted_answer" })
      .execute();
    await recordEvent(trx, {
      actorUserId: input.requesterUserId,
      entityType: "request",
      entityId: created.id,
      action: "answer_by_existing_data",
      toState: "answered_by_existing_data",
      data: { datasetId: dataset.id, ...(heldForReview ? { heldForReview: true } : {}) },
    });
    await creditExistingData(trx, { requestId: created.id, datasetIds: [dataset.id], actorUserId: input.requesterUserId });
    // The requester's words mean this dataset: evidence the matcher learns from (ADR 032).
    await recordAcceptedMatchEvidence(trx, { userId: input.requesterUserId, requestId: created.id, datasetId: dataset.id });
    return created;
  });
}

/**
 * The request row, locked until the transaction ends. Every command that changes a request (its
 * status, its votes, followers or comments) takes this lock first, so writers of one request run
 * one after the other, see the status they check still hold when they write, and take their locks
 * in the same order. FOR NO KEY UPDATE because no command changes a request's id or number: rows
 * that merely reference the request (a new vote, comment or task; their foreign-key checks take KEY
 * SHARE) need not wait for it, while every other writer of the row does.
 */
export async function lockRequest(trx: Transaction<Database>, requestId: string) {
  return trx
    .selectFrom("requests")
    .select([
      "id",
      "number",
      "status",
      "title",
      "tags",
      "vote_count as voteCount",
      "follower_count as followerCount",
      "held_for_review as heldForReview",
      "requester_user_id as requesterUserId",
      "kind",
    ])
    .where("id", "=", requestId)
    .forNoKeyUpdate()
    .executeTakeFirst();
}

export class RequestNotFoundError extends NotFoundError {
  constructor(readonly requestId?: string) {
    super();
  }
}

/** Checks the lifecycle, sets the status and records the event, all in the caller's transaction. */
async function transition(
  trx: Transaction<Database>,
  input: {
    requestId: string;
    to: RequestStatus;
    actorUserId: string;
    reason?: string | null;
    action: string;
    data?: Record<string, unknown>;
  },
) {
  const request = await lockRequest(trx, input.requestId);
  if (!request) throw new RequestNotFoundError(input.requestId);
  assertTransition("request", request.status, input.to);
  await trx
    .updateTable("requests")
    .set({ status: input.to, status_reason: input.reason ?? null, updated_at: new Date() })
    .where("id", "=", input.requestId)
    .execute();
  await recordEvent(trx, {
    actorUserId: input.actorUserId,
    entityType: "request",
    entityId: input.requestId,
    action: input.action,
    fromState: request.status,
    toState: input.to,
    reason: input.reason ?? null,
    data: input.data,
  });
  await enqueueRequestIndexing(trx, input.requestId);
  return request;
}

/** A request may ask, and be routed to, only organisations the domain allows (targetableOrganisationTypes). */
export class NotTargetableError extends ConflictError {
  constructor() {
    super("errors.targetsInvalid");
  }
}

/**
 * Accepts a submitted request and routes it: one task per organisation asked, due the given
 * number of Swedish working days from today.
 */
export async function routeRequest(
  input: { actorUserId: string; requestId: string; organisationIds: string[]; workingDays: number },
  trx?: Transaction<Database>,
) {
  return inTransaction(trx, async (trx) => {
    const dueDate = addWorkingDays(todayInSweden(), input.workingDays);
    const organisationIds = [...new Set(input.organisationIds)];
    // Whether routing also publishes it (ADR 040) goes in the route's own event.
    const held = (await lockRequest(trx, input.requestId))?.heldForReview ?? false;
    await transition(trx, {
      requestId: input.requestId,
      to: "open",
      actorUserId: input.actorUserId,
      action: "route",
      data: { organisations: organisationIds.length, dueDate, ...(held ? { published: true } : {}) },
    });
    // The same rule as the requester's choice: only a municipality or the region gets a task.
    const routable = await trx
      .selectFrom("organisations")
      .select("id")
      .where("id", "in", organisationIds)
      .where("type", "in", targetableOrganisationTypes)
      .execute();
    if (routable.length !== organisationIds.length) throw new NotTargetableError();
    // Triage opens a request held for review (ADR 040): from now on everyone sees it, and the
    // search index takes it in (transition enqueued its indexing, read after this commits).
    await trx.updateTable("requests").set({ due_date: dueDate, held_for_review: false }).where("id", "=", input.requestId).execute();
    const tasks = await trx
      .insertInto("tasks")
      .values(organisationIds.map((organisation_id) => ({ request_id: input.requestId, organisation_id, due_date: dueDate })))
      .returning(["id", "organisation_id as organisationId"])
      .execute();
    await mailNewTasks(trx, { requestId: input.requestId, tasks, dueDate });
    return { dueDate };
  });
}

/**
 * Moves the request to the status its tasks imply (every task done → answered, some → partly
 * answered, none → open), in the task command's transaction, with its own event. The caller holds
 * the request's lock. Returns the change, or null when the status already agrees.
 */
export async function followTasks(trx: Transaction<Database>, input: { requestId: string; actorUserId: string }) {
  const request = await trx.selectFrom("requests").select("status").where("id", "=", input.requestId).executeTakeFirstOrThrow();
  const tasks = await trx.selectFrom("tasks").select("status").where("request_id", "=", input.requestId).execute();
  const to = requestStatusFromTasks(tasks.map((t) => t.status));
  if (to === request.status) return null;
  await transition(trx, { requestId: input.requestId, to, actorUserId: input.actorUserId, action: "follow_tasks" });
  await trx
    .updateTable("requests")
    .set({ answered_at: to === "answered" ? new Date() : null })
    .where("id", "=", input.requestId)
    .execute();
  return { from: request.status, to };
}

/** A coordinator closes a request: no more answers, votes or routing. */
/** The request's status to closed, with its event; the command that also tells its audience is closeRequest (task.server.ts). */
export async function markRequestClosed(
  input: { actorUserId: string; requestId: string; reason?: string | null },
  trx?: Transaction<Database>,
) {
  return inTransaction(trx, (trx) =>
    transition(trx, {
      requestId: input.requestId,
      to: "closed",
      actorUserId: input.actorUserId,
      reason: input.reason ?? null,
      action: "close",
    }),
  );
}

/**
 * A coordinator rejects a request with a reason: one waiting for triage, or one its requester
 * answered at once with a dataset that proves unfit (spam, ADR 040) — whose time-saved credit is
 * then reversed and whose words the matcher no longer learns from, in the same transaction. A
 * survey every recipient had already answered is its sender's, closed from its own page (ADR 026).
 */
export async function rejectRequest(input: { actorUserId: string; requestId: string; reason: string }, trx?: Transaction<Database>) {
  return inTransaction(trx, async (trx) => {
    const request = await lockRequest(trx, input.requestId);
    if (request && !isRejectable(request)) throw new TransitionError("request", request.status, "rejected");
    const before = await transition(trx, {
      requestId: input.requestId,
      to: "rejected",
      actorUserId: input.actorUserId,
      reason: input.reason,
      action: "reject",
    });
    if (before.status === "answered_by_existing_data") {
      await reverseExistingDataCredit(trx, { requestId: input.requestId, actorUserId: input.actorUserId });
      await forgetRequestEvidence(trx, input.requestId);
    }
    return before;
  });
}

/** Only a request held for review that nothing else publishes (one answered at once) is published by hand. */
export class NotHeldError extends ConflictError {
  constructor() {
    super("errors.notHeld");
  }
}

/**
 * A coordinator publishes a request its requester answered at once with a dataset while
 * coordinators publish only after triage (ADR 040): routing publishes the others, and nothing
 * routes this one. Its event, and the index's update (the register's search), in one transaction.
 */
export async function publishHeldRequest(input: { actor: Actor; requestId: string }) {
  return db.transaction().execute(async (trx) => {
    const request = await lockRequest(trx, input.requestId);
    if (!request) throw new RequestNotFoundError(input.requestId);
    if (!awaitsPublishing(request)) throw new NotHeldError();
    await trx.updateTable("requests").set({ held_for_review: false, updated_at: new Date() }).where("id", "=", input.requestId).execute();
    await recordEvent(trx, {
      actorUserId: input.actor.id,
      entityType: "request",
      entityId: input.requestId,
      action: "publish",
      data: { published: true },
    });
    await enqueueRequestIndexing(trx, input.requestId);
    return { number: request.number };
  });
}

/** Only the requester withdraws their request (a coordinator closes or rejects it instead). */
export class NotRequesterError extends ForbiddenError {}

/** A survey is closed from its own page, which keeps the answers given so far (ADR 026). */
export class RequestKindNotWithdrawableError extends ConflictError {
  constructor() {
    super("errors.surveyNotWithdrawable");
  }
}

/**
 * The requester no longer needs what they asked for (DESIGN.md, "Lifecycles": a side exit from
 * submitted or open; once a municipality has answered, the answer stays). The tasks still to do
 * leave the municipalities' lists (they read the request's status), their responders and the
 * followers are told, and the index drops the request from matches, all in one transaction.
 */
export async function withdrawRequest(input: { actor: { id: string }; requestId: string; reason: string | null }) {
  return db.transaction().execute(async (trx) => {
    const request = await lockRequest(trx, input.requestId);
    if (!request) throw new RequestNotFoundError(input.requestId);
    if (request.requesterUserId !== input.actor.id) throw new NotRequesterError();
    if (request.kind !== "data") throw new RequestKindNotWithdrawableError();
    const reason = input.reason?.trim() ? input.reason.trim() : null;
    await transition(trx, { requestId: input.requestId, to: "withdrawn", actorUserId: input.actor.id, reason, action: "withdraw" });
    await mailWithdrawal(trx, { requestId: input.requestId, actorUserId: input.actor.id, reason });
    return { number: request.number };
  });
}

export class SelfDuplicateError extends ConflictError {
  constructor() {
    super("errors.originalNotFound");
  }
}

/**
 * The original is held for review (ADR 040): merging into it would mail the duplicate's followers
 * its number and title, move their follows to it and mail them its comments, so it must first be
 * published (routed) or rejected.
 */
export class OriginalHeldError extends ConflictError {
  constructor() {
    super("errors.originalHeld");
  }
}

/**
 * Merges a duplicate into its original: its votes and followers move to the original (a user who
 * supported both counts once), both counts are recomputed from the rows, and the organisations both
 * requests asked are credited the answer they will not have to write twice (ADR 025).
 */
export async function markDuplicate(
  input: { actorUserId: string; requestId: string; originalId: string; reason?: string | null },
  trx?: Transaction<Database>,
) {
  if (input.requestId === input.originalId) throw new SelfDuplicateError();
  return inTransaction(trx, async (trx) => {
    const original = await lockRequest(trx, input.originalId);
    if (!original) throw new RequestNotFoundError(input.originalId);
    // A final original takes no more support, so none can be merged into it.
    if (isFinal("request", original.status)) throw new TransitionError("request", original.status, original.status);
    if (original.heldForReview) throw new OriginalHeldError();
    // Read before the follows move: afterwards the duplicate has no followers to tell.
    const moved = await listMergeAudience(trx, input.requestId);
    const duplicate = await transition(trx, {
      requestId: input.requestId,
      to: "duplicate",
      actorUserId: input.actorUserId,
      reason: input.reason,
      action: "mark_duplicate",
      data: { originalId: original.id, originalNumber: original.number },
    });
    await trx.updateTable("requests").set({ duplicate_of: original.id }).where("id", "=", input.requestId).execute();

    for (const table of ["votes", "follows"] as const) {
      await trx
        .insertInto(table)
        .columns(["request_id", "user_id", "created_at"])
        .expression((eb) =>
          eb
            .selectFrom(table)
            .select([eb.val(original.id).as("request_id"), "user_id", "created_at"])
            .where("request_id", "=", input.requestId),
        )
        .onConflict((oc) => oc.doNothing())
        .execute();
      await trx.deleteFrom(table).where("request_id", "=", input.requestId).execute();
    }
    await recountSupport(trx, [input.requestId, original.id]);
    // The duplicate's words mean what answers the original (ADR 032).
    await recordMergeEvidence(trx, { userId: input.actorUserId, duplicateId: input.requestId, originalId: original.id });

    await recordEvent(trx, {
      actorUserId: input.actorUserId,
      entityType: "request",
      entityId: original.id,
      action: "merge_duplicate",
      reason: input.reason ?? null,
      data: { duplicateId: input.requestId, duplicateNumber: duplicate.number },
    });
    await creditMergedDuplicate(trx, {
      duplicateId: input.requestId,
      originalId: original.id,
      originalNumber: original.number,
      actorUserId: input.actorUserId,
    });
    await enqueueRequestIndexing(trx, original.id);
    await mailMerge(trx, { audience: moved, actorUserId: input.actorUserId, duplicate, original, reason: input.reason ?? null });
    return { originalNumber: original.number };
  });
}

/** Sets vote and follower counts from the rows themselves. */
async function recountSupport(trx: Transaction<Database>, requestIds: string[]) {
  await trx
    .updateTable("requests")
    .set((eb) => ({
      vote_count: eb
        .selectFrom("votes")
        .select((e) => e.fn.countAll<number>().as("n"))
        .whereRef("votes.request_id", "=", "requests.id"),
      follower_count: eb
        .selectFrom("follows")
        .select((e) => e.fn.countAll<number>().as("n"))
        .whereRef("follows.request_id", "=", "requests.id"),
    }))
    .where("id", "in", requestIds)
    .execute();
}

/** A coordinator's edit of title and tags during triage; the old title is kept in the event. */
export async function updateRequestTriage(
  input: { actorUserId: string; requestId: string; title: string; tags: string[] },
  trx?: Transaction<Database>,
) {
  return inTransaction(trx, async (trx) => {
    const request = await lockRequest(trx, input.requestId);
    if (!request) throw new RequestNotFoundError(input.requestId);
    await trx
      .updateTable("requests")
      .set({ title: input.title, tags: input.tags, updated_at: new Date() })
      .where("id", "=", input.requestId)
      .execute();
    await recordEvent(trx, {
      actorUserId: input.actorUserId,
      entityType: "request",
      entityId: input.requestId,
      action: "edit",
      // The tags before as well, so the timeline can say what changed (issue 13).
      data: { previousTitle: request.title, title: input.title, previousTags: request.tags, tags: input.tags },
    });
    await enqueueRequestIndexing(trx, input.requestId);
  });
}

/** Submitted requests, oldest first: the coordinators' triage queue. */
export async function listTriageQueue() {
  return db
    .selectFrom("requests")
    .select((eb) => [
      "requests.id",
      "requests.number",
      "requests.title",
      "requests.kind",
      "requests.target_scope as targetScope",
      "requests.vote_count as votes",
      "requests.created_at as createdAt",
      "requests.held_for_review as heldForReview",
      eb
        .selectFrom("request_targets")
        .select((e) => e.fn.countAll<number>().as("n"))
        .whereRef("request_targets.request_id", "=", "requests.id")
        .as("targetCount"),
    ])
    .where("requests.status", "=", "submitted")
    .orderBy("requests.created_at")
    .limit(200)
    .execute();
}

/**
 * The requests answered at once with a dataset that wait for a coordinator while they publish only
 * after triage (ADR 040), oldest first, with the dataset accepted: publish or reject each.
 */
export async function listHeldAnswers() {
  return (
    db
      .selectFrom("requests")
      .leftJoin("request_datasets", (join) =>
        join.onRef("request_datasets.request_id", "=", "requests.id").on("request_datasets.reason", "=", "accepted_answer"),
      )
      .leftJoin("datasets", "datasets.id", "request_datasets.dataset_id")
      .select(["requests.id", "requests.number", "requests.title", "requests.created_at as createdAt", "datasets.title as datasetTitle"])
      // awaitsPublishing (app/domain/moderation.ts), in SQL.
      .where("requests.held_for_review", "=", true)
      .where("requests.status", "=", "answered_by_existing_data")
      .orderBy("requests.created_at")
      .limit(200)
      .execute()
  );
}

/** What a coordinator needs to triage one request. */
export async function getRequestForTriage(number: number) {
  const request = await db
    .selectFrom("requests")
    .select([
      "id",
      "number",
      "title",
      "body",
      "purpose",
      "kind",
      "status",
      "tags",
      "target_scope as targetScope",
      "requester_type as requesterType",
      "due_date as dueDate",
      "created_at as createdAt",
      "held_for_review as heldForReview",
    ])
    .where("number", "=", number)
    .executeTakeFirst();
  if (!request) return undefined;
  const targets = await db
    .selectFrom("request_targets")
    .innerJoin("organisations", "organisations.id", "request_targets.organisation_id")
    .select(["organisations.id", "organisations.name", "organisations.kommunkod"])
    .where("request_targets.request_id", "=", request.id)
    .orderBy("organisations.name")
    .execute();
  return { ...request, targets };
}

export async function getRequestIdByNumber(number: number) {
  return (await db.selectFrom("requests").select("id").where("number", "=", number).executeTakeFirst())?.id;
}

/** The id of the request with this number if the viewer may see it (ADR 040): the request page's forms act on no other. */
export async function getVisibleRequestId(input: { number: number; viewer: RequestViewer }) {
  return (
    await db
      .selectFrom("requests")
      .select("id")
      .where("number", "=", input.number)
      .where(isVisibleRequest(input.viewer, "requests"))
      .executeTakeFirst()
  )?.id;
}
