import { describe, expect, it } from "vitest";
import { db } from "../../db/client.server";
import {
  addComment,
  CommentNotEditableError,
  CommentNotFoundError,
  deleteComment,
  editComment,
  hideComment,
  NotCommentAuthorError,
} from "../../app/models/comment.server";
import { RequestNotFoundError } from "../../app/models/request.server";
import { createTestRequest } from "../factories/request";
import { createTestUser } from "../factories/user";

/** A well-formed id that names no request. */
const MISSING_REQUEST_ID = "00000000-0000-4000-8000-000000000000";

async function commentCount(requestId: string) {
  return (await db.selectFrom("requests").select("comment_count").where("id", "=", requestId).executeTakeFirstOrThrow()).comment_count;
}

async function commentRow(id: string) {
  return db
    .selectFrom("comments")
    .select(["body", "deleted_at", "hidden_at", "hidden_by", "hidden_reason"])
    .where("id", "=", id)
    .executeTakeFirstOrThrow();
}

async function commentEvents(id: string) {
  return db
    .selectFrom("events")
    .select(["action", "actor_user_id", "from_state", "to_state", "reason", "data"])
    .where("entity_type", "=", "comment")
    .where("entity_id", "=", id)
    .orderBy("occurred_at")
    .orderBy("id")
    .execute();
}

async function setup() {
  const request = await createTestRequest();
  const author = await createTestUser();
  const added = await addComment({ requestId: request.id, authorUserId: author.id, body: "Vi behöver **detta** också." });
  if (added.status !== "added") throw new Error("comment not added");
  return { request, author, commentId: added.commentId };
}

