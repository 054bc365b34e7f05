import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import { db } from "../../db/client.server";
import { supportRequest } from "../../app/models/support.server";
import { createTestRequest } from "../factories/request";
import { createTestUser } from "../factories/user";

async function supportOf(requestId: string, userId: string) {
  const [request, votes, follows, events] = await Promise.all([
    db
      .selectFrom("requests")
      .select(["vote_count as votes", "follower_count as followers"])
      .where("id", "=", requestId)
      .executeTakeFirstOrThrow(),
    db.selectFrom("votes").select("user_id").where("request_id", "=", requestId).where("user_id", "=", userId).execute(),
    db.selectFrom("follows").select("user_id").where("request_id", "=", requestId).where("user_id", "=", userId).execute(),
    db.selectFrom("events").select("action").where("entity_id", "=", requestId).where("actor_user_id", "=", userId).execute(),
  ]);
  return { ...request, voted: votes.length, followed: follows.length, events: events.map((e) => e.action).sort() };
}

describe("supporting a request", () => {
  it("votes and follows in one transaction: a follow that fails leaves no vote", async () => {
    const request = await createTestRequest({ votes: 3, followers: 2 });
    const [unlucky, lucky] = await Promise.all([createTestUser(), createTestUser()]);
    // A real failure inside PostgreSQL, for this one user's follow only: the database refuses the row.
    await sql`
      create function test_refuse_follow() returns trigger language plpgsql as $$
      begin
        if new.user_id = ${sql.lit(unlucky.id)}::uuid then raise exception 'follow refused for the test'; end if;
        return new;
      end $$`.execute(db);
    await sql`create trigger refuse_follow before insert on follows for each row execute function test_refuse_follow()`.execute(db);
    try {
      await expect(supportRequest({ userId: unlucky.id, requestId: request.id })).rejects.toThrow(/follow refused/);
      expect(await supportOf(request.id, unlucky.id)).toEqual({ votes: 3, followers: 2, voted: 0, followed: 0, events: [] });

      await supportRequest({ userId: lucky.id, requestId: request.id });
      expect(await supportOf(request.id, lucky.id)).toEqual({ votes: 4, followers: 3, voted: 1, followed: 1, events: ["follow", "vote"] });
    } finally {
      await sql`drop trigger refuse_follow on follows`.execute(db);
      await sql`drop function test_refuse_follow()`.execute(db);
    }
  });
});
