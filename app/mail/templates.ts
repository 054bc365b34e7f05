import type { Locale } from "../../db/schema";
import type { RequestStatus } from "../domain/requests";
import type { TaskStatus } from "../domain/tasks";
import { translate, translateCount, type MessageKey } from "../i18n/translate";
import { requestStatusLabel, taskStatusLabel } from "../i18n/status.messages";
import type { OutgoingMail } from "../models/mail.server";
import { DIGEST_MAIL_KIND, type UnsubscribeScope } from "../domain/mail";
import { mailKindLabel } from "../i18n/mail.messages";
import { formatDate } from "../utils/dates";

/**
 * Mail texts come from the message catalogue, in the recipient's own language. Links are built
 * from `mailOrigin()` (PUBLIC_URL), never from a request; with no origin the link is left out.
 */
export function signUpExistingMail(input: { to: string; name: string; locale: Locale; portalUrl: string | null }): OutgoingMail {
  return {
    to: input.to,
    kind: "sign_up_existing",
    subject: translate(input.locale, "mail.signUpExisting.subject"),
    text: input.portalUrl
      ? translate(input.locale, "mail.signUpExisting.text", { name: input.name, loginUrl: new URL("/login", input.portalUrl).href })
      : translate(input.locale, "mail.signUpExisting.textNoLink", { name: input.name }),
  };
}

export function signUpConfirmMail(input: { to: string; name: string; locale: Locale; confirmUrl: string | null }): OutgoingMail {
  return {
    to: input.to,
    kind: "sign_up_confirm",
    subject: translate(input.locale, "mail.signUpConfirm.subject"),
    text: input.confirmUrl
      ? translate(input.locale, "mail.signUpConfirm.text", { name: input.name, confirmUrl: input.confirmUrl })
      : translate(input.locale, "mail.signUpConfirm.textNoLink", { name: input.name }),
  };
}

/** A municipality's task of a request reached an outcome, or was reopened; to the requester and followers. */
export function taskChangeMail(input: {
  to: string;
  userId: string;
  name: string;
  locale: Locale;
  requestNumber: number;
  requestTitle: string;
  /** One organisation, or those one bulk answer answered the request for (named in one mail). */
  organisationName: string | string[];
  taskStatus: TaskStatus;
  text: string | null;
  requestStatus: RequestStatus | null;
  portalUrl: string | null;
}): OutgoingMail {
  const t = (key: MessageKey, params: Record<string, string | number> = {}) => translate(input.locale, key, params);
  const names =
    typeof input.organisationName === "string"
      ? [input.organisationName]
      : [...input.organisationName].sort((a, b) => a.localeCompare(b, input.locale));
  const organisations = new Intl.ListFormat(input.locale, { type: "conjunction" }).format(names);
  // A subject names at most three; the text names them all.
  const organisationsShort =
    names.length <= 3 ? organisations : t("mail.organisationsAndMore", { names: names.slice(0, 2).join(", "), count: names.length - 2 });
  const lines = [
    t(names.length > 1 ? "mail.taskChange.textMany" : "mail.taskChange.text", {
      name: input.name,
      organisation: organisations,
      title: input.requestTitle,
      status: t(taskStatusLabel(input.taskStatus)),
    }),
  ];
  if (input.text) lines.push("", input.text);
  if (input.requestStatus) lines.push("", t("mail.taskChange.requestStatus", { status: t(requestStatusLabel(input.requestStatus)) }));
  if (input.portalUrl)
    lines.push("", t("mail.taskChange.link", { url: new URL(`/requests/${input.requestNumber}`, input.portalUrl).href }));
  return {
    to: input.to,
    userId: input.userId,
    kind: "task_change",
    subject: t(names.length > 1 ? "mail.taskChange.subjectMany" : "mail.taskChange.subject", {
      organisation: organisationsShort,
      number: input.requestNumber,
    }),
    text: lines.join("\n"),
  };
}

/** A coordinator closed a request; to the requester and followers. */
export function requestClosedMail(input: {
  to: string;
  userId: string;
  name: string;
  locale: Locale;
  requestNumber: number;
  requestTitle: string;
  reason: string | null;
  portalUrl: string | null;
}): OutgoingMail {
  const t = (key: MessageKey, params: Record<string, string | number> = {}) => translate(input.locale, key, params);
  const lines = [t("mail.requestClosed.text", { name: input.name, title: input.requestTitle })];
  if (input.reason) lines.push("", input.reason);
  if (input.portalUrl)
    lines.push("", t("mail.taskChange.link", { url: new URL(`/requests/${input.requestNumber}`, input.portalUrl).href }));
  // Its own kind in the outbox, under the choice for answers and status changes (app/domain/mail.ts).
  return {
    to: input.to,
    userId: input.userId,
    kind: "request_closed",
    subject: t("mail.requestClosed.subject", { number: input.requestNumber }),
    text: lines.join("\n"),
  };
}

