import { z } from "zod";
import { requestBody, requestPurpose, requestTitle } from "./request.server";

// Messages are i18n keys (app/i18n/specification-worklist.messages.ts and the request form's own).

export const worklistRequestParamsSchema = z.object({ specificationId: z.uuid() });

/** Whether "same kind, not declared" is asked too: a checkbox, off unless ticked. */
const includeSameKind = z
  .literal("1")
  .optional()
  .catch(undefined)
  .transform((value) => value === "1");

/**
 * The coordinator's request to those who lack a specification's data, as the form sends it. The
 * texts are checked as the new-request form's are (the same schemas); the due date is checked against today and the working
 * days by the model (task-deadline's rule); `organisationIds` are the recipients the coordinator
 * confirmed, empty while only reviewing.
 */
export const worklistRequestFormSchema = z.object({
  title: requestTitle,
  body: requestBody,
  purpose: requestPurpose,
  includeSameKind,
  dueDate: z.string().trim().min(1, "errors.deadlineDateInvalid").max(10, "errors.deadlineDateInvalid"),
  organisationIds: z.array(z.uuid("errors.targetsInvalid")).max(60, "errors.targetsInvalid").default([]),
  /** The event of the last request sent from the list that the confirmation showed; absent or malformed, none. */
  seenRequestEventId: z
    .string()
    .optional()
    .transform((value) => (value && /^[1-9]\d{0,18}$/.test(value) ? value : null)),
});

/** Review the recipients, send to them, or go back from the confirmation to change the request. */
export const worklistRequestIntents = ["review", "send", "edit"] as const;
