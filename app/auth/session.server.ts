import { createCookie } from "@remix-run/node";
import { config } from "../../db/config.server";
import { createSession, deleteOtherUserSessions, deleteSession, getSessionWithUser, updateSessionExpiry } from "../models/session.server";
import { readDeviceToken } from "./device.server";
import { hashToken, newToken } from "./token.server";

/**
 * Sessions after Lucia's guide: the cookie holds a random token; the database holds only the
 * SHA-256 of it, so a leaked sessions table cannot be replayed. Sessions last 30 days and are
 * renewed when used in their second half.
 */
const SESSION_LIFETIME_MS = 30 * 24 * 60 * 60 * 1000;

export const sessionCookie = createCookie("fraga_session", {
  httpOnly: true,
  sameSite: "lax",
  secure: config().secureCookies,
  path: "/",
  maxAge: SESSION_LIFETIME_MS / 1000,
});

export type SessionUser = NonNullable<Awaited<ReturnType<typeof getSessionWithUser>>>;

/** Starts a session and returns the Set-Cookie header value for it. */
export async function startSession(userId: string) {
  const token = newToken();
  await createSession({ id: hashToken(token), userId, expiresAt: new Date(Date.now() + SESSION_LIFETIME_MS) });
  return sessionCookie.serialize(token);
}

async function tokenFrom(request: Request): Promise<string | null> {
  const token = await sessionCookie.parse(request.headers.get("Cookie"));
  return typeof token === "string" && /^[a-z2-7]{32}$/.test(token) ? token : null;
}

/** The signed-in user of the request, or null. Expired sessions are deleted on sight. */
export async function getSessionUser(request: Request): Promise<SessionUser | null> {
  const token = await tokenFrom(request);
  if (!token) return null;
  const session = await getSessionWithUser(hashToken(token));
  if (!session) return null;
  const now = Date.now();
  const expiresAt = new Date(session.expiresAt).getTime();
  if (now >= expiresAt) {
    await deleteSession(session.sessionId);
    return null;
  }
  if (now >= expiresAt - SESSION_LIFETIME_MS / 2) {
    await updateSessionExpiry(session.sessionId, new Date(now + SESSION_LIFETIME_MS));
  }
  return session;
}

/** Ends the request's session; returns the Set-Cookie header that clears the cookie. */
export async function endSession(request: Request) {
  const token = await tokenFrom(request);
  if (token) await deleteSession(hashToken(token));
  return sessionCookie.serialize("", { maxAge: 0 });
}

/**
 * Ends every session of the user except the request's own ("sign out on all other devices"), and
 * every trusted device but this browser's.
 */
export async function endOtherSessions(request: Request, userId: string) {
  const token = await tokenFrom(request);
  const device = await readDeviceToken(request);
  // No token here means no session to keep: every session ends.
  return deleteOtherUserSessions({
    userId,
    keepSessionId: token ? hashToken(token) : "",
    keepDeviceId: device ? hashToken(device) : null,
  });
}
