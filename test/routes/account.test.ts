import { describe, expect, it } from "vitest";
import { db } from "../../db/client.server";
import { getSessionUser } from "../../app/auth/session.server";
import { verifyPassword } from "../../app/auth/password.server";
import { deviceCookie } from "../../app/auth/device.server";
import { hashToken, newToken } from "../../app/auth/token.server";
import { trustDevice, useTrustedDevice } from "../../app/models/trusted-device.server";
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
    const response = await run(
      action,
      pageRequest("/account", { cookie: here, form: { intent: "changePassword", currentPassword: TEST_PASSWORD, newPassword } }),
    );
    // Issue 7 point 15: the fresh session cookie rides on the redirect (it was lost without JavaScript).
    expect(response).toBeInstanceOf(Response);
    expect((response as Response).status).toBe(302);
    expect((response as Response).headers.get("Location")).toBe("/account?done=password");
    const fresh = (response as Response).headers.get("Set-Cookie")!;
    expect(fresh).toMatch(/^fraga_session=/);
    expect(await verifyPassword(await passwordHashOf(user.id), newPassword)).toBe(true);
    expect(await getSessionUser(cookieRequest(here))).toBeNull();
    expect(await getSessionUser(cookieRequest(elsewhere))).toBeNull();
    expect(await getSessionUser(cookieRequest(fresh.split(";")[0]))).toMatchObject({ id: user.id });
  });

  it("refuses a wrong current password and a too-short new one, changing nothing", async () => {
    const user = await createTestUser();
    const cookie = await sessionCookieFor(user.id);
    const before = await passwordHashOf(user.id);
    const wrong = await run(
      action,
      pageRequest("/account", {
        cookie,
        form: { intent: "changePassword", currentPassword: "inte rätt lösenord alls", newPassword: "ett helt nytt långt lösenord" },
      }),
    );
    expect(wrong).toMatchObject({ ok: false, fieldErrors: { currentPassword: ["errors.currentPasswordWrong"] } });
    const short = await run(
      action,
      pageRequest("/account", { cookie, form: { intent: "changePassword", currentPassword: TEST_PASSWORD, newPassword: "kort" } }),
    );
    expect(short).toMatchObject({ ok: false, fieldErrors: { newPassword: ["errors.passwordTooShort"] } });
    expect(await passwordHashOf(user.id)).toBe(before);
    expect(await getSessionUser(cookieRequest(cookie))).toMatchObject({ id: user.id });
  });
});

describe("new password rules (issue 7 point 12)", () => {
  it("refuses a common password and one character repeated", async () => {
    const user = await createTestUser();
    const cookie = await sessionCookieFor(user.id);
    for (const [newPassword, key] of [
      ["password1234", "errors.passwordCommon"],
      ["zzzzzzzzzzzzzz", "errors.passwordRepeated"],
    ]) {
      const result = await run(
        action,
        pageRequest("/account", { cookie, form: { intent: "changePassword", currentPassword: TEST_PASSWORD, newPassword } }),
      );
      expect(result).toMatchObject({ ok: false, fieldErrors: { newPassword: [key] } });
    }
  });
});

