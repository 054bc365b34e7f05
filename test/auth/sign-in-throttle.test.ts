import { describe, expect, it } from "vitest";
import { db } from "../../db/client.server";
import { deviceCookie } from "../../app/auth/device.server";
import { hashToken, newToken } from "../../app/auth/token.server";
import { addressKey, recordFailedSignIn, waitAfterFailures } from "../../app/auth/throttle.server";
import { trustDevice } from "../../app/models/trusted-device.server";
import { action } from "../../app/routes/login";
import { createTestUser, TEST_PASSWORD } from "../factories/user";
import { pageRequest, run } from "../support/route-request";

/**
 * Issue 7 point 9: nobody can lock anybody out. Whatever others do — from another address or from
 * the owner's own (a shared office address, or every client behind a proxy without TRUST_PROXY) —
 * the owner's right password signs in, while the one who fails is held back with a growing wait.
 */
function signIn(form: Record<string, string>, options: { clientAddress: string; cookie?: string }) {
  return run(action, pageRequest("/login", { form, ...options }));
}

async function sessionCount(userId: string) {
  return (await db.selectFrom("sessions").select("id").where("user_id", "=", userId).execute()).length;
}

/** Someone else's failures on the account, through the same code the sign-in action uses. */
async function failuresBySomeoneElse(email: string, address: string, count: number) {
  for (let i = 0; i < count; i++) await recordFailedSignIn({ email, client: { kind: "address", id: address }, address });
}

function deviceCookieOf(res: Response) {
  const setCookies = res.headers.getSetCookie();
  const device = setCookies.find((c) => c.startsWith("fraga_device="));
  expect(device).toBeDefined();
  return device!.split(";")[0];
}

/** The `Cookie` header of a browser the owner signed in from before (a trusted device). */
async function trustedDeviceCookie(userId: string) {
  const token = newToken();
  await trustDevice({ deviceId: hashToken(token), userId });
  return (await deviceCookie.serialize(token)).split(";")[0];
}

describe("sign-in throttling never locks the owner out", () => {
  for (const failures of [5, 30, 100]) {
    it(`after ${failures} failures from another address the owner's browser signs in`, async () => {
      const email = `owner-other-${failures}@example.se`;
      const user = await createTestUser({ email });
      // Review of ADR 008: without its device cookie only the owner's own browser is exempt from
      // the account-wide wait (OWASP); a brand-new browser during an attack waits like anyone.
      const device = await trustedDeviceCookie(user.id);
      await failuresBySomeoneElse(email, "203.0.113.9", failures);
      const attacker = await signIn({ email, password: "ännu en gissning här" }, { clientAddress: "203.0.113.9" });
      expect(attacker).toMatchObject({ ok: false, formErrors: ["errors.signInWait"] });
      const owner = (await signIn({ email, password: TEST_PASSWORD }, { clientAddress: "192.0.2.10", cookie: device })) as Response;
      expect(owner.status).toBe(302);
      expect(await sessionCount(user.id)).toBe(1);
    });

    it(`after ${failures} failures from the owner's own address the owner's browser signs in`, async () => {
      const email = `owner-same-${failures}@example.se`;
      const user = await createTestUser({ email });
      // One address per case: each case's failures would otherwise hold the next case's first
      // (untrusted) sign-in back through the address-wide wait.
      const shared = `198.51.100.${50 + [5, 30, 100].indexOf(failures)}`;
      // The owner signed in from this browser before: it holds the account's device cookie.
      const first = (await signIn({ email, password: TEST_PASSWORD }, { clientAddress: shared })) as Response;
      expect(first.status).toBe(302);
      const device = deviceCookieOf(first);

      await failuresBySomeoneElse(email, shared, failures);
      const attacker = await signIn({ email, password: TEST_PASSWORD }, { clientAddress: shared });
      expect(attacker).toMatchObject({ ok: false, formErrors: ["errors.signInWait"] });

      // Even a typo of the owner's own does not cost them the account.
      const typo = await signIn({ email, password: "fel av ägaren själv" }, { clientAddress: shared, cookie: device });
      expect(typo).toMatchObject({ formErrors: ["errors.invalidLogin"] });
      const owner = (await signIn({ email, password: TEST_PASSWORD }, { clientAddress: shared, cookie: device })) as Response;
      expect(owner.status).toBe(302);
      expect(await sessionCount(user.id)).toBe(2);
    });
  }

  it("lets a colleague behind the same address sign in to their own account during an attack on another", async () => {
    const colleague = await createTestUser({ email: "kollega@example.se" });
    // The colleague's own browser (without TRUST_PROXY every client shares this address).
    const device = await trustedDeviceCookie(colleague.id);
    await createTestUser({ email: "angripen@example.se" });
    await failuresBySomeoneElse("angripen@example.se", "198.51.100.60", 100);
    for (let i = 0; i < 40; i++) await failuresBySomeoneElse(`gissad${i}@example.se`, "198.51.100.60", 1);
    const res = (await signIn(
      { email: "kollega@example.se", password: TEST_PASSWORD },
      { clientAddress: "198.51.100.60", cookie: device },
    )) as Response;
    expect(res.status).toBe(302);
    expect(await sessionCount(colleague.id)).toBe(1);
  });

  it("holds back many addresses guessing one account once each has failed (account-wide wait)", async () => {
    const email = "botnet@example.se";
    await createTestUser({ email });
    for (let i = 1; i <= 12; i++) await failuresBySomeoneElse(email, `10.9.0.${i}`, 1);
    // An address with a single failure of its own is already held back by the account's wait.
    const res = await signIn({ email, password: "gissning från nätverket" }, { clientAddress: "10.9.0.1" });
    expect(res).toMatchObject({ formErrors: ["errors.signInWait"] });
  });

  it("grows the wait exponentially and caps it at 15 minutes", () => {
    expect([1, 2, 3].map((n) => waitAfterFailures(n, "client"))).toEqual([0, 0, 0]);
    expect([4, 5, 6, 7].map((n) => waitAfterFailures(n, "client"))).toEqual([5, 10, 20, 40]);
    expect(waitAfterFailures(100, "client")).toBe(15 * 60);
    expect(waitAfterFailures(30, "address")).toBe(0);
    expect(waitAfterFailures(31, "address")).toBe(5);
  });

  it("tells the wait in Swedish", async () => {
    const { translate } = await import("../../app/i18n/translate");
    expect(translate("sv", "errors.signInWait", { wait: translate("sv", "time.seconds", { count: 20 }) })).toBe(
      "För många misslyckade inloggningsförsök härifrån. Vänta 20 sekunder och försök igen.",
    );
  });
});

