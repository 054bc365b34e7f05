import { describe, expect, it } from "vitest";
import { db } from "../../db/client.server";
import { createHash } from "node:crypto";
import { endSession, getSessionUser, sessionCookie, startSession } from "../../app/auth/session.server";
import { updateUserPassword } from "../../app/models/user.server";
import { createTestUser } from "../factories/user";

function requestWith(setCookie: string) {
  return new Request("http://localhost/", { headers: { Cookie: setCookie.split(";")[0] } });
}

describe("sessions", () => {
  it("stores only the SHA-256 of the token and sets a hardened cookie", async () => {
    const user = await createTestUser();
    const setCookie = await startSession(user.id);
    const token: string = await sessionCookie.parse(setCookie.split(";")[0]);
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Lax/);
    const rows = await db.selectFrom("sessions").select("id").where("user_id", "=", user.id).execute();
    expect(rows).toHaveLength(1);
    expect(token).toMatch(/^[a-z2-7]{32}$/);
    expect(rows[0].id).toBe(createHash("sha256").update(token).digest("hex"));
    expect((await getSessionUser(requestWith(setCookie)))?.id).toBe(user.id);
  });

  it("rejects an unknown token and a tampered cookie", async () => {
    expect(await getSessionUser(requestWith(await sessionCookie.serialize("a".repeat(32))))).toBeNull();
    expect(await getSessionUser(requestWith("fraga_session=not-a-token"))).toBeNull();
  });

  it("deletes an expired session when it is used", async () => {
    const user = await createTestUser();
    const setCookie = await startSession(user.id);
    await db
      .updateTable("sessions")
      .set({ expires_at: new Date(Date.now() - 1000) })
      .where("user_id", "=", user.id)
      .execute();
    expect(await getSessionUser(requestWith(setCookie))).toBeNull();
    expect(await db.selectFrom("sessions").select("id").where("user_id", "=", user.id).execute()).toHaveLength(0);
  });

  it("renews a session used in the second half of its life", async () => {
    const user = await createTestUser();
    const setCookie = await startSession(user.id);
    const soon = new Date(Date.now() + 2 * 24 * 60 * 60 * 1000);
    await db.updateTable("sessions").set({ expires_at: soon }).where("user_id", "=", user.id).execute();
    expect(await getSessionUser(requestWith(setCookie))).toMatchObject({ id: user.id });
    const { expires_at } = await db.selectFrom("sessions").select("expires_at").where("user_id", "=", user.id).executeTakeFirstOrThrow();
    expect(new Date(expires_at).getTime()).toBeGreaterThan(Date.now() + 29 * 24 * 60 * 60 * 1000);
  });

  it("revokes the session on sign-out", async () => {
    const user = await createTestUser();
    const first = await startSession(user.id);
    const second = await startSession(user.id);
    const cleared = await endSession(requestWith(first));
    expect(cleared).toMatch(/Max-Age=0/);
    expect(await getSessionUser(requestWith(first))).toBeNull();
    expect(await getSessionUser(requestWith(second))).toMatchObject({ id: user.id });
  });

  it("ends every session in the password change's own transaction, so none outlives the old password", async () => {
    const user = await createTestUser();
    const sessions = [await startSession(user.id), await startSession(user.id)];
    await updateUserPassword({ userId: user.id, passwordHash: "$argon2id$v=19$m=19456,t=2,p=1$bmV3$bmV3bmV3" });
    for (const session of sessions) expect(await getSessionUser(requestWith(session))).toBeNull();
    const events = await db.selectFrom("events").select("action").where("entity_id", "=", user.id).execute();
    expect(events.map((e) => e.action)).toContain("change_password");
  });
});
