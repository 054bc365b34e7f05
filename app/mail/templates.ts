import type { Locale } from "../../db/schema";
import type { RequestStatus } from "../domain/requests";
import type { TaskStatus } from "../domain/tasks";
import { translate, type MessageKey } from "../i18n/messages";
import { requestStatusLabel, taskStatusLabel } from "../i18n/status.messages";
import type { OutgoingMail } from "../models/mail.server";

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
