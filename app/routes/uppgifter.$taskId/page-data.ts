import type { useLoaderData } from "@remix-run/react";
import type { TaskStatus } from "../../domain/tasks";
import type { MessageKey } from "../../i18n/translate";
import type { FormFailure } from "../../utils/form.server";
import type { loader } from "./route";

/** What the task page's loader gives its parts. */
export type LoaderData = ReturnType<typeof useLoaderData<typeof loader>>;

/**
 * A refused save's form; a stale one also tells the task's current version and status, so the form
 * the user retries from sends the new version even when the page's data was not reloaded.
 */
export type StaleFailure = FormFailure & { current: { version: number; status: TaskStatus } };

/** What the forms of the task section need from the page: the version to send and a refused form's values. */
export type FormState = {
  version: number;
  failure: FormFailure | undefined;
  values: Record<string, string>;
};

/**
 * The forms that send a `text`, by intent: its control's id and label. The forms place their
 * field by it and the error summary names and links the one that was sent from the same entry.
 */
export const taskTextFields = {
  answer: { id: "text", label: "task.answerText" },
  not_held: { id: "not-held-text", label: "task.notHeldText" },
  decline: { id: "decline-text", label: "task.declineText" },
} as const satisfies Record<string, { id: string; label: MessageKey }>;

/** The text field of the form sent with `intent` (publishing sends the answer form). */
export function sentTextField(intent: string | undefined) {
  return intent === "not_held" || intent === "decline" ? taskTextFields[intent] : taskTextFields.answer;
}
