import type { Kysely, Transaction } from "kysely";
import { db } from "../../db/client.server";
import type { Database } from "../../db/schema";
import { can, type Actor } from "../auth/permissions";
import { isRequestOpenToTasks, MAX_DUE_WORKING_DAYS, openTaskStatuses } from "../domain/tasks";
import type { MessageKey } from "../i18n/translate";
import { deadlineChangedMail } from "../mail/templates";
import { isCalendarDate, todayInSweden } from "../utils/dates";
import { mailOrigin } from "../utils/origin.server";
import { addWorkingDays, isWorkingDay } from "../utils/working-days";
import { ConflictError, ForbiddenError } from "./errors.server";
import { recordEvent } from "./event.server";
import { enqueueMail } from "./mail.server";
import { lockRequest, RequestNotFoundError } from "./request.server";
import { inTransaction } from "./transaction.server";

/**
 * Deadlines (issue 9, ADR 022): the coordinators' default answer time and reminder lead, and a
 * coordinator's change of one request's due date. Due dates are Swedish working days
 * (app/utils/working-days.ts); overdue is derived from them, never stored.
 */

export interface DeadlineSettings {
  /** The answer time, in working days, the triage form proposes when routing a request. */
  defaultWorkingDays: number;
  /** How many working days before a task's due date its reminder goes. */
  reminderWorkingDays: number;
  updatedAt: Date;
}

export async function getDeadlineSettings(trx: Transaction<Database> | Kysely<Database> = db): Promise<DeadlineSettings> {
  return trx
    .selectFrom("deadline_settings")
    .select(["default_working_days as defaultWorkingDays", "reminder_working_days as reminderWorkingDays", "updated_at as updatedAt"])
    .executeTakeFirstOrThrow();
}

/** A deadline command was given something it cannot use; `field` names the form field to show it at. */
export class DeadlineInputError extends ConflictError {
  constructor(
    messageKey: MessageKey,
    readonly field: "dueDate" | "reason" | null = null,
  ) {
    super(messageKey);
  }
}

/** A coordinator sets the default answer time and the reminder lead; the old and new values are in the event. */
export async function updateDeadlineSettings(
  input: { actor: Actor; defaultWorkingDays: number; reminderWorkingDays: number },
  trx?: Transaction<Database>,
) {
  if (!can(input.actor, "triage:request:any")) throw new ForbiddenError();
  return inTransaction(trx, async (trx) => {
    const before = await trx
      .selectFrom("deadline_settings")
      .select(["default_working_days", "reminder_working_days"])
      .forUpdate()
      .executeTakeFirstOrThrow();
    const after = await trx
      .updateTable("deadline_settings")
      .set({
        default_working_days: input.defaultWorkingDays,
        reminder_working_days: input.reminderWorkingDays,
        updated_by: input.actor.id,
        updated_at: new Date(),
      })
      .returning(["default_working_days as defaultWorkingDays", "reminder_working_days as reminderWorkingDays", "updated_at as updatedAt"])
      .executeTakeFirstOrThrow();
    await recordEvent(trx, {
      actorUserId: input.actor.id,
      entityType: "settings",
      entityId: "deadlines",
      action: "update_deadline_settings",
      data: {
        from: { defaultWorkingDays: before.default_working_days, reminderWorkingDays: before.reminder_working_days },
        to: { defaultWorkingDays: after.defaultWorkingDays, reminderWorkingDays: after.reminderWorkingDays },
      },
    });
    return after;
  });
}

/** The new due date from a date or a number of working days from today, checked against today and the calendar. */
export function newDueDate(input: { dueDate?: string | null; workingDays?: number | null }, today: string) {
  const hasDate = Boolean(input.dueDate);
  const hasDays = input.workingDays !== undefined && input.workingDays !== null;
  if (hasDate === hasDays) throw new DeadlineInputError("errors.deadlineChoiceRequired", "dueDate");
  if (hasDays) {
    const days = input.workingDays!;
    if (!Number.isInteger(days) || days < 1 || days > MAX_DUE_WORKING_DAYS)
      throw new DeadlineInputError("errors.defaultWorkingDaysInvalid", "dueDate");
    return addWorkingDays(today, days);
  }
  const dueDate = input.dueDate!;
  if (!isCalendarDate(dueDate)) throw new DeadlineInputError("errors.deadlineDateInvalid", "dueDate");
  if (dueDate < today) throw new DeadlineInputError("errors.deadlineInPast", "dueDate");
  if (dueDate > addWorkingDays(today, MAX_DUE_WORKING_DAYS)) throw new DeadlineInputError("errors.deadlineTooFar", "dueDate");
  if (!isWorkingDay(dueDate)) throw new DeadlineInputError("errors.deadlineNotWorkingDay", "dueDate");
  return dueDate;
}

