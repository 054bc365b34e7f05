import type { Kysely, Transaction } from "kysely";
import { sql } from "kysely";
import { backoffMs } from "../../db/backoff";
import { db } from "../../db/client.server";
import type { Database } from "../../db/schema";
import { DIGEST_MAIL_KIND, preferenceKindOf, type MailDelivery, type MailKind, type UnsubscribeScope } from "../domain/mail";
import { unsubscribeFooter } from "../mail/templates";
import { mailOrigin } from "../utils/origin.server";
import { NotFoundError } from "./errors.server";
import { recordEvent } from "./event.server";
import { mailRecipient, makeUnsubscribeToken } from "./mail-preference.server";

/**
 * The mail outbox (DESIGN.md: e-mail through SMTP; with no SMTP_URL, kept in the database and
 * shown to admins). Whoever changes state writes the mail here in the same transaction, so a mail
 * is never sent for a change that rolled back, nor lost for one that committed.
 */
export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  /**
   * What the mail is about (app/domain/mail.ts): the recipient's preference for the kind applies,
   * and mail of a kind may be limited per recipient (countRecentMail).
   */
  kind?: MailKind;
  /**
   * The recipient's account, when the mail goes to a user: their preference for the kind decides
   * whether it goes at once, in the daily digest or not at all, and it ends with their
   * unsubscribe link (ADR 021). Account-security kinds (sign-up) ignore preferences.
   */
  userId?: string;
}

/** A mail as the SMTP side sends it: the outbox row's text and its extra headers. */
export interface DeliverableMail {
  to: string;
  subject: string;
  text: string;
  headers?: Record<string, string>;
}

/** Where a mail went: the outbox, the user's next digest, or nowhere (they chose never). */
export type EnqueuedMail = { delivery: MailDelivery };

/** The caller's transaction, which the signing key is read in too (mailSigningSecret); undefined outside one. */
function asTransaction(executor: Transaction<Database> | Kysely<Database>) {
  return executor.isTransaction ? (executor as Transaction<Database>) : undefined;
}

/**
 * Writes the mail in the caller's transaction. A mail to a user (`userId`) of a kind they choose
 * for is queued, kept for their daily digest, or dropped, as they chose; one that is queued ends
 * with a signed one-click unsubscribe link, in the body and in RFC 8058's List-Unsubscribe and
 * List-Unsubscribe-Post headers.
 */
export async function enqueueMail(trx: Transaction<Database> | Kysely<Database>, mail: OutgoingMail): Promise<EnqueuedMail> {
  const preferenceKind = preferenceKindOf(mail.kind);
  const recipient = mail.userId ? await mailRecipient(trx, { userId: mail.userId, kind: preferenceKind }) : undefined;
  if (recipient && preferenceKind && recipient.delivery === "never") return { delivery: "never" };
  if (recipient && preferenceKind && recipient.delivery === "daily") {
    await trx
      .insertInto("mail_digest_items")
      .values({ user_id: mail.userId!, kind: preferenceKind, subject: mail.subject, text_body: mail.text })
      .execute();
    return { delivery: "daily" };
  }
  let text = mail.text;
  let headers: Record<string, string> | null = null;
  const scope: UnsubscribeScope | null = preferenceKind ?? (mail.kind === DIGEST_MAIL_KIND ? DIGEST_MAIL_KIND : null);
  if (recipient && scope) {
    const origin = mailOrigin();
    const unsubscribeUrl = origin
      ? new URL(`/avregistrera/${await makeUnsubscribeToken({ userId: mail.userId!, scope }, undefined, asTransaction(trx))}`, origin).href
      : null;
    text += `\n${unsubscribeFooter({ locale: recipient.locale, scope, unsubscribeUrl, preferencesUrl: origin ? new URL("/account", origin).href : null })}`;
    if (unsubscribeUrl) headers = { "List-Unsubscribe": `<${unsubscribeUrl}>`, "List-Unsubscribe-Post": "List-Unsubscribe=One-Click" };
  }
  await trx
    .insertInto("mail_outbox")
    .values({
      to_address: mail.to,
      subject: mail.subject,
      text_body: text,
      kind: mail.kind ?? null,
      user_id: recipient ? mail.userId! : null,
      headers: headers ? JSON.stringify(headers) : null,
    })
    .execute();
  return { delivery: "immediately" };
}

