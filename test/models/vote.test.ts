import { describe, expect, it } from "vitest";
import { db } from "../../db/client.server";
import type { RequestStatus } from "../../db/schema";
import { RequestNotFoundError } from "../../app/models/request.server";
import { castVote, retractVote, VotesClosedError } from "../../app/models/vote.server";
import { createTestRequest } from "../factories/request";
import { createTestUser } from "../factories/user";

/** A well-formed id that names no request. */
const MISSING_REQUEST_ID = "00000000-0000-4000-8000-000000000000";

async function voteState(requestId: string) {
  const [request, votes, events] = await Promise.all([
    db.selectFrom("requests").select("vote_count").where("id", "=", requestId).executeTakeFirstOrThrow(),
    db.selectFrom("votes").select("user_id").where("request_id", "=", requestId).execute(),
    db
      .selectFrom("events")
      .select(["action", "actor_user_id"])
      .where("entity_type", "=", "vote")
      .where("entity_id", "=", requestId)
      .orderBy("occurred_at")
      .orderBy("id")
      .execute(),
  ]);
  return { voteCount: request.vote_count, voters: votes.map((v) => v.user_id), events };
}

describe("voting", () => {
  it("records one vote, keeps the count in step and writes the event", async () => {
    const request = await createTestRequest();
    const user = await createTestUser();
    expect(await castVote({ requestId: request.id, userId: user.id })).toEqual({ status: "voted", voteCount: 1, changed: true });
    expect(await voteState(request.id)).toEqual({
      voteCount: 1,
      voters: [user.id],
      events: [{ action: "vote", actor_user_id: user.id }],
    });
  });

  it("lets nobody vote twice, one submit after the other", async () => {
    const request = await createTestRequest();
    const user = await createTestUser();
    await castVote({ requestId: request.id, userId: user.id });
    expect(await castVote({ requestId: request.id, userId: user.id })).toEqual({ status: "voted", voteCount: 1, changed: false });
    const state = await voteState(request.id);
    expect(state.voteCount).toBe(1);
    expect(state.voters).toEqual([user.id]);
    expect(state.events).toHaveLength(1);
  });

  it("lets nobody vote twice under concurrent double submits", async () => {
    const request = await createTestRequest();
    const user = await createTestUser();
    const results = await Promise.all(Array.from({ length: 8 }, () => castVote({ requestId: request.id, userId: user.id })));
    expect(results.filter((r) => r.status === "voted" && r.changed)).toHaveLength(1);
    const state = await voteState(request.id);
    expect(state.voteCount).toBe(1);
    expect(state.voters).toEqual([user.id]);
    expect(state.events).toHaveLength(1);
  });

  it("counts every voter once when many vote at the same time", async () => {
    const request = await createTestRequest();
    const users = await Promise.all(Array.from({ length: 12 }, () => createTestUser()));
    await Promise.all(
      users.flatMap((user) => [castVote({ requestId: request.id, userId: user.id }), castVote({ requestId: request.id, userId: user.id })]),
    );
    const state = await voteState(request.id);
    expect(state.voteCount).toBe(12);
    expect(new Set(state.voters).size).toBe(12);
  });

  it("toggles: a vote taken back can be cast again, and the count follows the rows", async () => {
    const request = await createTestRequest();
    const user = await createTestUser();
    await castVote({ requestId: request.id, userId: user.id });
    expect(await retractVote({ requestId: request.id, userId: user.id })).toEqual({ status: "unvoted", voteCount: 0, changed: true });
    expect(await retractVote({ requestId: request.id, userId: user.id })).toEqual({ status: "unvoted", voteCount: 0, changed: false });
    expect(await castVote({ requestId: request.id, userId: user.id })).toEqual({ status: "voted", voteCount: 1, changed: true });
    const state = await voteState(request.id);
    expect(state.voteCount).toBe(1);
    expect(state.events.map((e) => e.action)).toEqual(["vote", "unvote", "vote"]);
  });

  it("keeps the count equal to the rows when votes and retractions interleave", async () => {
    const request = await createTestRequest();
    const users = await Promise.all(Array.from({ length: 5 }, () => createTestUser()));
    await Promise.all(
      users.flatMap((user) => [
        castVote({ requestId: request.id, userId: user.id }),
        retractVote({ requestId: request.id, userId: user.id }),
        castVote({ requestId: request.id, userId: user.id }),
      ]),
    );
    const state = await voteState(request.id);
    expect(state.voteCount).toBe(state.voters.length);
  });

  it("refuses votes on a closed request and writes nothing", async () => {
    const voter = await createTestUser();
    const closed: RequestStatus[] = ["closed", "answered_by_existing_data", "duplicate", "rejected", "withdrawn"];
    for (const status of closed) {
      const request = await createTestRequest({ status, voterIds: [voter.id] });
      const user = await createTestUser();
      await expect(castVote({ requestId: request.id, userId: user.id })).rejects.toThrowError(
        expect.objectContaining({ constructor: VotesClosedError, requestStatus: status }),
      );
      await expect(retractVote({ requestId: request.id, userId: voter.id })).rejects.toThrowError(
        expect.objectContaining({ constructor: VotesClosedError, requestStatus: status }),
      );
      expect(await voteState(request.id)).toEqual({ voteCount: 1, voters: [voter.id], events: [] });
    }
  });

  it("takes votes in every open status", async () => {
    for (const status of ["submitted", "open", "answered", "partly_answered"] as const) {
      const request = await createTestRequest({ status });
      const user = await createTestUser();
      expect(await castVote({ requestId: request.id, userId: user.id })).toMatchObject({ status: "voted", changed: true });
    }
  });

  it("answers not_found for a request that does not exist", async () => {
    const user = await createTestUser();
    await expect(castVote({ requestId: MISSING_REQUEST_ID, userId: user.id })).rejects.toBeInstanceOf(RequestNotFoundError);
    await expect(retractVote({ requestId: MISSING_REQUEST_ID, userId: user.id })).rejects.toBeInstanceOf(RequestNotFoundError);
  });
});
