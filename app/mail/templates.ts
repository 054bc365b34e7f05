import type { Locale } from "../../db/schema";
import { translate } from "../i18n/messages";
import type { OutgoingMail } from "../models/mail.server";

/** Mail texts come from the message catalogue, in the recipient's own language. */
export function signUpExistingMail(input: { to: string; name: string; locale: Locale; portalUrl: string }): OutgoingMail {
  return {
    to: input.to,
    subject: translate(input.locale, "mail.signUpExisting.subject"),
    text: translate(input.locale, "mail.signUpExisting.text", {
      name: input.name,
      loginUrl: new URL("/login", input.portalUrl).href,
    }),
  };
}
