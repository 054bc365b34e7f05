import { createCookie } from "@remix-run/node";
import { config } from "../../db/config.server";
import { trustDevice } from "../models/trusted-device.server";
import { hashToken, isToken, newToken } from "./token.server";

/**
 * OWASP's device cookie: a random token the browser gets after signing in with the right
 * password. Sign-in attempts that bring it are counted apart from everyone else's (see
 * throttle.server.ts), so failures by others never slow the owner's own browser. Only the
 * token's SHA-256 is stored (trusted_devices); signing out keeps it, as it proves no session.
 * The trust expires (a year after last use) and is taken away by a password change and by
 * "sign out on all other devices" (docs/decisions/008).
 */
const DEVICE_LIFETIME_SECONDS = 365 * 24 * 60 * 60;

export const deviceCookie = createCookie("fraga_device", {
  httpOnly: true,
  sameSite: "lax",
  secure: config().secureCookies,
  path: "/",
  maxAge: DEVICE_LIFETIME_SECONDS,
});

export async function readDeviceToken(request: Request): Promise<string | null> {
  const token = await deviceCookie.parse(request.headers.get("Cookie"));
  return isToken(token) ? token : null;
}

/**
 * Trusts this browser for the account, under the device token it already has or a fresh one, and
 * returns the device cookie's Set-Cookie. After a password change every trusted device is gone
 * (updateUserPassword), so the browser that proved the new password passes no token: a fresh one.
 */
export async function trustBrowser(userId: string, token: string | null = null) {
  const deviceToken = token ?? newToken();
  await trustDevice({ deviceId: hashToken(deviceToken), userId });
  return deviceCookie.serialize(deviceToken);
}
