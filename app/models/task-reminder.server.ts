import type { Transaction } from "kysely";
import { sql } from "kysely";
import { db } from "../../db/client.server";
import type { Database } from "../../db/schema";
import { openTaskStatuses, requestStatusesOpenToTasks } from "../domain/tasks";
import { taskOverdueMail, taskReminderMail } from "../mail/templates";
import { mailOrigin } from "../utils/origin.server";
import { addWorkingDays, workingDaysBetween } from "../utils/working-days";
import { enqueueMail } from "./mail.server";
import { getDeadlineSettings, listResponders } from "./task-deadline.server";

/**
 * Reminders before a task's due date and the notice when it becomes overdue (issue 9, ADR 022),
 * each exactly once per task and due date. Run by a scheduled job (app/jobs/task-reminders.server.ts)
 * with today's date given, so tests run it for any day.
 *
 * Once is kept by the task row itself: a batch of tasks is claimed by setting `reminder_sent_at`
 * (or `overdue_sent_at`) where it is still null, and their mails are written to the outbox in the
 * same transaction. A second run, or a second worker at the same moment, finds the mark set or the
 * row locked (SKIP LOCKED) and leaves the task alone; a rollback leaves neither mark nor mail.
 */

const BATCH = 200;

type Notice = "reminder" | "overdue";

export interface ReminderSummary {
  /** Tasks reminded of their due date. */
  reminders: number;
  /** Tasks told they are overdue. */
  overdue: number;
  /** Mails written to the outbox. */
  mails: number;
}

export async function sendDeadlineReminders(input: { today: string }): Promise<ReminderSummary> {
  const settings = await getDeadlineSettings();
  // Due within the lead: no more than so many working days after today (the due day itself counts).
  const horizon = addWorkingDays(input.today, settings.reminderWorkingDays);
  const summary: ReminderSummary = { reminders: 0, overdue: 0, mails: 0 };
  for (const notice of ["overdue", "reminder"] as const) {
    for (;;) {
      const batch = await db.transaction().execute((trx) => claimAndMail(trx, { notice, today: input.today, horizon }));
      summary[notice === "reminder" ? "reminders" : "overdue"] += batch.tasks;
      summary.mails += batch.mails;
      if (batch.tasks < BATCH) break;
    }
  }
  return summary;
}

async function claimAndMail(trx: Transaction<Database>, input: { notice: Notice; today: string; horizon: string }) {
  const mark = input.notice === "reminder" ? "reminder_sent_at" : "overdue_sent_at";
  const claimed = await trx
    .updateTable("tasks")
    .set({ [mark]: new Date() })
    .where("id", "in", (eb) =>
      eb
        .selectFrom("tasks")
        .innerJoin("requests", "requests.id", "tasks.request_id")
        .select("tasks.id")
        .where("tasks.status", "in", openTaskStatuses)
        .where("requests.status", "in", requestStatusesOpenToTasks)
        .where("tasks.overdue_sent_at", "is", null)
        .$if(input.notice === "reminder", (qb) =>
          qb
            .where("tasks.reminder_sent_at", "is", null)
            .where("tasks.due_date", ">=", input.today)
            .where("tasks.due_date", "<=", input.horizon),
        )
        .$if(input.notice === "overdue", (qb) => qb.where("tasks.due_date", "<", input.today))
        .orderBy("tasks.due_date")
        .orderBy("tasks.id")
        .limit(BATCH)
        // Raw because Kysely takes one locking clause: a task another worker holds is skipped, and
        // so is one whose request a command holds (a deadline change in progress) — the next run
        // takes it, with the date that command leaves.
        .modifyEnd(sql`FOR UPDATE OF tasks SKIP LOCKED FOR SHARE OF requests SKIP LOCKED`),
    )
    // Checked again on the locked row: a concurrent run that got there first leaves it set.
    .where(mark, "is", null)
    .returning([
      "id",
      "request_id as requestId",
      "organisation_id as organisationId",
      "assignee_user_id as assigneeUserId",
      "due_date as dueDate",
    ])
    .execute();
  if (claimed.length === 0) return { tasks: 0, mails: 0 };

  const requests = await trx
    .selectFrom("requests")
    .select(["id", "number", "title"])
    .where("id", "in", [...new Set(claimed.map((task) => task.requestId))])
    .execute();
  const organisations = await trx
    .selectFrom("organisations")
    .select(["id", "name"])
    .where("id", "in", [...new Set(claimed.map((task) => task.organisationId))])
    .execute();
  const assigneeIds = claimed.flatMap((task) => (task.assigneeUserId ? [task.assigneeUserId] : []));
  const assignees = assigneeIds.length
    ? await trx.selectFrom("users").select(["id", "email", "name", "locale"]).where("id", "in", assigneeIds).execute()
    : [];
  const responders = await listResponders(
    trx,
    claimed.filter((task) => !task.assigneeUserId).map((task) => task.organisationId),
  );

  const portalUrl = mailOrigin();
  let mails = 0;
  for (const task of claimed) {
    const request = requests.find((r) => r.id === task.requestId)!;
    const organisation = organisations.find((o) => o.id === task.organisationId)!;
    // The one who holds the task; nobody holds it, then everyone who answers for the organisation.
    const recipients = task.assigneeUserId
      ? assignees.filter((user) => user.id === task.assigneeUserId)
      : responders.filter((user) => user.organisationId === task.organisationId);
    for (const recipient of recipients) {
      const common = {
        to: recipient.email,
        userId: recipient.id,
        name: recipient.name,
        locale: recipient.locale,
        taskId: task.id,
        requestNumber: request.number,
        requestTitle: request.title,
        organisationName: organisation.name,
        dueDate: task.dueDate,
        portalUrl,
      };
      await enqueueMail(
        trx,
        input.notice === "reminder"
          ? taskReminderMail({ ...common, workingDaysLeft: workingDaysBetween(input.today, task.dueDate) })
          : taskOverdueMail(common),
      );
      mails++;
    }
  }
  return { tasks: claimed.length, mails };
}
