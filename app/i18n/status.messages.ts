import type { RequestStatus } from "../domain/requests";
import type { SpecificationStatus } from "../domain/specifications";
import type { TaskStatus } from "../domain/tasks";

/**
 * One label per status, for every page and message that names one (the register and its filter,
 * the request page and its timeline, triage, the dataset page): two labels for one status told a
 * reader two different things. Keyed by the domain's words, so a status without a label is a type
 * error here. ADR 017.
 */
type StatusLabels = Record<
  `requestStatus.${RequestStatus}` | `taskStatus.${TaskStatus}` | `specificationStatus.${SpecificationStatus}`,
  string
>;

const sv = {
  "requestStatus.submitted": "Inskickad, väntar på granskning",
  "requestStatus.open": "Öppen, skickad till kommunerna",
  "requestStatus.answered": "Besvarad",
  "requestStatus.partly_answered": "Delvis besvarad",
  "requestStatus.closed": "Avslutad",
  "requestStatus.answered_by_existing_data": "Besvarad med data som redan fanns",
  "requestStatus.duplicate": "Dubblett",
  "requestStatus.rejected": "Avvisad",
  "requestStatus.withdrawn": "Återkallad",

  "taskStatus.pending": "Inte påbörjad",
  "taskStatus.in_progress": "Pågår",
  "taskStatus.answered": "Besvarad",
  "taskStatus.published": "Publicerad som öppna data",
  "taskStatus.not_held": "Uppgifterna finns inte",
  "taskStatus.declined": "Avböjd",

  "specificationStatus.proposed": "Föreslagen",
  "specificationStatus.adopted": "Antagen",
  "specificationStatus.retired": "Utgången",
} satisfies StatusLabels;

const en: Record<keyof typeof sv, string> = {
  "requestStatus.submitted": "Submitted, awaiting review",
  "requestStatus.open": "Open, sent to the municipalities",
  "requestStatus.answered": "Answered",
  "requestStatus.partly_answered": "Partly answered",
  "requestStatus.closed": "Closed",
  "requestStatus.answered_by_existing_data": "Answered by existing data",
  "requestStatus.duplicate": "Duplicate",
  "requestStatus.rejected": "Rejected",
  "requestStatus.withdrawn": "Withdrawn",

  "taskStatus.pending": "Not started",
  "taskStatus.in_progress": "In progress",
  "taskStatus.answered": "Answered",
  "taskStatus.published": "Published as open data",
  "taskStatus.not_held": "Data not held",
  "taskStatus.declined": "Declined",

  "specificationStatus.proposed": "Proposed",
  "specificationStatus.adopted": "Adopted",
  "specificationStatus.retired": "Retired",
};

export const statusMessages = { sv, en };

/** The message key of a request's status label. */
export function requestStatusLabel(status: RequestStatus) {
  return `requestStatus.${status}` as const;
}

/** The message key of a task's status label. */
export function taskStatusLabel(status: TaskStatus) {
  return `taskStatus.${status}` as const;
}

/** The message key of a specification's status label (issue 14). */
export function specificationStatusLabel(status: SpecificationStatus) {
  return `specificationStatus.${status}` as const;
}
