import { sql } from "kysely";
import { afterEach, describe, expect, it } from "vitest";
import { db } from "../../db/client.server";
import type { Locale } from "../../db/schema";
import { createMailSender } from "../../app/mail/smtp.server";
import { signUpExistingMail } from "../../app/mail/templates";
import { addComment } from "../../app/models/comment.server";
import { sendDailyDigests } from "../../app/models/mail-digest.server";
import { setMailPreferences, type MailPreferences } from "../../app/models/mail-preference.server";
import { deliverDueMail, enqueueMail } from "../../app/models/mail.server";
import { markDuplicate, routeRequest } from "../../app/models/request.server";
import { answerTask, startTask } from "../../app/models/task.server";
import { createTestRequest } from "../factories/request";
import { actorOf, createTestTasks } from "../factories/task";
import { createTestUser, getMunicipality } from "../factories/user";
import { readMail, startSmtp } from "../support/smtp";

/**
 * Who is mailed what (issue 9, "E-mail"), through the real outbox, the delivery job's function and
 * a real SMTP server in this process (SMTP_URL points at it): recipients, subjects, links, the
 * RFC 8058 headers, the recipient's language, and each user's choice per kind.
 */

const ORIGIN = "http://localhost:3000";
const closers: (() => Promise<void> | void)[] = [];
const savedSmtpUrl = process.env.SMTP_URL;

afterEach(async () => {
  while (closers.length) await closers.pop()!();
  if (savedSmtpUrl === undefined) delete process.env.SMTP_URL;
  else process.env.SMTP_URL = savedSmtpUrl;
  await db.deleteFrom("mail_outbox").execute();
  await db.deleteFrom("mail_digest_items").execute();
});

/** Sends everything queued through a real SMTP server (SMTP_URL set to it) and returns what arrived, decoded. */
async function deliverAll() {
  const smtp = await startSmtp();
  closers.push(smtp.close);
  process.env.SMTP_URL = smtp.url;
  const sender = createMailSender();
  closers.push(sender.close);
  await deliverDueMail({ send: sender.send });
  return Promise.all(smtp.received.map(readMail));
}

async function userIn(locale: Locale, options: Parameters<typeof createTestUser>[0] = {}) {
  const user = await createTestUser(options);
  await db.updateTable("users").set({ locale }).where("id", "=", user.id).execute();
  return user;
}

const outboxTo = (email: string) =>
  db.selectFrom("mail_outbox").select(["kind", "subject", "text_body", "headers", "user_id"]).where("to_address", "=", email).execute();

const digestItemsOf = (userId: string) =>
  db.selectFrom("mail_digest_items").select(["kind", "subject"]).where("user_id", "=", userId).orderBy("id").execute();

/** The unsubscribe address of a user and kind as a mail carries it. */
const unsubscribeUrl = (userId: string, scope: string) =>
  new RegExp(`^${ORIGIN}/avregistrera/v1\\.${userId}\\.${scope}\\.\\d+\\.[A-Za-z0-9_-]{43}$`);

function byRecipient(mails: Awaited<ReturnType<typeof deliverAll>>) {
  return new Map(mails.map((mail) => [mail.to[0], mail]));
}

function expectUnsubscribeHeaders(mail: Awaited<ReturnType<typeof readMail>>, userId: string, scope: string) {
  const header = mail.header("List-Unsubscribe");
  expect(header).toMatch(/^<.+>$/);
  const url = header!.slice(1, -1);
  expect(url).toMatch(unsubscribeUrl(userId, scope));
  expect(mail.header("List-Unsubscribe-Post")).toBe("List-Unsubscribe=One-Click");
  // The same link in the text, for readers whose mail program shows no unsubscribe button.
  expect(mail.text).toContain(url);
  expect(mail.text).toContain(`${ORIGIN}/account`);
  return url;
}

async function prefer(userId: string, preferences: Partial<MailPreferences>) {
  await setMailPreferences({ userId, preferences });
}

