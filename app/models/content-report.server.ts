import { sql, type Transaction } from "kysely";
import { db } from "../../db/client.server";
import type { ContentReportReason, ContentReportResolution, Database } from "../../db/schema";
import { can, type Actor } from "../auth/permissions";
import { isRejectable } from "../domain/lifecycle";
import { hideComment } from "./comment.server";
import { ConflictError, ForbiddenError, NotFoundError } from "./errors.server";
import { recordEvent } from "./event.server";
import { lockRequest, rejectRequest } from "./request.server";
import { inTransaction } from "./transaction.server";

/**
 * "Report as inappropriate" (issue 13, ADR 040): a signed-in user reports a request or a comment,
 * once per item, never their own; the report waits in the coordinators' triage queue until one of
 * them dismisses it, hides the comment or rejects the request. Every step writes its event in the
 * same transaction. Report events are of entity type `content_report`, so they stay off the
 * request's public timeline; who reported is never shown to anyone but coordinators.
 */

/** The item reported: the request itself (commentId null) or one of its comments. */
export interface ReportedItem {
  requestId: string;
  commentId: string | null;
}

/** The user already reported this item. */
export class AlreadyReportedError extends ConflictError {
  constructor() {
    super("moderation.errors.alreadyReported");
  }
}

/** A user cannot report what they wrote themselves. */
export class OwnContentError extends ConflictError {
  constructor() {
    super("moderation.errors.ownContent");
  }
}

/** Another coordinator resolved the item's reports first, or there were none. */
export class NoOpenReportsError extends ConflictError {
  constructor() {
    super("moderation.errors.noOpenReports");
  }
}

/** The resolution does not fit the item: hiding needs a comment, rejecting a request its lifecycle allows. */
export class ResolutionNotPossibleError extends ConflictError {
  constructor() {
    super("moderation.errors.resolutionNotPossible");
  }
}

/** The user reports a request or a comment on it, with a reason from the list and an optional note. */
export async function reportContent(
  input: ReportedItem & { reporterUserId: string; reason: ContentReportReason; note: string | null },
  trx?: Transaction<Database>,
) {
  return inTransaction(trx, async (trx) => {
    const request = await lockRequest(trx, input.requestId);
    // Held for review, it is already in the queue and seen by no one who could report it.
    if (!request || request.heldForReview) throw new NotFoundError();
    let authorUserId = request.requesterUserId;
    if (input.commentId !== null) {
      const comment = await trx
        .selectFrom("comments")
        .select(["author_user_id as authorUserId", "deleted_at as deletedAt", "hidden_at as hiddenAt"])
        .where("id", "=", input.commentId)
        .where("request_id", "=", request.id)
        .executeTakeFirst();
      // A deleted or hidden comment is no longer there to be read, so none to report.
      if (!comment || comment.deletedAt || comment.hiddenAt) throw new NotFoundError();
      authorUserId = comment.authorUserId;
    }
    if (authorUserId === input.reporterUserId) throw new OwnContentError();
    const report = await trx
      .insertInto("content_reports")
      .values({
        request_id: request.id,
        comment_id: input.commentId,
        reporter_user_id: input.reporterUserId,
        reason: input.reason,
        note: input.note,
      })
      // Once per user and item (the two partial unique indexes): a second report changes nothing.
      .onConflict((oc) => oc.doNothing())
      .returning("id")
      .executeTakeFirst();
    if (!report) throw new AlreadyReportedError();
    await recordEvent(trx, {
      actorUserId: input.reporterUserId,
      entityType: "content_report",
      entityId: report.id,
      action: "create",
      toState: "open",
      data: { requestId: request.id, commentId: input.commentId, reason: input.reason },
    });
    return { reportId: report.id };
  });
}

/**
 * The items with reports no coordinator has resolved, the most reported first: the triage queue's
 * list. A comment's text is given as its author wrote it, for the coordinator to judge.
 */
