import type PgBoss from "pg-boss";
import { sendDeadlineReminders } from "../models/task-reminder.server";
import { SWEDISH_TIME_ZONE, todayInSweden } from "../utils/dates";

export const TASK_REMINDER_QUEUE = "task-deadline-reminders";
/**
 * Every hour of the Swedish working day: a reminder or overdue notice goes out within the hour
 * its day begins, and none arrives in the middle of the night (ADR 022).
 */
export const TASK_REMINDER_CRON = "0 7-18 * * *";

/**
 * Reminders before due dates and overdue notices, as a scheduled job on PostgreSQL (never a timer
 * in a request). One run at a time (singleton); a retried or doubled run mails no task twice
 * (sendDeadlineReminders marks each task in the transaction that writes its mail).
 */
export async function startTaskReminders(boss: PgBoss, log: (message: string) => void) {
  await boss.createQueue(TASK_REMINDER_QUEUE, { name: TASK_REMINDER_QUEUE, policy: "singleton", retryLimit: 3 });
  await boss.schedule(TASK_REMINDER_QUEUE, TASK_REMINDER_CRON, {}, { tz: SWEDISH_TIME_ZONE });
  await boss.work(TASK_REMINDER_QUEUE, async () => {
    const summary = await sendDeadlineReminders({ today: todayInSweden() });
    if (summary.reminders || summary.overdue)
      log(`Deadlines: ${summary.reminders} task(s) reminded, ${summary.overdue} overdue, ${summary.mails} mail(s) queued.`);
  });
}