describe("a routed request's new tasks", () => {
  it("are mailed to each organisation's responders, in each one's language, with the task's link and an unsubscribe link", async () => {
    const requester = await createTestUser();
    const borasSv = await userIn("sv", { role: "responder", kommunkod: "1490" });
    const borasEn = await userIn("en", { role: "responder", kommunkod: "1490" });
    const skovde = await userIn("sv", { role: "responder", kommunkod: "1496" });
    const coordinator = await createTestUser({ role: "coordinator" });
    const boras = await getMunicipality("1490");
    const skovdeOrg = await getMunicipality("1496");
    const request = await createTestRequest({ status: "submitted", requesterUserId: requester.id, title: "Badplatser och badvatten" });

    await routeRequest({ actorUserId: coordinator.id, requestId: request.id, organisationIds: [boras.id, skovdeOrg.id], workingDays: 20 });
    const tasks = await db.selectFrom("tasks").select(["id", "organisation_id"]).where("request_id", "=", request.id).execute();
    const taskOf = (organisationId: string) => tasks.find((t) => t.organisation_id === organisationId)!.id;

    const mails = await deliverAll();
    expect(mails.map((m) => m.to[0]).sort()).toEqual([borasSv.email, borasEn.email, skovde.email].sort());
    const received = byRecipient(mails);

    const sv = received.get(borasSv.email)!;
    expect(sv.subject).toBe(`Ny uppgift för ${boras.name}: förfrågan ${request.number}`);
    expect(sv.text).toContain("”Badplatser och badvatten”");
    expect(sv.text).toContain("Svara senast");
    expect(sv.text).toContain(`${ORIGIN}/uppgifter/${taskOf(boras.id)}`);
    expectUnsubscribeHeaders(sv, borasSv.id, "new_task");
    expect(sv.text).toContain("Vill du inte längre få e-post om ”Nya uppgifter till min organisation”?");

    const en = received.get(borasEn.email)!;
    expect(en.subject).toBe(`New task for ${boras.name}: request ${request.number}`);
    expect(en.text).toContain("Please answer by");
    expect(en.text).toContain(`${ORIGIN}/uppgifter/${taskOf(boras.id)}`);
    expectUnsubscribeHeaders(en, borasEn.id, "new_task");
    expect(en.text).toContain("No longer want e-mail about “New tasks for my organisation”?");

    const other = received.get(skovde.email)!;
    expect(other.subject).toBe(`Ny uppgift för ${skovdeOrg.name}: förfrågan ${request.number}`);
    expect(other.text).toContain(`${ORIGIN}/uppgifter/${taskOf(skovdeOrg.id)}`);
  });

  it("are written in the routing's transaction: a routing that fails mails nobody", async () => {
    await createTestUser({ role: "responder", kommunkod: "1490" });
    const coordinator = await createTestUser({ role: "coordinator" });
    const boras = await getMunicipality("1490");
    const request = await createTestRequest({ status: "submitted" });
    const company = await db
      .insertInto("organisations")
      .values({ slug: `foretag-${request.number}`, name: "Ett företag", type: "company" })
      .returning("id")
      .executeTakeFirstOrThrow();
    await expect(
      routeRequest({ actorUserId: coordinator.id, requestId: request.id, organisationIds: [boras.id, company.id], workingDays: 20 }),
    ).rejects.toThrow();
    expect(await db.selectFrom("mail_outbox").select("id").execute()).toEqual([]);
  });
});

describe("a comment", () => {
  it("is mailed to the requester and followers in their languages, never to its author", async () => {
    const requester = await userIn("sv");
    const follower = await userIn("en");
    const author = await userIn("sv", { name: "Kim Kommentar" });
    const request = await createTestRequest({ requesterUserId: requester.id, title: "Cykelvägar" });
    await db
      .insertInto("follows")
      .values([requester, follower, author].map((u) => ({ request_id: request.id, user_id: u.id })))
      .execute();

    await addComment({ requestId: request.id, authorUserId: author.id, body: "Göteborg har redan cykelvägarna som öppna data." });
    const received = byRecipient(await deliverAll());
    expect([...received.keys()].sort()).toEqual([requester.email, follower.email].sort());

    const sv = received.get(requester.email)!;
    expect(sv.subject).toBe(`Ny kommentar på förfrågan ${request.number}`);
    expect(sv.text).toContain("Kim Kommentar har kommenterat förfrågan ”Cykelvägar”");
    expect(sv.text).toContain("Göteborg har redan cykelvägarna som öppna data.");
    expect(sv.text).toContain(`${ORIGIN}/requests/${request.number}`);
    expectUnsubscribeHeaders(sv, requester.id, "comment");

    const en = received.get(follower.email)!;
    expect(en.subject).toBe(`New comment on request ${request.number}`);
    expect(en.text).toContain("Kim Kommentar has commented on the request “Cykelvägar”");
    expectUnsubscribeHeaders(en, follower.id, "comment");

    // The requester's own comment goes to the followers only.
    await addComment({ requestId: request.id, authorUserId: requester.id, body: "Tack!" });
    expect((await deliverAll()).map((m) => m.to[0]).sort()).toEqual([follower.email, author.email].sort());
  });
});

