import { describe, expect, it } from "vitest";
import { db } from "../../db/client.server";
import { followRequest, unfollowRequest } from "../../app/models/follow.server";
import { RequestNotFoundError } from "../../app/models/request.server";
import { createTestRequest } from "../factories/request";
import { createTestUser } from "../factories/user";

/** A well-formed id that names no request. */
const MISSING_REQUEST_ID = "00000000-0000-4000-8000-000000000000";

async function followState(requestId: string) {
  const [request, follows, events] = await Promise.all([
    db.selectFrom("requests").select("follower_count").where("id", "=", requestId).executeTakeFirstOrThrow(),
    db.selectFrom("follows").select("user_id").where("request_id", "=", requestId).execute(),
    db
      .selectFrom("events")
      .select("action")
      .where("entity_type", "=", "follow")
      .where("entity_id", "=", requestId)
      .orderBy("occurred_at")
      .orderBy("id")
      .execute(),
  ]);
  return { followerCount: request.follower_count, followers: follows.map((f) => f.user_id), actions: events.map((e) => e.action) };
}

describe("following a request", () => {
  it("toggles, keeping follower_count in step and writing an event per change", async () => {
    const request = await createTestRequest();
    const user = await createTestUser();
    expect(await followRequest({ requestId: request.id, userId: user.id })).toEqual({
      status: "following",
      followerCount: 1,
      changed: true,
    });
    expect(await followRequest({ requestId: request.id, userId: user.id })).toEqual({
      status: "following",
      followerCount: 1,
      changed: false,
    });
    expect(await followState(request.id)).toEqual({ followerCount: 1, followers: [user.id], actions: ["follow"] });

    expect(await unfollowRequest({ requestId: request.id, userId: user.id })).toEqual({
      status: "not_following",
      followerCount: 0,
      changed: true,
    });
    expect(await unfollowRequest({ requestId: request.id, userId: user.id })).toEqual({
      status: "not_following",
      followerCount: 0,
      changed: false,
    });
    expect(await followState(request.id)).toEqual({ followerCount: 0, followers: [], actions: ["follow", "unfollow"] });
  });

  it("counts each follower once under concurrent submits", async () => {
    const request = await createTestRequest();
    const users = await Promise.all(Array.from({ length: 6 }, () => createTestUser()));
    await Promise.all(users.flatMap((user) => Array.from({ length: 3 }, () => followRequest({ requestId: request.id, userId: user.id }))));
    const state = await followState(request.id);
    expect(state.followerCount).toBe(6);
    expect(state.actions).toHaveLength(6);
  });

  it("may follow a closed request (its news still matter)", async () => {
    const request = await createTestRequest({ status: "closed" });
    const user = await createTestUser();
    expect(await followRequest({ requestId: request.id, userId: user.id })).toMatchObject({ status: "following", changed: true });
  });

  it("answers not_found for a request that does not exist", async () => {
    const user = await createTestUser();
    await expect(followRequest({ requestId: MISSING_REQUEST_ID, userId: user.id })).rejects.toBeInstanceOf(RequestNotFoundError);
  });
});
