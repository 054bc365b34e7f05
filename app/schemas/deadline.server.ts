import { z } from "zod";
import { MAX_DUE_WORKING_DAYS } from "../domain/tasks";
import { formInteger } from "./form.server";

// Messages are i18n keys (app/i18n/deadlines.messages.ts). The model checks the date against
// today and the holiday calendar (app/models/task-deadline.server.ts); these read the form.

const workingDays = (min: number, max: number, message: "errors.defaultWorkingDaysInvalid" | "errors.reminderWorkingDaysInvalid") =>
  formInteger(message, min, max);

/** The coordinators' settings: the default answer time and the reminder lead, in working days. */
export const deadlineSettingsSchema = z.object({
  defaultWorkingDays: workingDays(1, MAX_DUE_WORKING_DAYS, "errors.defaultWorkingDaysInvalid"),
  reminderWorkingDays: workingDays(0, 60, "errors.reminderWorkingDaysInvalid"),
});

/** An empty field is "not given" (null), so the form may name a date or a number of days. */
const blankAsNull = (value: unknown) => (value === undefined || (typeof value === "string" && value.trim() === "") ? null : value);

/** A coordinator's change of a routed request's due date: a date or working days from today, and why. */
export const changeDeadlineSchema = z.object({
  intent: z.literal("deadline"),
  dueDate: z.preprocess(blankAsNull, z.string().trim().max(20, "errors.deadlineDateInvalid").nullable()),
  dueWorkingDays: z.preprocess(blankAsNull, workingDays(1, MAX_DUE_WORKING_DAYS, "errors.defaultWorkingDaysInvalid").nullable()),
  deadlineReason: z
    .string("errors.deadlineReasonRequired")
    .trim()
    .min(1, "errors.deadlineReasonRequired")
    .max(2_000, "errors.fieldTooLong"),
});
