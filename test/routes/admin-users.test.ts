import { beforeEach, describe, expect, it } from "vitest";
import { db } from "../../db/client.server";
import type { MembershipRole } from "../../db/schema";
import { action } from "../../app/routes/admin.users";
import { createTestUser, sessionCookieFor } from "../factories/user";
import { pageRequest, run } from "../support/route-request";

/** Issue 7 point 13: nobody can leave the portal without an administrator or a coordinator. */
async function membershipOf(userId: string, role: MembershipRole) {
  return db.selectFrom("memberships").select("id").where("user_id", "=", userId).where("role", "=", role).executeTakeFirstOrThrow();
}

async function revoke(actorId: string, membershipId: string) {
  return run(action, pageRequest("/admin/users", { cookie: await sessionCookieFor(actorId), form: { intent: "revoke", membershipId } }));
}

async function holders(role: MembershipRole) {
  return (await db.selectFrom("memberships").select("id").where("role", "=", role).execute()).length;
}

/** Who holds the role now, not only how many. */
async function holderIds(role: MembershipRole) {
  return (await db.selectFrom("memberships").select("user_id").where("role", "=", role).execute()).map((m) => m.user_id);
}

beforeEach(async () => {
  await db.deleteFrom("memberships").where("role", "in", ["admin", "coordinator"]).execute();
});

describe("the last administrator and the last coordinator keep their role", () => {
  it("refuses the only administrator revoking their own administrator role, with a message", async () => {
    const admin = await createTestUser({ role: "admin" });
    const result = await revoke(admin.id, (await membershipOf(admin.id, "admin")).id);
    expect(result).toMatchObject({ ok: false, formErrors: ["errors.lastAdmin"] });
    expect(await holders("admin")).toBe(1);
    const events = await db
      .selectFrom("events")
      .select("action")
      .where("entity_id", "=", admin.id)
      .where("action", "=", "revoke_role")
      .execute();
    expect(events).toHaveLength(0);
  });

  it("lets an administrator step down while another remains", async () => {
    const first = await createTestUser({ role: "admin" });
    const second = await createTestUser({ role: "admin" });
    expect(await revoke(first.id, (await membershipOf(first.id, "admin")).id)).toMatchObject({ ok: true });
    // Now the second is the last one.
    const result = await revoke(second.id, (await membershipOf(second.id, "admin")).id);
    expect(result).toMatchObject({ ok: false, formErrors: ["errors.lastAdmin"] });
    expect(await holders("admin")).toBe(1);
    expect(await holderIds("admin")).toEqual([second.id]);
  });

  it("never leaves no administrator when two revoke each other at once", async () => {
    const a = await createTestUser({ role: "admin" });
    const b = await createTestUser({ role: "admin" });
    const results = await Promise.all([
      revoke(a.id, (await membershipOf(b.id, "admin")).id),
      revoke(b.id, (await membershipOf(a.id, "admin")).id),
    ]);
    expect(await holders("admin")).toBe(1);
    expect(results.filter((r) => (r as { ok?: boolean }).ok === true)).toHaveLength(1);
  });

  it("refuses revoking the last coordinator's role, by themselves or by an administrator", async () => {
    const coordinator = await createTestUser({ role: "coordinator" });
    const admin = await createTestUser({ role: "admin" });
    const membership = (await membershipOf(coordinator.id, "coordinator")).id;
    expect(await revoke(coordinator.id, membership)).toMatchObject({ ok: false, formErrors: ["errors.lastCoordinator"] });
    expect(await revoke(admin.id, membership)).toMatchObject({ ok: false, formErrors: ["errors.lastCoordinator"] });
    expect(await holders("coordinator")).toBe(1);
    const other = await createTestUser({ role: "coordinator" });
    expect(await revoke(admin.id, membership)).toMatchObject({ ok: true });
    expect(await holders("coordinator")).toBe(1);
    // The one left is the newcomer: the revoked coordinator's role is gone.
    expect(await holderIds("coordinator")).toEqual([other.id]);
  });

  it("still removes responder roles freely", async () => {
    const admin = await createTestUser({ role: "admin" });
    const responder = await createTestUser({ role: "responder" });
    expect(await revoke(admin.id, (await membershipOf(responder.id, "responder")).id)).toMatchObject({ ok: true });
    expect(await db.selectFrom("memberships").select("id").where("user_id", "=", responder.id).execute()).toEqual([]);
  });
});