describe("comments", () => {
  it("adds a comment, counts it and writes the event in the same transaction", async () => {
    const { request, author, commentId } = await setup();
    expect(await commentCount(request.id)).toBe(1);
    expect(await commentEvents(commentId)).toEqual([
      { action: "create", actor_user_id: author.id, from_state: null, to_state: "visible", reason: null, data: { requestId: request.id } },
    ]);
  });

  it("answers not_found for a missing request and for a comment of another request", async () => {
    const { author, commentId } = await setup();
    await expect(addComment({ requestId: MISSING_REQUEST_ID, authorUserId: author.id, body: "Hej" })).rejects.toBeInstanceOf(
      RequestNotFoundError,
    );
    const other = await createTestRequest();
    await expect(editComment({ requestId: other.id, commentId, userId: author.id, body: "Nytt" })).rejects.toBeInstanceOf(
      CommentNotFoundError,
    );
    await expect(deleteComment({ requestId: other.id, commentId, userId: author.id })).rejects.toBeInstanceOf(CommentNotFoundError);
  });

  it("lets the author edit their own comment, keeping the earlier text in the event", async () => {
    const { request, author, commentId } = await setup();
    expect(await editComment({ requestId: request.id, commentId, userId: author.id, body: "Rättad text" })).toEqual({
      status: "changed",
      changed: true,
    });
    expect((await commentRow(commentId)).body).toBe("Rättad text");
    const edit = (await commentEvents(commentId)).find((e) => e.action === "edit");
    expect(edit?.data).toEqual({ requestId: request.id, previousBody: "Vi behöver **detta** också." });
    expect(await commentCount(request.id)).toBe(1);
  });

  it("refuses to edit or delete someone else's comment, and writes nothing", async () => {
    const { request, commentId } = await setup();
    const other = await createTestUser({ role: "coordinator" });
    await expect(editComment({ requestId: request.id, commentId, userId: other.id, body: "Kapat" })).rejects.toBeInstanceOf(
      NotCommentAuthorError,
    );
    await expect(deleteComment({ requestId: request.id, commentId, userId: other.id })).rejects.toBeInstanceOf(NotCommentAuthorError);
    expect(await commentRow(commentId)).toMatchObject({ body: "Vi behöver **detta** också.", deleted_at: null });
    expect(await commentCount(request.id)).toBe(1);
    expect((await commentEvents(commentId)).map((e) => e.action)).toEqual(["create"]);
  });

  it("deletes softly, once, and a deleted comment can no longer be edited", async () => {
    const { request, author, commentId } = await setup();
    expect(await deleteComment({ requestId: request.id, commentId, userId: author.id })).toEqual({ status: "changed", changed: true });
    expect(await deleteComment({ requestId: request.id, commentId, userId: author.id })).toEqual({ status: "changed", changed: false });
    const row = await commentRow(commentId);
    expect(row.deleted_at).toBeInstanceOf(Date);
    expect(row.body).toBe("Vi behöver **detta** också.");
    expect(await commentCount(request.id)).toBe(0);
    await expect(editComment({ requestId: request.id, commentId, userId: author.id, body: "Igen" })).rejects.toThrowError(
      expect.objectContaining({ constructor: CommentNotEditableError, state: "deleted" }),
    );
    expect((await commentEvents(commentId)).map((e) => [e.action, e.from_state, e.to_state])).toEqual([
      ["create", null, "visible"],
      ["delete", "visible", "deleted"],
    ]);
  });

  it("hides with a reason, once; the author can neither edit it nor change the count by deleting it", async () => {
    const { request, author, commentId } = await setup();
    const coordinator = await createTestUser({ role: "coordinator" });
    const hide = { requestId: request.id, commentId, actorUserId: coordinator.id, reason: "Personuppgifter" };
    expect(await hideComment(hide)).toEqual({ status: "changed", changed: true });
    expect(await hideComment({ ...hide, reason: "Igen" })).toEqual({ status: "changed", changed: false });
    expect(await commentRow(commentId)).toMatchObject({ hidden_by: coordinator.id, hidden_reason: "Personuppgifter" });
    expect(await commentCount(request.id)).toBe(0);

    await expect(editComment({ requestId: request.id, commentId, userId: author.id, body: "Runt" })).rejects.toThrowError(
      expect.objectContaining({ constructor: CommentNotEditableError, state: "hidden" }),
    );
    expect(await deleteComment({ requestId: request.id, commentId, userId: author.id })).toEqual({ status: "changed", changed: true });
    expect(await commentCount(request.id)).toBe(0);
    const events = await commentEvents(commentId);
    expect(events.find((e) => e.action === "hide")).toMatchObject({
      actor_user_id: coordinator.id,
      from_state: "visible",
      to_state: "hidden",
      reason: "Personuppgifter",
    });
  });

  it("has nothing to hide in a deleted comment", async () => {
    const { request, author, commentId } = await setup();
    const coordinator = await createTestUser({ role: "coordinator" });
    await deleteComment({ requestId: request.id, commentId, userId: author.id });
    await expect(hideComment({ requestId: request.id, commentId, actorUserId: coordinator.id, reason: "Spam" })).rejects.toThrowError(
      expect.objectContaining({ constructor: CommentNotEditableError, state: "deleted" }),
    );
    expect((await commentRow(commentId)).hidden_at).toBeNull();
  });

  it("keeps comment_count right when comments are added, deleted and hidden at the same time", async () => {
    const request = await createTestRequest();
    const coordinator = await createTestUser({ role: "coordinator" });
    const authors = await Promise.all(Array.from({ length: 6 }, () => createTestUser()));
    const added = await Promise.all(
      authors.map((author) => addComment({ requestId: request.id, authorUserId: author.id, body: `Från ${author.name}` })),
    );
    expect(await commentCount(request.id)).toBe(6);
    // Each comment is deleted by its author and hidden by the coordinator at once: only one of
    // the two may take it out of the count.
    await Promise.all(
      added.flatMap((result, i) => {
        if (result.status !== "added") throw new Error("not added");
        return [
          deleteComment({ requestId: request.id, commentId: result.commentId, userId: authors[i].id }),
          // A hide that comes after the delete finds nothing to hide: that conflict is expected here.
          hideComment({ requestId: request.id, commentId: result.commentId, actorUserId: coordinator.id, reason: "Test" }).catch(
            (error: unknown) => {
              if (!(error instanceof CommentNotEditableError)) throw error;
            },
          ),
        ];
      }),
    );
    expect(await commentCount(request.id)).toBe(0);
  });
});