/** Security review of ADR 008, findings 1 and 2. */
describe("sign-in throttling holds back guessers it used to let through", () => {
  it("lets a new browser in while others' failures on the account are still below the account's free ones", async () => {
    const email = "under-free@example.se";
    const user = await createTestUser({ email });
    await failuresBySomeoneElse(email, "203.0.113.19", 5);
    const owner = (await signIn({ email, password: TEST_PASSWORD }, { clientAddress: "192.0.2.19" })) as Response;
    expect(owner.status).toBe(302);
    expect(await sessionCount(user.id)).toBe(1);
  });

  it("slows one address trying one password on every account (password spraying)", async () => {
    const address = "203.0.113.40";
    for (let i = 0; i < 31; i++) {
      const result = await signIn({ email: `sprayed${i}@example.se`, password: "Sommar2026!!" }, { clientAddress: address });
      expect(result).toMatchObject({ formErrors: ["errors.invalidLogin"] });
    }
    // Its first attempt on this account, yet the address as a whole now waits.
    const next = await signIn({ email: "sprayed-next@example.se", password: "Sommar2026!!" }, { clientAddress: address });
    expect(next).toMatchObject({ ok: false, formErrors: ["errors.signInWait"] });
    const elsewhere = await signIn({ email: "sprayed-next@example.se", password: "Sommar2026!!" }, { clientAddress: "203.0.113.41" });
    expect(elsewhere).toMatchObject({ formErrors: ["errors.invalidLogin"] });
  });

  it("counts an IPv6 /64 as one address", async () => {
    for (let i = 1; i <= 31; i++) {
      await signIn({ email: `v6-${i}@example.se`, password: "Sommar2026!!" }, { clientAddress: `2001:db8:7:8::${i.toString(16)}` });
    }
    const same64 = await signIn({ email: "v6-next@example.se", password: "Sommar2026!!" }, { clientAddress: "2001:db8:7:8:ffff:1:2:3" });
    expect(same64).toMatchObject({ formErrors: ["errors.signInWait"] });
    const other64 = await signIn({ email: "v6-next@example.se", password: "Sommar2026!!" }, { clientAddress: "2001:db8:7:9::1" });
    expect(other64).toMatchObject({ formErrors: ["errors.invalidLogin"] });
    expect(addressKey("2001:DB8:7:8::1")).toBe(addressKey("2001:db8:7:8:abcd::9"));
    expect(addressKey("::ffff:192.0.2.1")).toBe("192.0.2.1");
  });

  it("still lets the owner's own browser in at the spraying address", async () => {
    const user = await createTestUser({ email: "spray-owner@example.se" });
    const device = await trustedDeviceCookie(user.id);
    for (let i = 0; i < 40; i++) await failuresBySomeoneElse(`spray-other${i}@example.se`, "203.0.113.50", 1);
    const owner = (await signIn(
      { email: "spray-owner@example.se", password: TEST_PASSWORD },
      { clientAddress: "203.0.113.50", cookie: device },
    )) as Response;
    expect(owner.status).toBe(302);
  });

  it("holds back a new address on an account others have failed on past its free failures", async () => {
    const email = "many-guessers@example.se";
    await createTestUser({ email });
    for (let i = 1; i <= 11; i++) await failuresBySomeoneElse(email, `10.11.0.${i}`, 1);
    const fresh = await signIn({ email, password: "ny gissning från ny adress" }, { clientAddress: "10.12.0.1" });
    expect(fresh).toMatchObject({ formErrors: ["errors.signInWait"] });
  });

  it("verifies at most the allowed number of 20 parallel wrong attempts; the rest are told to wait", async () => {
    const email = "parallel@example.se";
    await createTestUser({ email });
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => signIn({ email, password: `parallell gissning ${i}` }, { clientAddress: "203.0.113.60" })),
    );
    const verified = results.filter((r) => JSON.stringify(r).includes("errors.invalidLogin")).length;
    const waiting = results.filter((r) => JSON.stringify(r).includes("errors.signInWait")).length;
    // Sequentially: three free failures, and the fourth starts the first wait.
    expect(verified).toBe(4);
    expect(waiting).toBe(16);
  });

  it("verifies at most the account's allowed number when 20 addresses guess one account at once", async () => {
    const email = "parallel-many@example.se";
    await createTestUser({ email });
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => signIn({ email, password: `gissning ${i} i flock` }, { clientAddress: `203.0.113.${100 + i}` })),
    );
    const verified = results.filter((r) => JSON.stringify(r).includes("errors.invalidLogin")).length;
    expect(verified).toBe(11);
  });
});