/**
 * The requester withdrew their request: to its followers (kind `request_withdrawn`), and to the
 * responders of each municipality whose task was still to do, naming it (`task_withdrawn`).
 */
export function requestWithdrawnMail(input: {
  to: string;
  userId: string;
  name: string;
  locale: Locale;
  requestNumber: number;
  requestTitle: string;
  reason: string | null;
  /** For a responder: the organisation that need not answer. */
  organisationName: string | null;
  portalUrl: string | null;
}): OutgoingMail {
  const t = (key: MessageKey, params: Record<string, string | number> = {}) => translate(input.locale, key, params);
  const forTask = input.organisationName !== null;
  const params = { name: input.name, title: input.requestTitle, number: input.requestNumber, organisation: input.organisationName ?? "" };
  const lines = [t(forTask ? "mail.taskWithdrawn.text" : "mail.requestWithdrawn.text", params)];
  if (input.reason) lines.push("", t("mail.requestWithdrawn.reason", { reason: input.reason }));
  if (input.portalUrl)
    lines.push("", t("mail.taskChange.link", { url: new URL(`/requests/${input.requestNumber}`, input.portalUrl).href }));
  return {
    to: input.to,
    userId: input.userId,
    kind: forTask ? "task_withdrawn" : "request_withdrawn",
    subject: t(forTask ? "mail.taskWithdrawn.subject" : "mail.requestWithdrawn.subject", params),
    text: lines.join("\n"),
  };
}

/** What a mail about one task names: the request, the organisation and the task's own page. */
interface TaskMailInput {
  to: string;
  userId: string;
  name: string;
  locale: Locale;
  taskId: string;
  requestNumber: number;
  requestTitle: string;
  organisationName: string;
  portalUrl: string | null;
}

function taskMailText(input: TaskMailInput, lines: string[]) {
  if (input.portalUrl)
    lines.push("", translate(input.locale, "mail.task.link", { url: new URL(`/uppgifter/${input.taskId}`, input.portalUrl).href }));
  return lines.join("\n");
}

/** A coordinator moved a request's due date; to the responders of each open task's organisation. */
export function deadlineChangedMail(input: TaskMailInput & { fromDate: string | null; toDate: string; reason: string }): OutgoingMail {
  const t = (key: MessageKey, params: Record<string, string | number> = {}) => translate(input.locale, key, params);
  const date = (day: string) => formatDate(day, input.locale, "longDate");
  return {
    to: input.to,
    userId: input.userId,
    kind: "deadline_changed",
    subject: t("mail.deadlineChanged.subject", { number: input.requestNumber }),
    text: taskMailText(input, [
      t("mail.deadlineChanged.text", {
        name: input.name,
        organisation: input.organisationName,
        title: input.requestTitle,
        from: input.fromDate ? date(input.fromDate) : "–",
        to: date(input.toDate),
        reason: input.reason,
      }),
    ]),
  };
}

/** A task's due date is near (so many working days left); to its assignee, or its organisation's responders. */
export function taskReminderMail(input: TaskMailInput & { dueDate: string; workingDaysLeft: number }): OutgoingMail {
  const t = (key: MessageKey, params: Record<string, string | number> = {}) => translate(input.locale, key, params);
  const date = formatDate(input.dueDate, input.locale, "longDate");
  return {
    to: input.to,
    userId: input.userId,
    kind: "task_reminder",
    subject: t("mail.taskReminder.subject", { number: input.requestNumber, date }),
    text: taskMailText(input, [
      translateCount(input.locale, "mail.taskReminder.text", input.workingDaysLeft, {
        name: input.name,
        organisation: input.organisationName,
        title: input.requestTitle,
        date,
      }),
    ]),
  };
}

/** A task's due date has passed without an outcome; to its assignee, or its organisation's responders. */
export function taskOverdueMail(input: TaskMailInput & { dueDate: string }): OutgoingMail {
  const t = (key: MessageKey, params: Record<string, string | number> = {}) => translate(input.locale, key, params);
  const date = formatDate(input.dueDate, input.locale, "longDate");
  return {
    to: input.to,
    userId: input.userId,
    kind: "task_overdue",
    subject: t("mail.taskOverdue.subject", { number: input.requestNumber, date }),
    text: taskMailText(input, [
      t("mail.taskOverdue.text", { name: input.name, organisation: input.organisationName, title: input.requestTitle, date }),
    ]),
  };
}

