import type { Locale } from "../../db/schema";
import type { RequestStatus } from "../domain/requests";
import type { TaskStatus } from "../domain/tasks";
import { translate, type MessageKey } from "../i18n/messages";
import { requestStatusLabel, taskStatusLabel } from "../i18n/status.messages";
import type { OutgoingMail } from "../models/mail.server";
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
  name: string;
  locale: Locale;
  requestNumber: number;
  requestTitle: string;
  organisationName: string;
  taskStatus: TaskStatus;
  text: string | null;
  requestStatus: RequestStatus | null;
  portalUrl: string | null;
}): OutgoingMail {
  const t = (key: MessageKey, params: Record<string, string | number> = {}) => translate(input.locale, key, params);
  const lines = [
    t("mail.taskChange.text", {
      name: input.name,
      organisation: input.organisationName,
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
    kind: "task_change",
    subject: t("mail.taskChange.subject", { organisation: input.organisationName, number: input.requestNumber }),
    text: lines.join("\n"),
  };
}

/** A coordinator closed a request; to the requester and followers. */
export function requestClosedMail(input: {
  to: string;
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
  return {
    to: input.to,
    kind: "request_closed",
    subject: t("mail.requestClosed.subject", { number: input.requestNumber }),
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
      t("mail.taskReminder.text", {
        name: input.name,
        organisation: input.organisationName,
        title: input.requestTitle,
        date,
        days: input.workingDaysLeft,
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