/**
 * A coordinator moves a routed request's due date, with a reason: in one transaction the request
 * and its open tasks get the new date (answered tasks keep theirs), the event records from, to and
 * why, and the responders of each open task's organisation are mailed. A task whose date moved
 * later has its reminder and overdue marks cleared, so it is reminded again before the new date.
 */
export async function changeRequestDeadline(
  input: {
    actor: Actor;
    requestId: string;
    /** The new due date (YYYY-MM-DD), or else */
    dueDate?: string | null;
    /** so many working days from today. */
    workingDays?: number | null;
    reason: string;
    /** For tests: the day the change is made on (default today in Sweden). */
    today?: string;
  },
  trx?: Transaction<Database>,
) {
  if (!can(input.actor, "triage:request:any")) throw new ForbiddenError("errors.deadlineForbidden");
  const reason = input.reason?.trim();
  if (!reason) throw new DeadlineInputError("errors.deadlineReasonRequired", "reason");
  const dueDate = newDueDate(input, input.today ?? todayInSweden());
  return inTransaction(trx, async (trx) => {
    const request = await lockRequest(trx, input.requestId);
    if (!request) throw new RequestNotFoundError(input.requestId);
    if (!isRequestOpenToTasks(request.status)) throw new DeadlineInputError("errors.deadlineNotRouted");
    const { due_date: previous } = await trx
      .selectFrom("requests")
      .select("due_date")
      .where("id", "=", input.requestId)
      .executeTakeFirstOrThrow();
    const tasks = await trx
      .selectFrom("tasks")
      .innerJoin("organisations", "organisations.id", "tasks.organisation_id")
      .select([
        "tasks.id",
        "tasks.due_date as dueDate",
        "tasks.organisation_id as organisationId",
        "organisations.name as organisationName",
      ])
      .where("tasks.request_id", "=", input.requestId)
      .where("tasks.status", "in", openTaskStatuses)
      .orderBy("tasks.id")
      .forUpdate("tasks")
      .execute();
    if (tasks.length === 0) throw new DeadlineInputError("errors.deadlineNotRouted");
    if (previous === dueDate && tasks.every((task) => task.dueDate === dueDate))
      throw new DeadlineInputError("errors.deadlineUnchanged", "dueDate");

    await trx.updateTable("requests").set({ due_date: dueDate, updated_at: new Date() }).where("id", "=", input.requestId).execute();
    const later = tasks.filter((task) => task.dueDate < dueDate).map((task) => task.id);
    const earlier = tasks.filter((task) => task.dueDate >= dueDate).map((task) => task.id);
    // The marks say "this due date was reminded of": a later date is a new one to remind of.
    if (later.length)
      await trx
        .updateTable("tasks")
        .set({ due_date: dueDate, reminder_sent_at: null, overdue_sent_at: null, updated_at: new Date() })
        .where("id", "in", later)
        .execute();
    if (earlier.length)
      await trx.updateTable("tasks").set({ due_date: dueDate, updated_at: new Date() }).where("id", "in", earlier).execute();

    await recordEvent(trx, {
      actorUserId: input.actor.id,
      entityType: "request",
      entityId: input.requestId,
      action: "change_deadline",
      fromState: previous,
      toState: dueDate,
      reason,
      data: { from: previous, to: dueDate, taskIds: tasks.map((task) => task.id) },
    });

    const portalUrl = mailOrigin();
    const responders = await listResponders(
      trx,
      tasks.map((task) => task.organisationId),
    );
    for (const task of tasks) {
      for (const responder of responders.filter((r) => r.organisationId === task.organisationId)) {
        await enqueueMail(
          trx,
          deadlineChangedMail({
            to: responder.email,
            userId: responder.id,
            name: responder.name,
            locale: responder.locale,
            taskId: task.id,
            requestNumber: request.number,
            requestTitle: request.title,
            organisationName: task.organisationName,
            fromDate: task.dueDate,
            toDate: dueDate,
            reason,
            portalUrl,
          }),
        );
      }
    }
    return { requestId: input.requestId, dueDate, previousDueDate: previous, taskCount: tasks.length };
  });
}

/** The responders of the organisations, with the language each reads: who answers for a task nobody holds. */
export async function listResponders(trx: Transaction<Database>, organisationIds: string[]) {
  if (organisationIds.length === 0) return [];
  return trx
    .selectFrom("memberships")
    .innerJoin("users", "users.id", "memberships.user_id")
    .select(["memberships.organisation_id as organisationId", "users.id", "users.email", "users.name", "users.locale"])
    .where("memberships.organisation_id", "in", [...new Set(organisationIds)])
    .where("memberships.role", "=", "responder")
    .orderBy("users.id")
    .execute();
}