/** How many mails of the kind went to the address in the last `hours` (for limits per recipient). */
export async function countRecentMail(trx: Transaction<Database> | Kysely<Database>, input: { to: string; kind: string; hours: number }) {
  const row = await trx
    .selectFrom("mail_outbox")
    .select((eb) => eb.fn.countAll<string>().as("count"))
    .where("to_address", "=", input.to)
    .where("kind", "=", input.kind)
    .where("created_at", ">", sql<Date>`now() - make_interval(hours => ${input.hours})`)
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

/** Failed mail kept on the admin page beside the newest, however much newer mail there is. */
const FAILED_MAIL_SHOWN = 1_000;

/**
 * For the admin page: every mail that gave up (up to FAILED_MAIL_SHOWN), newest first, since its
 * retry is only there; then the newest `limit` of the rest.
 */
export async function listMail(input: { limit: number }) {
  const columns = [
    "id",
    "to_address as to",
    "subject",
    "text_body as text",
    "status",
    "attempts",
    "last_error as lastError",
    "created_at as createdAt",
    "sent_at as sentAt",
  ] as const;
  const [failed, newest] = await Promise.all([
    db
      .selectFrom("mail_outbox")
      .select(columns)
      .where("status", "=", "failed")
      .orderBy("created_at", "desc")
      .orderBy("id", "desc")
      .limit(FAILED_MAIL_SHOWN)
      .execute(),
    db
      .selectFrom("mail_outbox")
      .select(columns)
      .where("status", "!=", "failed")
      .orderBy("created_at", "desc")
      .orderBy("id", "desc")
      .limit(input.limit)
      .execute(),
  ]);
  return [...failed, ...newest];
}

/** Queues a mail that gave up (or any unsent one) again, at once; false when there is none. */
export async function retryMail(input: { actorUserId: string; mailId: string }) {
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .updateTable("mail_outbox")
      .set({ status: "queued", attempts: 0, next_attempt_at: sql<Date>`now()` })
      .where("id", "=", input.mailId)
      .where("status", "!=", "sent")
      .returning(["id", "status"])
      .executeTakeFirst();
    // Sent mail is never sent again: to the admin it is as gone as a mail that never was.
    if (!row) throw new NotFoundError();
    await recordEvent(trx, {
      actorUserId: input.actorUserId,
      entityType: "mail",
      entityId: String(row.id),
      action: "retry_mail",
      toState: "queued",
    });
    return { mailId: String(row.id), status: row.status };
  });
}

export interface MailDeliverySummary {
  sent: number;
  failed: number;
}

export interface DeliveryOptions {
  send: (mail: DeliverableMail) => Promise<unknown>;
  limit?: number;
  /** Attempts before a mail is marked failed (an admin may queue it again); default 5. */
  maxAttempts?: number;
  /** Wait after the first failure, doubled after each; default 60 s. */
  backoffBaseMs?: number;
  /** The longest wait between two attempts, however many failed (default 1 hour). */
  maxBackoffMs?: number;
}

const MAX_MAIL_BACKOFF_MS = 60 * 60 * 1000;

/**
 * Sends the queued mail that is due, one row at a time. Each row is locked (SKIP LOCKED) while it
 * is sent, so two workers never send one mail twice; a failure is written on the row (attempts,
 * last error, next attempt) and the next row goes on.
 */
export async function deliverDueMail(options: DeliveryOptions): Promise<MailDeliverySummary> {
  const limit = options.limit ?? 50;
  const maxAttempts = options.maxAttempts ?? 5;
  const backoffBaseMs = options.backoffBaseMs ?? 60_000;
  const maxBackoffMs = options.maxBackoffMs ?? MAX_MAIL_BACKOFF_MS;
  const summary: MailDeliverySummary = { sent: 0, failed: 0 };
  for (let i = 0; i < limit; i++) {
    const handled = await db.transaction().execute(async (trx) => {
      const row = await trx
        .selectFrom("mail_outbox")
        .select(["id", "to_address", "subject", "text_body", "attempts", "headers"])
        .where("status", "=", "queued")
        // The database's clock, which wrote next_attempt_at, not this server's: a clock behind it,
        // or a mail queued within the same millisecond, would otherwise wait for the next run.
        .where("next_attempt_at", "<=", sql<Date>`now()`)
        .orderBy("next_attempt_at")
        .orderBy("id")
        .limit(1)
        .forUpdate()
        .skipLocked()
        .executeTakeFirst();
      if (!row) return false;
      try {
        await options.send({ to: row.to_address, subject: row.subject, text: row.text_body, headers: row.headers ?? undefined });
        await trx
          .updateTable("mail_outbox")
          .set({ status: "sent", sent_at: new Date(), attempts: row.attempts + 1, last_error: null })
          .where("id", "=", row.id)
          .execute();
        summary.sent++;
      } catch (error) {
        const attempts = row.attempts + 1;
        const waitMs = backoffMs({ attempts, baseMs: backoffBaseMs, maxMs: maxBackoffMs });
        await trx
          .updateTable("mail_outbox")
          .set({
            status: attempts >= maxAttempts ? "failed" : "queued",
            attempts,
            last_error: (error instanceof Error ? error.message : String(error)).slice(0, 2000),
            // Computed in the database so the backoff does not depend on this server's clock.
            next_attempt_at: sql<Date>`now() + make_interval(secs => ${waitMs / 1000})`,
          })
          .where("id", "=", row.id)
          .execute();
        summary.failed++;
      }
      return true;
    });
    if (!handled) break;
  }
  return summary;
}
