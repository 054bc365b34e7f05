import { config } from "../../db/config.server";
import type { Locale } from "../../db/schema";
import { confirmSignUp, getPendingSignUp, requestSignUp } from "../models/user.server";
import { mailOrigin } from "../utils/origin.server";
import { readDeviceToken, trustBrowser } from "./device.server";
import { hashPassword } from "./password.server";
import { startSession } from "./session.server";
import { hashToken, isToken, newToken } from "./token.server";

/**
 * Sign-up by e-mail confirmation (docs/decisions/008): the form's answer is the same for a new and
 * a known address (no account, no session yet); the account is made by a single-use link mailed
 * to the address. Like session tokens, only the SHA-256 of the link's token is stored.
 */
export async function startSignUp(input: { name: string; email: string; password: string; locale: Locale }) {
  const token = newToken();
  const origin = mailOrigin();
  const confirmUrl = origin ? new URL(`/signup/confirm/${token}`, origin).href : null;
  // Hashed for both kinds of address, so the answer takes as long either way.
  const passwordHash = await hashPassword(input.password);
  const { confirmationSent } = await requestSignUp({
    name: input.name,
    email: input.email,
    passwordHash,
    locale: input.locale,
    confirmationId: hashToken(token),
    confirmUrl,
    loginOrigin: origin,
  });
  // Without SMTP_URL mail only waits in the outbox (admins read it at /admin/mail); on a
  // developer's machine the link is printed too, so the demo can be signed up to at once.
  if (confirmationSent && confirmUrl && !config().smtpUrl && !config().production) {
    console.info(`Sign-up link for ${input.email.trim().toLowerCase()} (no SMTP_URL; development only): ${confirmUrl}`);
  }
}

/** The address a link would create an account for, while it is valid and unused. */
export async function pendingSignUpEmail(token: string) {
  if (!isToken(token)) return undefined;
  return (await getPendingSignUp(hashToken(token)))?.email;
}

/**
 * Uses the link: the account, a session, and this browser trusted for the account (it proved the
 * mailbox, which is what a password reset would prove). Null when the link is used or expired.
 */
export async function finishSignUp(request: Request, token: string): Promise<{ setCookies: string[] } | null> {
  if (!isToken(token)) return null;
  const user = await confirmSignUp(hashToken(token));
  if (!user) return null;
  return { setCookies: [await startSession(user.id), await trustBrowser(user.id, await readDeviceToken(request))] };
}
