import { z } from "zod";
import { DECLINE_REASON_MAX_LENGTH } from "../domain/tasks";

// Messages are i18n keys (app/i18n/task-bulk.messages.ts); the page translates them.

const label = z
  .string()
  .transform((value) => value.replace(/\s+/g, " ").trim())
  .pipe(z.string().min(1, "errors.declineReasonLabelRequired").max(DECLINE_REASON_MAX_LENGTH, "errors.declineReasonLabelTooLong"));

const labels = { labelSv: label, labelEn: label };
const reasonId = z.uuid("error.404.text");

export const addDeclineReasonSchema = z.object(labels);
export const renameDeclineReasonSchema = z.object({ reasonId, ...labels });
export const declineReasonIdSchema = z.object({ reasonId });

export const declineReasonIntents = ["add", "rename", "retire", "restore"] as const;
