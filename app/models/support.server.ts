import { db } from "../../db/client.server";
import { followRequest } from "./follow.server";
import { RequestNotFoundError, RequestTransitionError } from "./request.server";
import { castVote } from "./vote.server";

/**
 * The requester chose to support an existing request instead of filing their own: they vote for it
 * and follow it, exactly as the buttons on its page would (both idempotent, both recorded).
 * Closed requests take no support.
 */
export async function supportRequest(input: { userId: string; requestId: string }) {
  const request = await db.selectFrom("requests").select(["number", "status"]).where("id", "=", input.requestId).executeTakeFirst();
  if (!request) throw new RequestNotFoundError(input.requestId);
  const vote = await castVote({ requestNumber: request.number, userId: input.userId });
  if (vote.status === "not_found") throw new RequestNotFoundError(input.requestId);
  if (vote.status === "closed") throw new RequestTransitionError(request.status, request.status);
  await followRequest({ requestNumber: request.number, userId: input.userId });
  return { number: request.number };
}
