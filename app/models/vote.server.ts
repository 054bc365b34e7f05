import type { Transaction } from "kysely";
import { db } from "../../db/client.server";
import type { Database, RequestStatus } from "../../db/schema";
import { recordEvent } from "./event.server";
import { closedStatuses } from "./request.server";

/*
 * Votes: one per user per request (the primary key says so). Each change writes an `events` row
 * with entity_type 'vote', the request's id and action 'vote' or 'unvote', so the request's own
 * timeline (entity_type 'request') stays a record of its status.
 */

/**
 * Whether the request still takes votes. The closed statuses are the lifecycle's own list: in
 * them a request's support is settled, and for a duplicate the votes belong on the original (the
 * merge moves them there).
 */
export function isOpenForVotes(status: RequestStatus) {
  return !closedStatuses.includes(status);
}

export type VoteResult =
  | { status: "voted" | "unvoted"; voteCount: number; changed: boolean }
  | { status: "not_found" }
  | { status: "closed" };

/**
 * The request row, locked against other writers of its counters until the transaction ends, so
 * the status read here still holds when the vote is written. FOR NO KEY UPDATE is the lock the
 * counter's UPDATE takes anyway; FOR UPDATE would also hold off other transactions' rows that
 * merely reference the request (their foreign-key checks take KEY SHARE).
 */
async function lockRequest(trx: Transaction<Database>, requestNumber: number) {
  return trx
    .selectFrom("requests")
    .select(["id", "status", "vote_count as voteCount"])
    .where("number", "=", requestNumber)
    .forNoKeyUpdate()
    .executeTakeFirst();
}

/**
 * The user votes for the request. Idempotent: a second vote (a double click, two tabs) finds the
 * primary key taken and changes nothing, so nobody votes twice and the count stays the number of
 * rows. A closed request writes nothing.
 */
export async function castVote(input: { requestNumber: number; userId: string }): Promise<VoteResult> {
  return db.transaction().execute(async (trx) => {
    const request = await lockRequest(trx, input.requestNumber);
    if (!request) return { status: "not_found" };
    if (!isOpenForVotes(request.status)) return { status: "closed" };
    const inserted = await trx
      .insertInto("votes")
      .values({ request_id: request.id, user_id: input.userId })
      .onConflict((oc) => oc.columns(["request_id", "user_id"]).doNothing())
      .returning("user_id")
      .executeTakeFirst();
    if (!inserted) return { status: "voted", voteCount: request.voteCount, changed: false };
    const updated = await trx
      .updateTable("requests")
      .set((eb) => ({ vote_count: eb("vote_count", "+", 1) }))
      .where("id", "=", request.id)
      .returning("vote_count as voteCount")
      .executeTakeFirstOrThrow();
    await recordEvent(trx, {
      actorUserId: input.userId,
      entityType: "vote",
      entityId: request.id,
      action: "vote",
      data: { voteCount: updated.voteCount },
    });
    return { status: "voted", voteCount: updated.voteCount, changed: true };
  });
}

/** The user takes their vote back; idempotent like castVote. Closed requests keep their votes. */
export async function retractVote(input: { requestNumber: number; userId: string }): Promise<VoteResult> {
  return db.transaction().execute(async (trx) => {
    const request = await lockRequest(trx, input.requestNumber);
    if (!request) return { status: "not_found" };
    if (!isOpenForVotes(request.status)) return { status: "closed" };
    const deleted = await trx
      .deleteFrom("votes")
      .where("request_id", "=", request.id)
      .where("user_id", "=", input.userId)
      .returning("user_id")
      .executeTakeFirst();
    if (!deleted) return { status: "unvoted", voteCount: request.voteCount, changed: false };
    const updated = await trx
      .updateTable("requests")
      .set((eb) => ({ vote_count: eb("vote_count", "-", 1) }))
      .where("id", "=", request.id)
      .returning("vote_count as voteCount")
      .executeTakeFirstOrThrow();
    await recordEvent(trx, {
      actorUserId: input.userId,
      entityType: "vote",
      entityId: request.id,
      action: "unvote",
      data: { voteCount: updated.voteCount },
    });
    return { status: "unvoted", voteCount: updated.voteCount, changed: true };
  });
}
