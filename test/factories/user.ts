import { randomBytes } from "node:crypto";
import { db } from "../../db/client.server";
import type { Locale, MembershipRole } from "../../db/schema";
import { hashPassword } from "../../app/auth/password.server";
import { startSession } from "../../app/auth/session.server";
import { createUser } from "../../app/models/user.server";

export const TEST_PASSWORD = "ett långt testlösenord";

export type TestRole = "requester" | MembershipRole;

/** A user with an optional membership; the organisation is a municipality by kommunkod. */
export async function createTestUser(
  options: { role?: TestRole; kommunkod?: string; name?: string; email?: string; password?: string; locale?: Locale } = {},
) {
  const suffix = randomBytes(4).toString("hex");
  const user = await createUser({
    name: options.name ?? `Test Testsson ${suffix}`,
    email: options.email ?? `test-${suffix}@example.se`,
    passwordHash: await hashPassword(options.password ?? TEST_PASSWORD),
    locale: options.locale ?? "sv",
  });
  const role = options.role ?? "requester";
  if (role !== "requester") {
    const organisation = await getMunicipality(options.kommunkod ?? (role === "responder" ? "1490" : "14"));
    await db.insertInto("memberships").values({ user_id: user.id, organisation_id: organisation.id, role }).execute();
  }
  return user;
}

export async function getMunicipality(kommunkod: string) {
  return db.selectFrom("organisations").select(["id", "name", "slug"]).where("kommunkod", "=", kommunkod).executeTakeFirstOrThrow();
}

/** The `Cookie` header of a fresh session for the user, as the browser would send it. */
export async function sessionCookieFor(userId: string) {
  const setCookie = await startSession(userId);
  return setCookie.split(";")[0];
}
