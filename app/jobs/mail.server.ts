import type PgBoss from "pg-boss";
import { createMailSender, smtpConfigured } from "../mail/smtp.server";
import { deliverDueMail } from "../models/mail.server";

const MAIL_QUEUE = "mail-delivery";

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
