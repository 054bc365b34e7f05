import { describe, expect, it } from "vitest";
import { db, pool } from "../../db/client.server";
import { enqueueMail } from "../../app/models/mail.server";
import { readUnsubscribeToken } from "../../app/mail/unsubscribe-token.server";
import { createTestUser } from "../factories/user";

/**
 * A process's first mails sign their unsubscribe links with a key it has not read yet. Each mail is
 * written in its caller's transaction; reading the key on another connection of the pool meant that
 * as many transactions at once as the pool has connections (ten routings, ten comments) each held
 * one and waited for the key, which waited for a connection: nothing moved again.
 */
const tokenIn = (text: string) => /\/avregistrera\/([\w.-]+)/.exec(text)?.[1] ?? "";

// First in the file: the process has not read the key yet.
describe("the signing key a transaction makes", () => {
  it("is not used for later mail when that transaction rolls back: the next link verifies with the stored key", async () => {
    await db.deleteFrom("portal_secrets").execute();
    const user = await createTestUser();
    const mail = { to: user.email, userId: user.id, kind: "comment" as const, subject: "Ny kommentar", text: "Hej" };
    await expect(
      db.transaction().execute(async (trx) => {
        await enqueueMail(trx, mail);
        throw new Error("the comment was refused after its mail was written");
      }),
    ).rejects.toThrow(/refused/);
    expect(await db.selectFrom("portal_secrets").select("name").execute()).toEqual([]);

    await db.transaction().execute((trx) => enqueueMail(trx, mail));
    const stored = await db.selectFrom("portal_secrets").select("value").executeTakeFirstOrThrow();
    const sent = await db.selectFrom("mail_outbox").select("text_body").where("to_address", "=", user.email).executeTakeFirstOrThrow();
    expect(readUnsubscribeToken(stored.value, tokenIn(sent.text_body))).toMatchObject({ userId: user.id, scope: "comment" });
  });
});

describe("mail written by as many transactions at once as the pool has connections, first thing in a process", () => {
  it("is written by all of them, each with its unsubscribe link", { timeout: 20_000 }, async () => {
    const connections = pool.options.max;
    const users = await Promise.all(Array.from({ length: connections }, () => createTestUser()));
    const written = Promise.all(
      users.map((user) =>
        db.transaction().execute(async (trx) => {
          // The transaction holds its connection, as a routing does before it mails.
          await trx.selectFrom("users").select("id").where("id", "=", user.id).executeTakeFirstOrThrow();
          return enqueueMail(trx, { to: user.email, userId: user.id, kind: "comment", subject: "Ny kommentar", text: "Hej" });
        }),
      ),
    );
    const stuck = new Promise<"stuck">((resolve) => setTimeout(() => resolve("stuck"), 10_000).unref());
    expect(await Promise.race([written.then(() => "written" as const), stuck])).toBe("written");
    const mails = await db
      .selectFrom("mail_outbox")
      .select("text_body")
      .where(
        "to_address",
        "in",
        users.map((user) => user.email),
      )
      .execute();
    expect(mails).toHaveLength(connections);
    for (const mail of mails) expect(mail.text_body).toMatch(/\/avregistrera\/[\w.-]+/);
  });
});
