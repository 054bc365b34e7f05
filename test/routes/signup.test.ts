import { describe, expect, it } from "vitest";
import { db } from "../../db/client.server";
import { action } from "../../app/routes/signup";
import { translate } from "../../app/i18n/messages";
import { createTestUser } from "../factories/user";
import { pageRequest, run } from "../support/route-request";

async function userCount() {
  const { count } = await db.selectFrom("users").select((eb) => eb.fn.countAll<number>().as("count")).executeTakeFirstOrThrow();
  return Number(count);
}

const valid = { name: "Stina Svensson", email: "stina@example.se", password: "en lång fras om badplatser" };

describe("sign up", () => {
  it("creates the account, signs in and records the event", async () => {
    const response = await run(action, pageRequest("/signup", { form: valid }));
    expect(response).toBeInstanceOf(Response);
    const res = response as Response;
    expect(res.status).toBe(302);
    expect(res.headers.get("Set-Cookie")).toMatch(/^fraga_session=/);
    const user = await db.selectFrom("users").select(["id", "password_hash"]).where("email", "=", "stina@example.se").executeTakeFirstOrThrow();
    expect(user.password_hash).toMatch(/^\$argon2id\$/);
    const events = await db.selectFrom("events").select("action").where("entity_id", "=", user.id).execute();
    expect(events.map((e) => e.action)).toEqual(["sign_up"]);
  });

  // Issue 7 point 12: this used to answer "errors.emailTaken", telling anyone which e-mails have
  // accounts. Now both answers are the same redirect, and the owner is told by e-mail.
  it("answers a known e-mail (any case) exactly like a new one, creates nothing and tells the owner by e-mail", async () => {
    const owner = await createTestUser({ email: "dubblett@example.se", name: "Dagny Dubblett" });
    const before = await userCount();
    const known = (await run(action, pageRequest("/signup", { form: { ...valid, email: "Dubblett@Example.se" }, clientAddress: "192.0.2.31" }))) as Response;
    const fresh = (await run(action, pageRequest("/signup", { form: { ...valid, email: "ny-person@example.se" }, clientAddress: "192.0.2.31" }))) as Response;
    expect(known).toBeInstanceOf(Response);
    expect(known.status).toBe(fresh.status);
    expect(known.headers.get("Location")).toBe(fresh.headers.get("Location"));
    expect(await userCount()).toBe(before + 1);
    const mail = await db.selectFrom("mail_outbox").select(["to_address", "subject", "text_body", "status"]).execute();
    expect(mail).toEqual([
      expect.objectContaining({
        to_address: "dubblett@example.se",
        subject: "Någon försökte skapa ett konto med din e-postadress",
        status: "queued",
      }),
    ]);
    expect(mail[0].text_body).toContain("Dagny Dubblett");
    expect(mail[0].text_body).toContain("http://localhost:3000/login");
    expect(mail[0].text_body).not.toContain(valid.password);
    const events = await db.selectFrom("events").select("action").where("entity_id", "=", owner.id).execute();
    expect(events.map((e) => e.action)).toContain("sign_up_with_existing_email");
  });

  it("takes about as long for a known e-mail as for a new one", async () => {
    await createTestUser({ email: "tid@example.se" });
    const time = async (email: string, i: number) => {
      const started = performance.now();
      await run(action, pageRequest("/signup", { form: { ...valid, email }, clientAddress: `192.0.2.4${i}` }));
      return performance.now() - started;
    };
    const known: number[] = [];
    const fresh: number[] = [];
    for (let i = 0; i < 3; i++) {
      known.push(await time("tid@example.se", i));
      fresh.push(await time(`tid-${i}@example.se`, i));
    }
    const median = (list: number[]) => [...list].sort((a, b) => a - b)[1];
    // Both hash the password and write one transaction; the difference is far below the hashing.
    expect(median(known) / median(fresh)).toBeGreaterThan(0.5);
    expect(median(known) / median(fresh)).toBeLessThan(2);
  });

  it("throttles sign-ups per address, keeping what was typed, while other addresses go on", async () => {
    for (let i = 0; i < 20; i++) {
      const res = (await run(action, pageRequest("/signup", { form: { ...valid, email: `massa${i}@example.se` }, clientAddress: "192.0.2.77" }))) as Response;
      expect(res.status).toBe(302);
    }
    const refused = await run(action, pageRequest("/signup", { form: { ...valid, email: "massa-ny@example.se" }, clientAddress: "192.0.2.77" }));
    expect(refused).toMatchObject({ ok: false, formErrors: ["errors.rateLimited"], values: { name: valid.name, email: "massa-ny@example.se" } });
    expect((refused as { minutes: number }).minutes).toBeGreaterThanOrEqual(1);
    const other = (await run(action, pageRequest("/signup", { form: { ...valid, email: "annan-adress@example.se" }, clientAddress: "192.0.2.78" }))) as Response;
    expect(other.status).toBe(302);
  });

  for (const [password, key] of [
    ["aaaaaaaaaaaa", "errors.passwordRepeated"],
    ["            ", "errors.passwordRepeated"],
    ["password1234", "errors.passwordCommon"],
    ["Password1234", "errors.passwordCommon"],
    ["qwerty123456", "errors.passwordCommon"],
  ] as const) {
    it(`refuses ${JSON.stringify(password)} (NIST SP 800-63B), keeping the other fields`, async () => {
      const before = await userCount();
      const result = await run(action, pageRequest("/signup", { form: { ...valid, password }, clientAddress: "192.0.2.90" }));
      expect(result).toMatchObject({ ok: false, fieldErrors: { password: [key] }, values: { name: valid.name, email: valid.email } });
      expect(await userCount()).toBe(before);
    });
  }

  it("explains refused passwords in Swedish and English", () => {
    expect(translate("sv", "errors.passwordCommon")).toMatch(/vanligaste lösenorden/);
    expect(translate("en", "errors.passwordCommon")).toMatch(/most common/);
    expect(translate("sv", "errors.passwordRepeated")).toMatch(/upprepat/);
    expect(translate("en", "errors.passwordRepeated")).toMatch(/repeated/);
  });

  it("refuses a too-short password and an invalid e-mail, writing nothing", async () => {
    const before = await userCount();
    const result = await run(action, pageRequest("/signup", { form: { name: "", email: "inte-en-adress", password: "kort" } }));
    expect(result).toMatchObject({
      ok: false,
      fieldErrors: {
        name: ["errors.nameRequired"],
        email: ["errors.emailInvalid"],
        password: ["errors.passwordTooShort"],
      },
      values: { email: "inte-en-adress" },
    });
    expect(await userCount()).toBe(before);
  });

  it("refuses a form without this site's Origin (CSRF), keeping the text and writing nothing", async () => {
    const before = await userCount();
    for (const origin of [null, "https://evil.example"]) {
      const result = await run(action, pageRequest("/signup", { form: valid, origin }));
      expect(result).toMatchObject({ ok: false, formErrors: ["errors.csrf"], values: { name: valid.name, email: valid.email } });
    }
    expect(await userCount()).toBe(before);
  });
});
