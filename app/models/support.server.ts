import type { Transaction } from "kysely";
import type { Database } from "../../db/schema";
import { followRequest } from "./follow.server";
import { TransitionError } from "./lifecycle.server";
import { lockRequest, RequestNotFoundError } from "./request.server";
import { inTransaction } from "./transaction.server";
import { castVote, VotesClosedError } from "./vote.server";

/**
 * The requester chose to support an existing request instead of filing their own: they vote for it
 * and follow it, exactly as the buttons on its page would (both idempotent, both recorded), in one
 * transaction: a follow that fails takes the vote back with it. Closed requests take no support.
 */
export async function supportRequest(input: { userId: string; requestId: string }, trx?: Transaction<Database>) {
  return inTransaction(trx, async (trx) => {
    // The same lock the vote and the follow take: held from here, the status cannot change between them.
    const request = await lockRequest(trx, input.requestId);
    // Held for review, it is not there for anyone but its requester (ADR 040).
    if (!request || (request.heldForReview && request.requesterUserId !== input.userId)) throw new RequestNotFoundError(input.requestId);
    try {
      await castVote({ requestId: request.id, userId: input.userId }, trx);
    } catch (error) {
      if (error instanceof VotesClosedError) throw new TransitionError("request", request.status, request.status);
      throw error;
    }
    await followRequest({ requestId: request.id, userId: input.userId }, trx);
    return { number: request.number };
  });
}
