import { describe, expect, it } from "vitest";
import { db } from "../../db/client.server";
import { action } from "../../app/routes/login";
import { createTestUser, TEST_PASSWORD } from "../factories/user";
import { pageRequest, run } from "../support/route-request";

function signIn(form: Record<string, string>, options: { clientAddress?: string; origin?: string | null } = {}) {
  return run(action, pageRequest("/login", { form, ...options }));
}

async function sessionCount(userId: string) {
  return (await db.selectFrom("sessions").select("id").where("user_id", "=", userId).execute()).length;
}

describe("sign in", () => {
  it("signs in with the right password (e-mail in any case) and goes back where the user was", async () => {
    const user = await createTestUser({ email: "kalle@example.se" });
    const res = (await signIn({ email: "KALLE@example.se", password: TEST_PASSWORD, redirectTo: "/account" })) as Response;
    expect(res.status).toBe(302);
    expect(res.headers.get("Location")).toBe("/account");
    expect(await sessionCount(user.id)).toBe(1);
  });

  it("never redirects to another site after sign-in", async () => {
    await createTestUser({ email: "lisa@example.se" });
    const res = (await signIn({ email: "lisa@example.se", password: TEST_PASSWORD, redirectTo: "//evil.example/" })) as Response;
    expect(res.headers.get("Location")).toBe("/");
  });

  it("says the same for a wrong password and an unknown e-mail, and keeps the e-mail typed", async () => {
    const user = await createTestUser({ email: "olle@example.se" });
    for (const email of ["olle@example.se", "okand@example.se"]) {
      const result = await signIn({ email, password: "fel lösenord helt och hållet" }, { clientAddress: `10.0.0.${email.length}` });
      expect(result).toMatchObject({ ok: false, formErrors: ["errors.invalidLogin"], values: { email } });
      expect(JSON.stringify(result)).not.toContain("fel lösenord");
    }
    expect(await sessionCount(user.id)).toBe(0);
  });

  it("throttles an account after 5 failures, even with the right password, from any client", async () => {
    const user = await createTestUser({ email: "throttle@example.se" });
    for (let i = 0; i < 5; i++) {
      await signIn({ email: "throttle@example.se", password: "fel lösenord nummer " + i }, { clientAddress: `192.0.2.${i}` });
    }
    const result = await signIn({ email: "throttle@example.se", password: TEST_PASSWORD }, { clientAddress: "192.0.2.200" });
    expect(result).toMatchObject({ ok: false, formErrors: ["errors.throttled"] });
    expect((result as { minutes: number }).minutes).toBeGreaterThanOrEqual(1);
    expect(await sessionCount(user.id)).toBe(0);
  });

  it("throttles a client that tries many accounts", async () => {
    const user = await createTestUser({ email: "victim@example.se" });
    for (let i = 0; i < 30; i++) {
      await signIn({ email: `guess${i}@example.se`, password: "gissning gissning" }, { clientAddress: "198.51.100.7" });
    }
    const blocked = await signIn({ email: "victim@example.se", password: TEST_PASSWORD }, { clientAddress: "198.51.100.7" });
    expect(blocked).toMatchObject({ formErrors: ["errors.throttled"] });
    const other = (await signIn({ email: "victim@example.se", password: TEST_PASSWORD }, { clientAddress: "198.51.100.8" })) as Response;
    expect(other.status).toBe(302);
    expect(await sessionCount(user.id)).toBe(1);
  });

  it("refuses a sign-in without this site's Origin", async () => {
    const user = await createTestUser({ email: "csrf@example.se" });
    const result = await signIn({ email: "csrf@example.se", password: TEST_PASSWORD }, { origin: null });
    expect(result).toMatchObject({ ok: false, formErrors: ["errors.csrf"], values: { email: "csrf@example.se" } });
    expect(await sessionCount(user.id)).toBe(0);
  });
});
