import { describe, expect, it } from "vitest";
import { db } from "../../db/client.server";
import { recordFailedSignIn, waitAfterFailures } from "../../app/auth/throttle.server";
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

describe("sign-in throttling never locks the owner out", () => {
  for (const failures of [5, 30, 100]) {
    it(`after ${failures} failures from another address the owner signs in`, async () => {
      const email = `owner-other-${failures}@example.se`;
      const user = await createTestUser({ email });
      await failuresBySomeoneElse(email, "203.0.113.9", failures);
      const attacker = await signIn({ email, password: "ännu en gissning här" }, { clientAddress: "203.0.113.9" });
      expect(attacker).toMatchObject({ ok: false, formErrors: ["errors.signInWait"] });
      const owner = (await signIn({ email, password: TEST_PASSWORD }, { clientAddress: "192.0.2.10" })) as Response;
      expect(owner.status).toBe(302);
      expect(await sessionCount(user.id)).toBe(1);
    });

    it(`after ${failures} failures from the owner's own address the owner's browser signs in`, async () => {
      const email = `owner-same-${failures}@example.se`;
      const user = await createTestUser({ email });
      const shared = "198.51.100.50";
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
    await createTestUser({ email: "angripen@example.se" });
    await failuresBySomeoneElse("angripen@example.se", "198.51.100.60", 100);
    for (let i = 0; i < 40; i++) await failuresBySomeoneElse(`gissad${i}@example.se`, "198.51.100.60", 1);
    const res = (await signIn({ email: "kollega@example.se", password: TEST_PASSWORD }, { clientAddress: "198.51.100.60" })) as Response;
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
    const { translate } = await import("../../app/i18n/messages");
    expect(translate("sv", "errors.signInWait", { wait: translate("sv", "time.seconds", { count: 20 }) })).toBe(
      "För många misslyckade inloggningsförsök härifrån. Vänta 20 sekunder och försök igen.",
    );
  });
});
