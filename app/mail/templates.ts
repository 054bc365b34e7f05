import type { Locale } from "../../db/schema";
import { translate } from "../i18n/messages";
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