async function listReportedItems(input: { limit?: number } = {}) {
  const rows = await db
    .selectFrom("content_reports as cr")
    .innerJoin("requests as r", "r.id", "cr.request_id")
    .leftJoin("comments as c", "c.id", "cr.comment_id")
    .select((eb) => [
      "cr.request_id as requestId",
      "cr.comment_id as commentId",
      "r.number as requestNumber",
      "r.title as requestTitle",
      "r.status as requestStatus",
      "r.kind as requestKind",
      "c.body as commentBody",
      "c.hidden_at as commentHiddenAt",
      "c.deleted_at as commentDeletedAt",
      eb.fn.countAll<string>().as("reports"),
      eb.fn.max("cr.created_at").as("lastReportedAt"),
      // Raw SQL: Kysely has no builder for an ordered array_agg.
      sql<ContentReportReason[]>`array_agg(DISTINCT cr.reason ORDER BY cr.reason)`.as("reasons"),
      sql<string[]>`coalesce(array_agg(cr.note ORDER BY cr.created_at) FILTER (WHERE cr.note IS NOT NULL), '{}')`.as("notes"),
    ])
    .where("cr.resolved_at", "is", null)
    .groupBy(["cr.request_id", "cr.comment_id", "r.number", "r.title", "r.status", "r.kind", "c.body", "c.hidden_at", "c.deleted_at"])
    .orderBy(sql`count(*)`, "desc")
    .orderBy(sql`max(cr.created_at)`, "desc")
    .limit(input.limit ?? 100)
    .execute();
  return rows.map((row) => ({
    ...row,
    reports: Number(row.reports),
    lastReportedAt: row.lastReportedAt as Date,
    commentState: row.commentId === null ? null : row.commentHiddenAt ? "hidden" : row.commentDeletedAt ? "deleted" : "visible",
    canReject: row.commentId === null && isRejectable({ status: row.requestStatus, kind: row.requestKind }),
  }));
}

/** How many reports wait for a coordinator. */
async function countOpenReports() {
  const row = await db
    .selectFrom("content_reports")
    .select((eb) => eb.fn.countAll<string>().as("count"))
    .where("resolved_at", "is", null)
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

/** The triage queue's reports: how many wait, and the items they are about, the most reported first. */
export async function getReportQueue(input: { limit?: number } = {}) {
  const [waiting, items] = await Promise.all([countOpenReports(), listReportedItems(input)]);
  return { waiting, items };
}

/**
 * A coordinator resolves every open report of one item: dismisses them, hides the reported comment
 * (the comment's own command, with its reason shown in its place) or rejects the reported request
 * (the lifecycle's own transition, with its reason). One transaction: the change, its own event, the
 * reports resolved and a `content_report` event for each.
 */
export async function resolveReports(
  input: ReportedItem & { actor: Actor; resolution: ContentReportResolution; reason: string | null },
  trx?: Transaction<Database>,
) {
  if (!can(input.actor, "triage:request:any")) throw new ForbiddenError();
  if (input.resolution === "hidden" && !can(input.actor, "hide:comment:any")) throw new ForbiddenError();
  return inTransaction(trx, async (trx) => {
    // The request first, as every writer of it does, then the reports.
    const request = await lockRequest(trx, input.requestId);
    if (!request) throw new NotFoundError();
    const open = await trx
      .selectFrom("content_reports")
      .select("id")
      .where("request_id", "=", request.id)
      .$call((qb) => (input.commentId === null ? qb.where("comment_id", "is", null) : qb.where("comment_id", "=", input.commentId)))
      .where("resolved_at", "is", null)
      .forUpdate()
      .execute();
    if (open.length === 0) throw new NoOpenReportsError();

    if (input.resolution === "hidden") {
      if (input.commentId === null || !input.reason) throw new ResolutionNotPossibleError();
      await hideComment({ requestId: request.id, commentId: input.commentId, actorUserId: input.actor.id, reason: input.reason }, trx);
    } else if (input.resolution === "rejected") {
      if (input.commentId !== null || !input.reason || !isRejectable(request)) {
        throw new ResolutionNotPossibleError();
      }
      await rejectRequest({ actorUserId: input.actor.id, requestId: request.id, reason: input.reason }, trx);
    }

    const resolvedAt = new Date();
    await trx
      .updateTable("content_reports")
      .set({ resolved_at: resolvedAt, resolved_by: input.actor.id, resolution: input.resolution })
      .where(
        "id",
        "in",
        open.map((r) => r.id),
      )
      .execute();
    for (const report of open) {
      await recordEvent(trx, {
        actorUserId: input.actor.id,
        entityType: "content_report",
        entityId: report.id,
        action: "resolve",
        fromState: "open",
        toState: input.resolution,
        reason: input.reason,
        data: { requestId: request.id, commentId: input.commentId },
      });
    }
    return { resolved: open.length };
  });
}
