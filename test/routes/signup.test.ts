import { describe, expect, it } from "vitest";
import { db } from "../../db/client.server";
import { action } from "../../app/routes/signup";
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

  it("refuses a duplicate e-mail (any case) with a message, keeping the typed values but not the password", async () => {
    await createTestUser({ email: "dubblett@example.se" });
    const before = await userCount();
    const result = await run(action, pageRequest("/signup", { form: { ...valid, email: "Dubblett@Example.se" } }));
    expect(result).toMatchObject({
      ok: false,
      fieldErrors: { email: ["errors.emailTaken"] },
      values: { name: "Stina Svensson", email: "Dubblett@Example.se" },
    });
    expect(JSON.stringify(result)).not.toContain(valid.password);
    expect(await userCount()).toBe(before);
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