/** A request was routed: one of its new tasks, to each responder of the task's organisation. */
export function newTaskMail(input: TaskMailInput & { dueDate: string }): OutgoingMail {
  const t = (key: MessageKey, params: Record<string, string | number> = {}) => translate(input.locale, key, params);
  return {
    to: input.to,
    userId: input.userId,
    kind: "new_task",
    subject: t("mail.newTask.subject", { organisation: input.organisationName, number: input.requestNumber }),
    text: taskMailText(input, [
      t("mail.newTask.text", {
        name: input.name,
        organisation: input.organisationName,
        title: input.requestTitle,
        date: formatDate(input.dueDate, input.locale, "longDate"),
      }),
    ]),
  };
}

/** Someone commented on a request; to its requester and followers (not the comment's author). */
export function commentMail(input: {
  to: string;
  userId: string;
  name: string;
  locale: Locale;
  requestNumber: number;
  requestTitle: string;
  authorName: string;
  body: string;
  portalUrl: string | null;
}): OutgoingMail {
  const t = (key: MessageKey, params: Record<string, string | number> = {}) => translate(input.locale, key, params);
  // A long comment is cut: the mail points to the page, where it is read in full.
  const body = input.body.length > 2000 ? `${input.body.slice(0, 2000)}…` : input.body;
  const lines = [t("mail.comment.text", { name: input.name, author: input.authorName, title: input.requestTitle }), "", body];
  if (input.portalUrl) lines.push("", t("mail.comment.link", { url: new URL(`/requests/${input.requestNumber}`, input.portalUrl).href }));
  return {
    to: input.to,
    userId: input.userId,
    kind: "comment",
    subject: t("mail.comment.subject", { number: input.requestNumber }),
    text: lines.join("\n"),
  };
}

/** A request was merged into another as its duplicate; to everyone whose support and follow moved. */
export function mergeMail(input: {
  to: string;
  userId: string;
  name: string;
  locale: Locale;
  requestNumber: number;
  requestTitle: string;
  originalNumber: number;
  originalTitle: string;
  reason: string | null;
  portalUrl: string | null;
}): OutgoingMail {
  const t = (key: MessageKey, params: Record<string, string | number> = {}) => translate(input.locale, key, params);
  const lines = [t("mail.merge.text", { name: input.name, title: input.requestTitle, originalTitle: input.originalTitle })];
  if (input.reason) lines.push("", input.reason);
  if (input.portalUrl) lines.push("", t("mail.merge.link", { url: new URL(`/requests/${input.originalNumber}`, input.portalUrl).href }));
  return {
    to: input.to,
    userId: input.userId,
    kind: "merge",
    subject: t("mail.merge.subject", { number: input.requestNumber, original: input.originalNumber }),
    text: lines.join("\n"),
  };
}

/** The day's mail of the kinds a user gets once a day, as one mail in their language. */
export function digestMail(input: {
  to: string;
  userId: string;
  name: string;
  locale: Locale;
  items: { subject: string; text: string }[];
}): OutgoingMail {
  const t = (key: MessageKey, params: Record<string, string | number> = {}) => translate(input.locale, key, params);
  const rule = "—".repeat(20);
  const lines = [t("mail.digest.intro", { name: input.name })];
  for (const item of input.items) lines.push("", rule, item.subject, "", item.text);
  return {
    to: input.to,
    userId: input.userId,
    kind: DIGEST_MAIL_KIND,
    subject: t("mail.digest.subject", { count: input.items.length }),
    text: lines.join("\n"),
  };
}

/**
 * The lines every mail to a user ends with (ADR 021): the one-click unsubscribe link of the
 * mail's kind (of the whole digest, for a digest) and where to choose the rest.
 */
export function unsubscribeFooter(input: {
  locale: Locale;
  scope: UnsubscribeScope;
  unsubscribeUrl: string | null;
  preferencesUrl: string | null;
}) {
  const t = (key: MessageKey, params: Record<string, string | number> = {}) => translate(input.locale, key, params);
  const lines = ["", "-- "];
  if (input.unsubscribeUrl && input.preferencesUrl) {
    lines.push(
      input.scope === DIGEST_MAIL_KIND
        ? t("mail.footer.digestUnsubscribe", { url: input.unsubscribeUrl })
        : t("mail.footer.unsubscribe", { kind: t(mailKindLabel(input.scope)), url: input.unsubscribeUrl }),
      t("mail.footer.preferences", { url: input.preferencesUrl }),
    );
  } else {
    lines.push(t("mail.footer.noLink"));
  }
  return lines.join("\n");
}
