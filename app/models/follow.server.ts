import type { Transaction } from "kysely";
import type { Database } from "../../db/schema";
import { recordEvent } from "./event.server";
import { lockRequest, RequestNotFoundError } from "./request.server";
import { inTransaction } from "./transaction.server";

export type FollowResult = { status: "following" | "not_following"; followerCount: number; changed: boolean };

/**
 * Each change writes an `events` row with entity_type 'follow', the request's id and action
 * 'follow' or 'unfollow' (not 'request': the request's timeline is a record of its status).
 *
 * Follows are stored now so that the e-mail notifications (a later issue) have someone to tell.
 * A closed request may still be followed: its answers and reopenings are still news.
 */
async function setFollow(
  input: { requestId: string; userId: string; follow: boolean },
  trx?: Transaction<Database>,
): Promise<FollowResult> {
  return inTransaction(trx, async (trx) => {
    // Locked so two follows of the same request cannot both read the old count.
    const request = await lockRequest(trx, input.requestId);
    if (!request) throw new RequestNotFoundError(input.requestId);
    const status = input.follow ? "following" : "not_following";
    const changed = input.follow
      ? await trx
          .insertInto("follows")
          .values({ request_id: request.id, user_id: input.userId })
          .onConflict((oc) => oc.columns(["request_id", "user_id"]).doNothing())
          .returning("user_id")
          .executeTakeFirst()
      : await trx
          .deleteFrom("follows")
          .where("request_id", "=", request.id)
          .where("user_id", "=", input.userId)
          .returning("user_id")
          .executeTakeFirst();
    if (!changed) return { status, followerCount: request.followerCount, changed: false };
    const updated = await trx
      .updateTable("requests")
      .set((eb) => ({ follower_count: eb("follower_count", input.follow ? "+" : "-", 1) }))
      .where("id", "=", request.id)
      .returning("follower_count as followerCount")
      .executeTakeFirstOrThrow();
    await recordEvent(trx, {
      actorUserId: input.userId,
      entityType: "follow",
      entityId: request.id,
      action: input.follow ? "follow" : "unfollow",
      data: { followerCount: updated.followerCount },
    });
    return { status, followerCount: updated.followerCount, changed: true };
  });
}

/** The user follows the request; idempotent (a second follow changes nothing). */
export function followRequest(input: { requestId: string; userId: string }, trx?: Transaction<Database>) {
  return setFollow({ ...input, follow: true }, trx);
}

/** The user stops following the request; idempotent. */
export function unfollowRequest(input: { requestId: string; userId: string }, trx?: Transaction<Database>) {
  return setFollow({ ...input, follow: false }, trx);
}

/**
 * Whom news of a request goes to: its requester and its followers, once each, with the language
 * each reads. Read inside the transaction of the change the mail tells of.
 */
export async function listRequestAudience(trx: Transaction<Database>, requestId: string) {
  return trx
    .selectFrom("users")
    .select(["users.id", "users.email", "users.name", "users.locale"])
    .where((eb) =>
      eb.or([
        eb("users.id", "in", eb.selectFrom("follows").select("follows.user_id").where("follows.request_id", "=", requestId)),
        eb("users.id", "in", eb.selectFrom("requests").select("requests.requester_user_id").where("requests.id", "=", requestId)),
      ]),
    )
    .orderBy("users.id")
    .execute();
}
