import { isHttpUrl } from "../utils/urls";
import { z } from "zod";
import { validOnly } from "./form.server";
import { inboxDueFilters, TASK_TEXT_MAX_LENGTH, taskStatuses } from "../domain/tasks";

// Messages are i18n keys (app/i18n/tasks.messages.ts); the forms translate them.

/** The inbox's filters, from its address: anything malformed is dropped rather than refused. */
export const inboxSearchParamsSchema = z.object({
  q: z.string().max(1000).catch("").default(""),
  status: validOnly(z.enum(taskStatuses), taskStatuses.length),
  due: z.enum(inboxDueFilters).optional().catch(undefined),
  organisation: z.uuid().optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(10_000).catch(1).default(1),
});

/** A task's id in `/uppgifter/<id>`: anything else is a 404, not a database error. */
export const taskIdParam = z.uuid();

/** The version the form was loaded with (optimistic concurrency). */
const version = z.coerce.number().int().min(1).max(2_147_483_647);

const optionalText = z
  .string()
  .transform((value) => value.replace(/\r\n/g, "\n").trim())
  .pipe(z.string().max(TASK_TEXT_MAX_LENGTH, "errors.taskTextTooLong"))
  .optional()
  .default("");

function requiredText(message: "errors.taskNotHeldNeedsText" | "errors.taskReopenNeedsReason") {
  return z
    .string()
    .transform((value) => value.replace(/\r\n/g, "\n").trim())
    .pipe(z.string().min(1, message).max(TASK_TEXT_MAX_LENGTH, "errors.taskTextTooLong"));
}

/** Dataset addresses, one a line; each must be an http(s) URL. */
const datasetUrls = z
  .string()
  .optional()
  .default("")
  .transform((value) =>
    value
      .split(/\r?\n/)
      .map((line) => line.trim())
      .filter(Boolean),
  )
  .pipe(z.array(z.string().max(2000, "errors.datasetUrlInvalid").refine(isHttpUrl, "errors.datasetUrlInvalid")).max(50));

export const startTaskSchema = z.object({ version });

export const assignTaskSchema = z.object({
  version,
  assigneeUserId: z.union([z.uuid(), z.literal("").transform(() => null)], { message: "errors.taskAssigneeNotMember" }),
});

/** Answering and publishing share one form: a text, catalogue datasets (checked) and addresses. */
export const answerTaskSchema = z.object({
  version,
  text: optionalText,
  datasetIds: z.array(z.uuid()).max(50),
  datasetUrls,
});

export const notHeldTaskSchema = z.object({ version, text: requiredText("errors.taskNotHeldNeedsText") });

export const declineTaskSchema = z.object({
  version,
  reasonId: z.uuid({ message: "errors.declineReasonRequired" }),
  text: optionalText,
});

export const reopenTaskSchema = z.object({ version, reason: requiredText("errors.taskReopenNeedsReason") });

export const taskIntents = ["start", "assign", "answer", "publish", "not_held", "decline", "reopen"] as const;

/** A task ticked in the inbox: its id and the version the list showed, as `<id>:<version>`. */
const bulkTask = z
  .string()
  .regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}:[1-9]\d{0,8}$/i, "errors.bulkNoTasks")
  .transform((value) => {
    const [taskId, version] = value.split(":");
    return { taskId: taskId.toLowerCase(), version: Number(version) };
  });

/** One answer for the tasks ticked in the inbox (ADR 023): the answer form's text and addresses. */
export const bulkAnswerSchema = z.object({
  tasks: z.array(bulkTask).min(1, "errors.bulkNoTasks").max(100, "errors.bulkTooManyTasks"),
  text: optionalText,
  datasetUrls,
});

export const bulkAnswerIntents = ["answer", "publish"] as const;