describe("a merged duplicate", () => {
  it("tells everyone whose support and follow moved (requester and followers of the duplicate), not the coordinator, with the original's link", async () => {
    const coordinator = await createTestUser({ role: "coordinator" });
    const original = await createTestRequest({ title: "Badplatser i Västra Götaland" });
    const requester = await userIn("sv");
    const follower = await userIn("en");
    const duplicate = await createTestRequest({ status: "submitted", title: "Var kan man bada?", requesterUserId: requester.id });
    await db
      .insertInto("follows")
      .values([requester, follower, coordinator].map((u) => ({ request_id: duplicate.id, user_id: u.id })))
      .execute();

    await markDuplicate({ actorUserId: coordinator.id, requestId: duplicate.id, originalId: original.id, reason: "Samma fråga." });
    const received = byRecipient(await deliverAll());
    expect([...received.keys()].sort()).toEqual([requester.email, follower.email].sort());

    const sv = received.get(requester.email)!;
    expect(sv.subject).toBe(`Förfrågan ${duplicate.number} har slagits ihop med förfrågan ${original.number}`);
    expect(sv.text).toContain("”Var kan man bada?”");
    expect(sv.text).toContain("”Badplatser i Västra Götaland”");
    expect(sv.text).toContain("Samma fråga.");
    expect(sv.text).toContain(`${ORIGIN}/requests/${original.number}`);
    expectUnsubscribeHeaders(sv, requester.id, "merge");

    const en = received.get(follower.email)!;
    expect(en.subject).toBe(`Request ${duplicate.number} has been merged into request ${original.number}`);
    expect(en.text).toContain(`${ORIGIN}/requests/${original.number}`);
    expectUnsubscribeHeaders(en, follower.id, "merge");
  });
});

