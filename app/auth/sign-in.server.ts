import { getUserCredentialsByEmail } from "../models/user.server";
import { useTrustedDevice } from "../models/trusted-device.server";
import { readDeviceToken, trustBrowser } from "./device.server";
import { verifyAgainstDummy, verifyPassword } from "./password.server";
import { startSession } from "./session.server";
import { reserveSignIn, signInSucceeded, type SignInClient } from "./throttle.server";
import { hashToken } from "./token.server";

export type SignInResult =
  | { ok: true; userId: string; setCookies: string[] }
  | { ok: false; reason: "invalid" }
  /** Held back before the password was checked (docs/decisions/008); seconds to wait. */
  | { ok: false; reason: "wait"; seconds: number };

/**
 * One sign-in attempt: throttled per docs/decisions/008, verified, and on success a session and
 * the browser's device cookie. Unknown e-mails go through the same steps (and the same argon2
 * cost), so neither the answer nor its timing tells whether an account exists.
 */
export async function attemptSignIn(input: {
  request: Request;
  email: string;
  password: string;
  clientAddress: string;
}): Promise<SignInResult> {
  const credentials = await getUserCredentialsByEmail(input.email);
  const token = await readDeviceToken(input.request);
  const trusted =
    token !== null && credentials !== undefined && (await useTrustedDevice({ deviceId: hashToken(token), userId: credentials.id }));
  const client: SignInClient = trusted && token ? { kind: "device", id: hashToken(token) } : { kind: "address", id: input.clientAddress };
  const attempt = { email: input.email, client, address: input.clientAddress };

  // Counted before the password is verified, so parallel attempts cannot all pass one check.
  const ticket = await reserveSignIn(attempt);
  if (!ticket.ok) return { ok: false, reason: "wait", seconds: ticket.seconds };

  const valid = credentials ? await verifyPassword(credentials.passwordHash, input.password) : await verifyAgainstDummy(input.password);
  if (!credentials || !valid) return { ok: false, reason: "invalid" };
  await signInSucceeded(ticket);
  return {
    ok: true,
    userId: credentials.id,
    setCookies: [await startSession(credentials.id), await trustBrowser(credentials.id, token)],
  };
}
