import { afterEach, describe, expect, it, vi } from "vitest";
import { db } from "../../db/client.server";
import { createMailSender } from "../../app/mail/smtp.server";
import { deliverDueMail, enqueueMail, listMail, retryMail } from "../../app/models/mail.server";
import * as adminMail from "../../app/routes/admin.mail";
import { createTestUser, sessionCookieFor } from "../factories/user";
import { pageRequest, run } from "../support/route-request";
import { startSmtp } from "../support/smtp";

const closers: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  while (closers.length) await closers.pop()!();
  await db.deleteFrom("mail_outbox").execute();
});

/** A real SMTP server (refusing every mail, with `reject`) and a sender to it, both closed after the test. */
async function mailServer(options: { reject?: boolean } = {}) {
  const server = await startSmtp(options);
  closers.push(server.close);
  const sender = createMailSender(server.url);
  closers.push(sender.close);
  return { server, sender };
}

async function queue(subject: string) {
  await db.transaction().execute((trx) => enqueueMail(trx, { to: "mottagare@example.se", subject, text: "Hej!\nRad två: åäö." }));
}

async function rowOf(subject: string) {
  return db.selectFrom("mail_outbox").selectAll().where("subject", "=", subject).executeTakeFirstOrThrow();
}

describe("mail outbox", () => {
  it("delivers queued mail through a real SMTP server and marks it sent", async () => {
    const { server: smtp, sender } = await mailServer();
    await queue("Välkommen till Fråga en gång");
    const summary = await deliverDueMail({ send: sender.send });
    expect(summary).toEqual({ sent: 1, failed: 0 });
    expect(smtp.received).toHaveLength(1);
    expect(smtp.received[0].to).toEqual(["mottagare@example.se"]);
    expect(smtp.received[0].raw).toMatch(/Subject: =\?UTF-8\?/);
    const row = await rowOf("Välkommen till Fråga en gång");
    expect(row.status).toBe("sent");
    expect(row.sent_at).not.toBeNull();
    // Sent mail is not sent again.
    expect(await deliverDueMail({ send: sender.send })).toEqual({ sent: 0, failed: 0 });
    expect(smtp.received).toHaveLength(1);
  });

  it("takes the database's clock for when a mail is due: a server clock behind it (or the same millisecond) sends it now", async () => {
    const { server: smtp, sender } = await mailServer();
    await queue("Ny uppgift");
    // The portal's clock two seconds behind the database's, as on two hosts; a mail queued "now"
    // was once left for the next run, and CI's one-process run sometimes lost that race by microseconds.
    vi.useFakeTimers({ toFake: ["Date"], now: Date.now() - 2_000 });
    closers.push(() => void vi.useRealTimers());
    expect(await deliverDueMail({ send: sender.send })).toEqual({ sent: 1, failed: 0 });
    expect(smtp.received).toHaveLength(1);
  });

  it("keeps a mail the server refused, visibly and retryably: backoff, then failed, then queued again by an admin", async () => {
    const { sender: failing } = await mailServer({ reject: true });
    await queue("Påminnelse");
    expect(await deliverDueMail({ send: failing.send, maxAttempts: 2, backoffBaseMs: 60_000 })).toEqual({ sent: 0, failed: 1 });
    let row = await rowOf("Påminnelse");
    expect(row).toMatchObject({ status: "queued", attempts: 1 });
    expect(row.last_error).toMatch(/550/);
    expect(new Date(row.next_attempt_at).getTime()).toBeGreaterThan(Date.now() + 30_000);
    // Not due yet: the next run leaves it alone.
    expect(await deliverDueMail({ send: failing.send, maxAttempts: 2 })).toEqual({ sent: 0, failed: 0 });

    await db
      .updateTable("mail_outbox")
      .set({ next_attempt_at: new Date(Date.now() - 1000) })
      .execute();
    await deliverDueMail({ send: failing.send, maxAttempts: 2 });
    row = await rowOf("Påminnelse");
    expect(row).toMatchObject({ status: "failed", attempts: 2 });

    const admin = await createTestUser({ role: "admin" });
    expect(await retryMail({ actorUserId: admin.id, mailId: String(row.id) })).toEqual({ mailId: String(row.id), status: "queued" });
    const { server: up, sender: working } = await mailServer();
    expect(await deliverDueMail({ send: working.send })).toEqual({ sent: 1, failed: 0 });
    expect((await rowOf("Påminnelse")).status).toBe("sent");
    expect(up.received).toHaveLength(1);
  });

  it("waits at most an hour between attempts, however many failed", async () => {
    const { sender: failing } = await mailServer({ reject: true });
    await queue("Länge sedan");
    // Fifteen failures behind it: uncapped, 60 s × 2^15 would be 23 days.
    await db.updateTable("mail_outbox").set({ attempts: 15 }).where("subject", "=", "Länge sedan").execute();
    expect(await deliverDueMail({ send: failing.send, maxAttempts: 50 })).toEqual({ sent: 0, failed: 1 });
    const row = await rowOf("Länge sedan");
    expect(row).toMatchObject({ status: "queued", attempts: 16 });
    const wait = new Date(row.next_attempt_at).getTime() - Date.now();
    expect(wait).toBeGreaterThan(59 * 60_000);
    expect(wait).toBeLessThanOrEqual(60 * 60_000);
  });

  it("sends each mail once when two delivery runs overlap (a retried job beside a late one)", async () => {
    const { server: smtp, sender } = await mailServer();
    for (let i = 1; i <= 6; i++) await queue(`Meddelande ${i}`);
    const runs = await Promise.all([deliverDueMail({ send: sender.send }), deliverDueMail({ send: sender.send })]);
    expect(runs[0].sent + runs[1].sent).toBe(6);
    expect(smtp.received).toHaveLength(6);
    expect(await deliverDueMail({ send: sender.send })).toEqual({ sent: 0, failed: 0 });
    expect(smtp.received).toHaveLength(6);
  });

  it("shows every mail that gave up first, however much newer mail there is (its retry is on the page)", async () => {
    const { sender: failing } = await mailServer({ reject: true });
    await queue("Förfrågan 12 har fått svar");
    expect(await deliverDueMail({ send: failing.send, maxAttempts: 1 })).toEqual({ sent: 0, failed: 1 });
    const failed = await rowOf("Förfrågan 12 har fått svar");
    expect(failed.status).toBe("failed");
    // Reminders, task mail and digests: more than a page of newer mail.
    await db.transaction().execute(async (trx) => {
      for (let i = 0; i < 210; i++) await enqueueMail(trx, { to: "mottagare@example.se", subject: `Påminnelse ${i}`, text: "Hej!" });
    });
    const admin = await createTestUser({ role: "admin" });
    const page = (await run(adminMail.loader, pageRequest("/admin/mail", { cookie: await sessionCookieFor(admin.id) }))) as Awaited<
      ReturnType<typeof adminMail.loader>
    >;
    expect(page.mail[0]).toMatchObject({ id: String(failed.id), status: "failed" });
    expect(page.mail.length).toBeGreaterThan(200);
  });

  it("without SMTP keeps the mail in the database and shows it to admins only", async () => {
    await queue("Någon försökte skapa ett konto med din e-postadress");
    expect((await listMail({ limit: 10 })).map((m) => m.status)).toEqual(["queued"]);

    const admin = await createTestUser({ role: "admin" });
    const page = (await run(adminMail.loader, pageRequest("/admin/mail", { cookie: await sessionCookieFor(admin.id) }))) as Awaited<
      ReturnType<typeof adminMail.loader>
    >;
    expect(page.smtp).toBe(false);
    expect(page.mail).toEqual([
      expect.objectContaining({
        to: "mottagare@example.se",
        subject: "Någon försökte skapa ett konto med din e-postadress",
        status: "queued",
      }),
    ]);

    for (const role of ["requester", "coordinator"] as const) {
      const user = await createTestUser({ role });
      const res = (await run(adminMail.loader, pageRequest("/admin/mail", { cookie: await sessionCookieFor(user.id) }))) as Response;
      expect(res.status).toBe(403);
    }
    const visitor = (await run(adminMail.loader, pageRequest("/admin/mail"))) as Response;
    expect(visitor.status).toBe(302);
  });

  it("refuses a malformed retry with a message, and an unknown one with 404", async () => {
    const admin = await createTestUser({ role: "admin" });
    const cookie = await sessionCookieFor(admin.id);
    const bad = await run(adminMail.action, pageRequest("/admin/mail", { cookie, form: { intent: "retry", mailId: "x'; drop" } }));
    expect(bad).toMatchObject({ ok: false, fieldErrors: { mailId: ["errors.mailInvalid"] } });
    const missing = (await run(
      adminMail.action,
      pageRequest("/admin/mail", { cookie, form: { intent: "retry", mailId: "999999" } }),
    )) as Response;
    expect(missing.status).toBe(404);
  });
});
