import type PgBoss from "pg-boss";
import { createMailSender, smtpConfigured } from "../mail/smtp.server";
import { deliverDueMail } from "../models/mail.server";
import { sendDailyDigests } from "../models/mail-digest.server";
import { SWEDISH_TIME_ZONE } from "../utils/dates";

const MAIL_QUEUE = "mail-delivery";
export const MAIL_DIGEST_QUEUE = "mail-digest";
/** When the daily digest is written: early morning in Sweden, before the working day. */
export const MAIL_DIGEST_CRON = "0 6 * * *";

/**
 * With SMTP_URL set, a job sends the mail outbox every minute (a failed mail waits with a growing
 * backoff and gives up after five attempts, visible on /admin/mail). Without it nothing is sent:
 * the mail stays in the outbox for admins to read.
 */
export async function startMailDelivery(boss: PgBoss, log: (message: string) => void) {
  if (!smtpConfigured()) {
    log("SMTP_URL is not set: e-mail is kept in the outbox (/admin/mail), not sent.");
    return;
  }
  const sender = createMailSender();
  await boss.createQueue(MAIL_QUEUE, { name: MAIL_QUEUE, policy: "singleton" });
  await boss.schedule(MAIL_QUEUE, "* * * * *");
  await boss.work(MAIL_QUEUE, async () => {
    const summary = await deliverDueMail({ send: sender.send });
    if (summary.sent || summary.failed) log(`Mail: sent ${summary.sent}, failed ${summary.failed}.`);
  });
}

/**
 * Once a day (06:00 Swedish time) a job gathers each user's digest items into one mail (ADR 021).
 * It runs with or without SMTP_URL: without it the digests wait in the outbox like any mail. A
 * retried or doubled run sends no item twice (sendDailyDigests).
 */
export async function startMailDigest(boss: PgBoss, log: (message: string) => void) {
  await boss.createQueue(MAIL_DIGEST_QUEUE, { name: MAIL_DIGEST_QUEUE, policy: "singleton", retryLimit: 3 });
  await boss.schedule(MAIL_DIGEST_QUEUE, MAIL_DIGEST_CRON, {}, { tz: SWEDISH_TIME_ZONE });
  await boss.work(MAIL_DIGEST_QUEUE, async () => {
    const summary = await sendDailyDigests();
    if (summary.digests) log(`Mail: ${summary.digests} daily digest(s) with ${summary.items} item(s) queued.`);
  });
}
