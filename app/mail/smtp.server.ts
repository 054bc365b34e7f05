import nodemailer from "nodemailer";
import { config } from "../../db/config.server";
import type { DeliverableMail } from "../models/mail.server";

/**
 * The SMTP side of the mail outbox: `SMTP_URL` (e.g. `smtps://user:pass@mail.example.se`) and
 * `MAIL_FROM`. Without SMTP_URL nothing is sent; the mail stays in the outbox for admins to read.
 */
export function smtpConfigured() {
  return config().smtpUrl !== null;
}

export function createMailSender(smtpUrl = config().smtpUrl) {
  if (!smtpUrl) throw new Error("SMTP_URL is not set.");
  const transport = nodemailer.createTransport(smtpUrl);
  const from = config().mailFrom;
  return {
    // The outbox row's own headers (List-Unsubscribe, List-Unsubscribe-Post: ADR 021) go as written.
    send: (mail: DeliverableMail) =>
      transport.sendMail({ from, to: mail.to, subject: mail.subject, text: mail.text, headers: mail.headers }),
    close: () => transport.close(),
  };
}
