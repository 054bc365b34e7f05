import type { Transaction } from "kysely";
import type { Database } from "../../db/schema";
import { isFinal } from "../domain/lifecycle";
import type { RequestStatus } from "../domain/requests";
import { recordEvent } from "./event.server";
import { ConflictError } from "./errors.server";
import { lockRequest, RequestNotFoundError } from "./request.server";
import { inTransaction } from "./transaction.server";

/*
 * Votes: one per user per request (the primary key says so). Each change writes an `events` row
 * with entity_type 'vote', the request's id and action 'vote' or 'unvote', so the request's own
 * timeline (entity_type 'request') stays a record of its status.
 */

/**
 * Whether the request still takes votes: not in a final status of the lifecycle
 * (app/domain/lifecycle.ts), where a request's support is settled, and for a duplicate the votes belong on the original (the
 * merge moves them there).
 */
export function isOpenForVotes(status: RequestStatus) {
  return !isFinal("request", status);
}

export type VoteResult = { status: "voted" | "unvoted"; voteCount: number; changed: boolean };

/** The request is closed: its support is settled, and it keeps the votes it has. */
export class VotesClosedError extends ConflictError {
  constructor(readonly requestStatus: RequestStatus) {
    super("requestPage.errors.votesClosed");
  }
}

/**
 * Sets the user's vote on the request. Idempotent: a second vote (a double click, two tabs) finds
 * the primary key taken, and taking back a vote that is gone finds nothing to delete; either way
 * nothing changes, so nobody votes twice and the count stays the number of rows. A closed request
 * writes nothing, and keeps the votes it has.
 */
async function setVote(input: { requestId: string; userId: string; vote: boolean }, trx?: Transaction<Database>): Promise<VoteResult> {
  return inTransaction(trx, async (trx) => {
    // Locked so the status read here still holds when the vote is written.
    const request = await lockRequest(trx, input.requestId);
    if (!request) throw new RequestNotFoundError(input.requestId);
    if (!isOpenForVotes(request.status)) throw new VotesClosedError(request.status);
    const status = input.vote ? "voted" : "unvoted";
    const changed = input.vote
      ? await trx
          .insertInto("votes")
          .values({ request_id: request.id, user_id: input.userId })
          .onConflict((oc) => oc.columns(["request_id", "user_id"]).doNothing())
          .returning("user_id")
          .executeTakeFirst()
      : await trx
          .deleteFrom("votes")
          .where("request_id", "=", request.id)
          .where("user_id", "=", input.userId)
          .returning("user_id")
          .executeTakeFirst();
    if (!changed) return { status, voteCount: request.voteCount, changed: false };
    const updated = await trx
      .updateTable("requests")
      .set((eb) => ({ vote_count: eb("vote_count", input.vote ? "+" : "-", 1) }))
      .where("id", "=", request.id)
      .returning("vote_count as voteCount")
      .executeTakeFirstOrThrow();
    await recordEvent(trx, {
      actorUserId: input.userId,
      entityType: "vote",
      entityId: request.id,
      action: input.vote ? "vote" : "unvote",
      data: { voteCount: updated.voteCount },
    });
    return { status, voteCount: updated.voteCount, changed: true };
  });
}

/** The user votes for the request. */
export function castVote(input: { requestId: string; userId: string }, trx?: Transaction<Database>) {
  return setVote({ ...input, vote: true }, trx);
}

/** The user takes their vote back. */
export function retractVote(input: { requestId: string; userId: string }, trx?: Transaction<Database>) {
  return setVote({ ...input, vote: false }, trx);
}
