import { afterEach, describe, expect, it } from "vitest";
import { db } from "../../db/client.server";
import { createMailSender } from "../../app/mail/smtp.server";
import { deliverDueMail } from "../../app/models/mail.server";
import { sendDeadlineReminders } from "../../app/models/task-reminder.server";
import { createTestTasks } from "../factories/task";
import { createTestUser } from "../factories/user";
import { readMail, startSmtp } from "../support/smtp";

const closers: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  while (closers.length) await closers.pop()!();
  await db.deleteFrom("mail_outbox").execute();
});

/** A reminder about a task due on `dueDate`, sent on `today`, as Borås's (Swedish) and Skövde's (English) responders read it. */
async function remindersReceived(today: string, dueDate: string) {
  const boras = await createTestUser({ role: "responder", kommunkod: "1490" });
  const skovde = await createTestUser({ role: "responder", kommunkod: "1496" });
  await db.updateTable("users").set({ locale: "en" }).where("id", "=", skovde.id).execute();
  await createTestTasks({ dueDate, title: "Laddstolpar" });
  await sendDeadlineReminders({ today });

  const smtp = await startSmtp();
  closers.push(smtp.close);
  const sender = createMailSender(smtp.url);
  closers.push(sender.close);
  await deliverDueMail({ send: sender.send });
  const mails = await Promise.all(smtp.received.map(readMail));
  const textTo = (user: { email: string }) => mails.find((mail) => mail.to.includes(user.email))?.text ?? "";
  return { sv: textTo(boras), en: textTo(skovde) };
}

describe("counts in mail, through a real SMTP server", () => {
  it("say 1 arbetsdag / 1 working day in a reminder the day before the due date", async () => {
    // Tuesday 1 December 2026; due Wednesday 2 December.
    const text = await remindersReceived("2026-12-01", "2026-12-02");
    expect(text.sv).toContain("som ska besvaras senast 2 december 2026 (1 arbetsdag kvar).");
    expect(text.en).toContain("due by 2 December 2026 (1 working day left).");
  });

  it("say 2 arbetsdagar / 2 working days two working days before", async () => {
    const text = await remindersReceived("2026-12-01", "2026-12-03");
    expect(text.sv).toContain("(2 arbetsdagar kvar).");
    expect(text.en).toContain("(2 working days left).");
  });
});
