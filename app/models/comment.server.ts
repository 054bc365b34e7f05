import type { Transaction } from "kysely";
import type { Database } from "../../db/schema";
import { recordEvent } from "./event.server";
import { mailComment } from "./mail-audience.server";
import { ConflictError, ForbiddenError, NotFoundError } from "./errors.server";
import { lockRequest, RequestNotFoundError } from "./request.server";
import { inTransaction } from "./transaction.server";

/**
 * Comments on a request. `requests.comment_count` counts the comments a reader can read: neither
 * deleted by their author nor hidden by a coordinator. Every change writes an `events` row with
 * entity_type 'comment' and the comment's id (the request's id in `data.requestId`), so the
 * request's own timeline stays a record of its status.
 */

export type CommentState = "visible" | "deleted" | "hidden";

export type AddCommentResult = { status: "added"; commentId: string; commentCount: number };

export type ChangeCommentResult = { status: "changed"; changed: boolean };

/** No such comment on that request (or no such request). */
export class CommentNotFoundError extends NotFoundError {}

/** Not the user's own comment. */
export class NotCommentAuthorError extends ForbiddenError {}

/** Deleted or hidden: there is nothing left to edit (or, for a coordinator, to hide). */
export class CommentNotEditableError extends ConflictError {
  constructor(
    readonly state: CommentState,
    readonly change: "edit" | "hide",
  ) {
    super(change === "hide" ? "requestPage.errors.commentAlreadyDeleted" : "requestPage.errors.commentNotEditable");
  }
}

function stateOf(comment: { deletedAt: Date | null; hiddenAt: Date | null }): CommentState {
  if (comment.hiddenAt) return "hidden";
  if (comment.deletedAt) return "deleted";
  return "visible";
}

/**
 * The comment, if it belongs to the request, locked for the change. Always
 * after lockRequest, so every writer takes the two locks in the same order.
 */
async function lockComment(trx: Transaction<Database>, requestId: string, commentId: string) {
  return trx
    .selectFrom("comments")
    .select(["id", "author_user_id as authorUserId", "body", "deleted_at as deletedAt", "hidden_at as hiddenAt"])
    .where("id", "=", commentId)
    .where("request_id", "=", requestId)
    .forUpdate()
    .executeTakeFirst();
}

async function changeCommentCount(trx: Transaction<Database>, requestId: string, by: 1 | -1) {
  const updated = await trx
    .updateTable("requests")
    .set((eb) => ({ comment_count: eb("comment_count", by > 0 ? "+" : "-", 1) }))
    .where("id", "=", requestId)
    .returning("comment_count as commentCount")
    .executeTakeFirstOrThrow();
  return updated.commentCount;
}

/** The user comments on the request (Markdown, rendered sanitized). */
export async function addComment(
  input: { requestId: string; authorUserId: string; body: string },
  trx?: Transaction<Database>,
): Promise<AddCommentResult> {
  return inTransaction(trx, async (trx) => {
    // The request is locked so its comment count is changed by one writer at a time.
    const request = await lockRequest(trx, input.requestId);
    if (!request) throw new RequestNotFoundError(input.requestId);
    const comment = await trx
      .insertInto("comments")
      .values({ request_id: request.id, author_user_id: input.authorUserId, body: input.body })
      .returning("id")
      .executeTakeFirstOrThrow();
    const commentCount = await changeCommentCount(trx, request.id, 1);
    await recordEvent(trx, {
      actorUserId: input.authorUserId,
      entityType: "comment",
      entityId: comment.id,
      action: "create",
      toState: "visible",
      data: { requestId: request.id },
    });
    await mailComment(trx, { requestId: request.id, authorUserId: input.authorUserId, body: input.body });
    return { status: "added", commentId: comment.id, commentCount };
  });
}

/** The author edits their own comment; a deleted or hidden comment stays as it is. */
export async function editComment(
  input: { requestId: string; commentId: string; userId: string; body: string },
  trx?: Transaction<Database>,
): Promise<ChangeCommentResult> {
  return inTransaction(trx, async (trx) => {
    const request = await lockRequest(trx, input.requestId);
    const comment = request ? await lockComment(trx, request.id, input.commentId) : undefined;
    if (!request || !comment) throw new CommentNotFoundError();
    if (comment.authorUserId !== input.userId) throw new NotCommentAuthorError();
    const state = stateOf(comment);
    if (state !== "visible") throw new CommentNotEditableError(state, "edit");
    if (comment.body === input.body) return { status: "changed", changed: false };
    await trx.updateTable("comments").set({ body: input.body, updated_at: new Date() }).where("id", "=", comment.id).execute();
    await recordEvent(trx, {
      actorUserId: input.userId,
      entityType: "comment",
      entityId: comment.id,
      action: "edit",
      fromState: state,
      toState: state,
      // The earlier text stays in the audit trail, so an edit cannot erase what coordinators
      // may need to see.
      data: { requestId: request.id, previousBody: comment.body },
    });
    return { status: "changed", changed: true };
  });
}

/**
 * The author deletes their own comment. Soft: the row stays (with its audit trail) and the page
 * says "Kommentaren är borttagen". Deleting again changes nothing.
 */
export async function deleteComment(
  input: { requestId: string; commentId: string; userId: string },
  trx?: Transaction<Database>,
): Promise<ChangeCommentResult> {
  return inTransaction(trx, async (trx) => {
    const request = await lockRequest(trx, input.requestId);
    const comment = request ? await lockComment(trx, request.id, input.commentId) : undefined;
    if (!request || !comment) throw new CommentNotFoundError();
    if (comment.authorUserId !== input.userId) throw new NotCommentAuthorError();
    if (comment.deletedAt) return { status: "changed", changed: false };
    const state = stateOf(comment);
    await trx.updateTable("comments").set({ deleted_at: new Date() }).where("id", "=", comment.id).execute();
    // A hidden comment was already out of the count.
    if (state === "visible") await changeCommentCount(trx, request.id, -1);
    await recordEvent(trx, {
      actorUserId: input.userId,
      entityType: "comment",
      entityId: comment.id,
      action: "delete",
      fromState: state,
      toState: "deleted",
      data: { requestId: request.id },
    });
    return { status: "changed", changed: true };
  });
}

/**
 * A coordinator hides a comment, giving a reason that is shown in its place ("Dold av
 * samordnare: …"). The caller checks hide:comment:any; hiding again changes nothing.
 */
export async function hideComment(
  input: { requestId: string; commentId: string; actorUserId: string; reason: string },
  trx?: Transaction<Database>,
): Promise<ChangeCommentResult> {
  return inTransaction(trx, async (trx) => {
    const request = await lockRequest(trx, input.requestId);
    const comment = request ? await lockComment(trx, request.id, input.commentId) : undefined;
    if (!request || !comment) throw new CommentNotFoundError();
    const state = stateOf(comment);
    if (state === "hidden") return { status: "changed", changed: false };
    if (state === "deleted") throw new CommentNotEditableError(state, "hide");
    await trx
      .updateTable("comments")
      .set({ hidden_at: new Date(), hidden_by: input.actorUserId, hidden_reason: input.reason })
      .where("id", "=", comment.id)
      .execute();
    await changeCommentCount(trx, request.id, -1);
    await recordEvent(trx, {
      actorUserId: input.actorUserId,
      entityType: "comment",
      entityId: comment.id,
      action: "hide",
      fromState: state,
      toState: "hidden",
      reason: input.reason,
      data: { requestId: request.id },
    });
    return { status: "changed", changed: true };
  });
}