describe("each user's choice per kind", () => {
  async function answeredSetting() {
    const requester = await userIn("sv");
    const follower = await userIn("en");
    const responder = await actorOf(await createTestUser({ role: "responder", kommunkod: "1490" }));
    const { request, tasks } = await createTestTasks({ requesterUserId: requester.id, title: "Skolskjuts" });
    await db
      .insertInto("follows")
      .values([requester, follower].map((u) => ({ request_id: request.id, user_id: u.id })))
      .execute();
    await startTask({ actor: responder, taskId: tasks["1490"].id });
    return { requester, follower, responder, request, task: tasks["1490"] };
  }

  it("task changes carry the recipient's account and unsubscribe link; `never` writes nothing and sends nothing", async () => {
    const s = await answeredSetting();
    await prefer(s.follower.id, { task_change: "never" });
    await answerTask({ actor: s.responder, taskId: s.task.id, text: "Se kommunens webbplats." });

    expect(await outboxTo(s.follower.email)).toEqual([]);
    expect(await digestItemsOf(s.follower.id)).toEqual([]);
    const [row] = await outboxTo(s.requester.email);
    expect(row).toMatchObject({ kind: "task_change", user_id: s.requester.id });

    const mails = await deliverAll();
    expect(mails.map((m) => m.to[0])).toEqual([s.requester.email]);
    expectUnsubscribeHeaders(mails[0], s.requester.id, "task_change");
  });

  it("a daily digest gathers the day's items into one mail in the user's language, sent once; switched-off kinds are left out", async () => {
    const s = await answeredSetting();
    await prefer(s.follower.id, { task_change: "daily", comment: "daily" });
    await prefer(s.requester.id, { comment: "daily" });
    const author = await createTestUser({ name: "Alva Svensson" });
    await answerTask({ actor: s.responder, taskId: s.task.id, text: "Se kommunens webbplats." });
    await addComment({ requestId: s.request.id, authorUserId: author.id, body: "Bra svar." });

    // Nothing queued for the follower yet: two items wait for the digest.
    expect(await outboxTo(s.follower.email)).toEqual([]);
    expect((await digestItemsOf(s.follower.id)).map((i) => i.kind)).toEqual(["task_change", "comment"]);
    // The requester gets the answer at once and the comment in the digest; then switches comments off.
    expect((await outboxTo(s.requester.email)).map((r) => r.kind)).toEqual(["task_change"]);
    expect((await digestItemsOf(s.requester.id)).map((i) => i.kind)).toEqual(["comment"]);
    await prefer(s.requester.id, { comment: "never" });
    await db.deleteFrom("mail_outbox").execute();

    expect(await sendDailyDigests()).toEqual({ digests: 1, items: 2 });
    expect(await digestItemsOf(s.follower.id)).toEqual([]);
    expect(await digestItemsOf(s.requester.id)).toEqual([]);
    const mails = await deliverAll();
    expect(mails.map((m) => m.to[0])).toEqual([s.follower.email]);
    const digest = mails[0];
    expect(digest.subject).toBe("Today's summary from Fråga en gång (2)");
    expect(digest.text).toContain("This is what happened since the last summary:");
    expect(digest.text).toContain(`has answered request ${s.request.number}`);
    expect(digest.text).toContain(`New comment on request ${s.request.number}`);
    expect(digest.text).toContain("Alva Svensson has commented on the request “Skolskjuts”");
    expect(digest.text.indexOf("has answered request")).toBeLessThan(digest.text.indexOf("New comment on request"));
    expectUnsubscribeHeaders(digest, s.follower.id, "daily_digest");
    expect(digest.text).toContain("No longer want the daily summary?");

    // The next run has nothing left to send.
    expect(await sendDailyDigests()).toEqual({ digests: 0, items: 0 });
    expect(await deliverAll()).toEqual([]);
  });

  it("a digest run that dies half-way mails nothing and loses nothing; the retry mails each item once", async () => {
    const s = await answeredSetting();
    await prefer(s.requester.id, { task_change: "daily" });
    await prefer(s.follower.id, { task_change: "daily" });
    await answerTask({ actor: s.responder, taskId: s.task.id, text: "Svar." });

    // The outbox refuses the digest as a crashing database would, after the items were read and deleted.
    await sql`CREATE FUNCTION refuse_digest() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'simulated crash'; END $$`.execute(
      db,
    );
    await sql`CREATE TRIGGER refuse_digest BEFORE INSERT ON mail_outbox FOR EACH ROW WHEN (NEW.kind = 'daily_digest') EXECUTE FUNCTION refuse_digest()`.execute(
      db,
    );
    try {
      await expect(sendDailyDigests()).rejects.toThrow(/simulated crash/);
    } finally {
      await sql`DROP TRIGGER refuse_digest ON mail_outbox`.execute(db);
      await sql`DROP FUNCTION refuse_digest()`.execute(db);
    }
    expect(await digestItemsOf(s.requester.id)).toHaveLength(1);
    expect(await digestItemsOf(s.follower.id)).toHaveLength(1);
    expect(await db.selectFrom("mail_outbox").select("id").execute()).toEqual([]);

    // Two runs at once (the retry beside a late first run): each user gets one digest.
    const runs = await Promise.all([sendDailyDigests(), sendDailyDigests()]);
    expect(runs.reduce((sum, run) => sum + run.digests, 0)).toBe(2);
    expect(await sendDailyDigests()).toEqual({ digests: 0, items: 0 });
    const mails = await deliverAll();
    expect(mails.map((m) => m.to[0]).sort()).toEqual([s.requester.email, s.follower.email].sort());
    expect(byRecipient(mails).get(s.requester.email)!.subject).toBe("Dagens sammanfattning från Fråga en gång (1)");
  });

  it("account mail (sign-up) ignores every choice and carries no unsubscribe link", async () => {
    const owner = await createTestUser();
    await db.transaction().execute((trx) =>
      enqueueMail(trx, {
        ...signUpExistingMail({ to: owner.email, name: owner.name, locale: "sv", portalUrl: ORIGIN }),
        userId: owner.id,
      }),
    );
    const [mail] = await deliverAll();
    expect(mail.subject).toBe("Någon försökte skapa ett konto med din e-postadress");
    expect(mail.header("List-Unsubscribe")).toBeUndefined();
    expect(mail.text).not.toContain("/avregistrera/");
  });
});
