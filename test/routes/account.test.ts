import { describe, expect, it } from "vitest";
import { db } from "../../db/client.server";
import { getSessionUser } from "../../app/auth/session.server";
import { verifyPassword } from "../../app/auth/password.server";
import { action } from "../../app/routes/account";
import { createTestUser, sessionCookieFor, TEST_PASSWORD } from "../factories/user";
import { pageRequest, run } from "../support/route-request";

const cookieRequest = (cookie: string) => new Request("http://localhost/", { headers: { Cookie: cookie } });

async function passwordHashOf(userId: string) {
  return (await db.selectFrom("users").select("password_hash").where("id", "=", userId).executeTakeFirstOrThrow()).password_hash;
}

describe("password change", () => {
  it("changes the password, revokes other sessions and keeps this browser signed in", async () => {
    const user = await createTestUser();
    const here = await sessionCookieFor(user.id);
    const elsewhere = await sessionCookieFor(user.id);
    const newPassword = "ett helt nytt långt lösenord";
    const response = await run(action, pageRequest("/account", { cookie: here, form: { currentPassword: TEST_PASSWORD, newPassword } }));
    // Single fetch: a returned data() carries the fresh session cookie in its init.
    const fresh = (response as { init: { headers: Record<string, string> } }).init.headers["Set-Cookie"];
    expect(fresh).toMatch(/^fraga_session=/);
    expect(await verifyPassword(await passwordHashOf(user.id), newPassword)).toBe(true);
    expect(await getSessionUser(cookieRequest(here))).toBeNull();
    expect(await getSessionUser(cookieRequest(elsewhere))).toBeNull();
    expect(await getSessionUser(cookieRequest(fresh.split(";")[0]))).not.toBeNull();
  });

  it("refuses a wrong current password and a too-short new one, changing nothing", async () => {
    const user = await createTestUser();
    const cookie = await sessionCookieFor(user.id);
    const before = await passwordHashOf(user.id);
    const wrong = await run(action, pageRequest("/account", { cookie, form: { currentPassword: "inte rätt lösenord alls", newPassword: "ett helt nytt långt lösenord" } }));
    expect(wrong).toMatchObject({ ok: false, fieldErrors: { currentPassword: ["errors.currentPasswordWrong"] } });
    const short = await run(action, pageRequest("/account", { cookie, form: { currentPassword: TEST_PASSWORD, newPassword: "kort" } }));
    expect(short).toMatchObject({ ok: false, fieldErrors: { newPassword: ["errors.passwordTooShort"] } });
    expect(await passwordHashOf(user.id)).toBe(before);
    expect(await getSessionUser(cookieRequest(cookie))).not.toBeNull();
  });
});