describe("sign out everywhere else (issue 7 point 15)", () => {
  it("ends every other session of the user, keeps this one and leaves other users alone", async () => {
    const user = await createTestUser();
    const stranger = await createTestUser();
    const here = await sessionCookieFor(user.id);
    const phone = await sessionCookieFor(user.id);
    const laptop = await sessionCookieFor(user.id);
    const strangers = await sessionCookieFor(stranger.id);
    const res = (await run(action, pageRequest("/account", { cookie: here, form: { intent: "signOutOthers" } }))) as Response;
    expect(res.status).toBe(302);
    expect(res.headers.get("Location")).toBe("/account?done=sessions");
    expect(await getSessionUser(cookieRequest(here))).toMatchObject({ id: user.id });
    expect(await getSessionUser(cookieRequest(phone))).toBeNull();
    expect(await getSessionUser(cookieRequest(laptop))).toBeNull();
    expect(await getSessionUser(cookieRequest(strangers))).toMatchObject({ id: stranger.id });
    const events = await db
      .selectFrom("events")
      .select(["action", "data"])
      .where("entity_id", "=", user.id)
      .where("action", "=", "sign_out_other_sessions")
      .execute();
    expect(events).toEqual([{ action: "sign_out_other_sessions", data: { sessions: 2 } }]);
  });

  it("refuses it from another site (CSRF), ending nothing", async () => {
    const user = await createTestUser();
    const here = await sessionCookieFor(user.id);
    const phone = await sessionCookieFor(user.id);
    const result = await run(
      action,
      pageRequest("/account", { cookie: here, form: { intent: "signOutOthers" }, origin: "https://evil.example" }),
    );
    expect(result).toMatchObject({ ok: false, formErrors: ["errors.csrf"] });
    expect(await getSessionUser(cookieRequest(phone))).toMatchObject({ id: user.id });
  });
});

/** A browser the user signed in from: its device token, trusted for the user, and its cookie. */
async function trustedDevice(userId: string) {
  const token = newToken();
  await trustDevice({ deviceId: hashToken(token), userId });
  return { id: hashToken(token), cookie: (await deviceCookie.serialize(token)).split(";")[0] };
}

async function trustedDeviceIds(userId: string) {
  return (await db.selectFrom("trusted_devices").select("id").where("user_id", "=", userId).execute()).map((row) => row.id).sort();
}

describe("trusted devices are revoked (review of ADR 008, finding 5)", () => {
  it("a password change revokes every trusted device; this browser gets a fresh one", async () => {
    const user = await createTestUser();
    const stranger = await createTestUser();
    const here = await trustedDevice(user.id);
    await trustedDevice(user.id);
    const strangers = await trustedDevice(stranger.id);
    const session = await sessionCookieFor(user.id);
    const res = (await run(
      action,
      pageRequest("/account", {
        cookie: `${session}; ${here.cookie}`,
        form: { intent: "changePassword", currentPassword: TEST_PASSWORD, newPassword: "ett helt nytt långt lösenord" },
      }),
    )) as Response;
    expect(res.status).toBe(302);
    const fresh = res.headers.getSetCookie().find((c) => c.startsWith("fraga_device="));
    expect(fresh).toBeDefined();
    const token = await deviceCookie.parse(fresh!.split(";")[0]);
    expect(await trustedDeviceIds(user.id)).toEqual([hashToken(token)]);
    expect(await useTrustedDevice({ deviceId: here.id, userId: user.id })).toBe(false);
    expect(await trustedDeviceIds(stranger.id)).toEqual([strangers.id]);
  });

  it("'sign out on all other devices' revokes every trusted device but this browser's", async () => {
    const user = await createTestUser();
    const here = await trustedDevice(user.id);
    const phone = await trustedDevice(user.id);
    const session = await sessionCookieFor(user.id);
    const res = (await run(
      action,
      pageRequest("/account", { cookie: `${session}; ${here.cookie}`, form: { intent: "signOutOthers" } }),
    )) as Response;
    expect(res.status).toBe(302);
    expect(await trustedDeviceIds(user.id)).toEqual([here.id]);
    expect(await useTrustedDevice({ deviceId: phone.id, userId: user.id })).toBe(false);
  });

  it("a trusted device expires", async () => {
    const user = await createTestUser();
    const device = await trustedDevice(user.id);
    expect(await useTrustedDevice({ deviceId: device.id, userId: user.id })).toBe(true);
    await db
      .updateTable("trusted_devices")
      .set({ expires_at: new Date(Date.now() - 1000) })
      .where("id", "=", device.id)
      .execute();
    expect(await useTrustedDevice({ deviceId: device.id, userId: user.id })).toBe(false);
  });
});
