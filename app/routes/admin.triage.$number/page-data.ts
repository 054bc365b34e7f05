import type { MessageKey } from "../../i18n/translate";
import type { FormFailure } from "../../utils/form.server";

/** What each of the triage page's forms needs from a refused submission: its errors and the values sent. */
export type FormState = {
  failure: FormFailure | undefined;
  values: Record<string, string>;
};

/**
 * The forms that send a `reason`, by intent: its control's id and label. The forms place their
 * field by it and the error summary names and links the one that was sent from the same entry.
 */
export const reasonFields = {
  duplicate: { id: "duplicate-reason", label: "triage.duplicateReason" },
  reject: { id: "reject-reason", label: "triage.rejectReason" },
  close: { id: "close-reason", label: "triage.closeReason" },
} as const satisfies Record<string, { id: string; label: MessageKey }>;

/** The reason field of the form sent with `intent`; undefined for the forms without one. */
export function sentReasonField(intent: string | undefined) {
  return intent === "duplicate" || intent === "reject" || intent === "close" ? reasonFields[intent] : undefined;
}
