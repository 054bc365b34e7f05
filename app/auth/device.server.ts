import { sha256 } from "@oslojs/crypto/sha2";
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from "@oslojs/encoding";
import { createCookie } from "@remix-run/node";
import { config } from "../../db/config.server";
import { trustDevice } from "../models/trusted-device.server";

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

export function deviceIdOf(token: string) {
  return encodeHexLowerCase(sha256(new TextEncoder().encode(token)));
}

export function newDeviceToken() {
  const bytes = new Uint8Array(20);
  crypto.getRandomValues(bytes);
  return encodeBase32LowerCaseNoPadding(bytes);
}

export async function readDeviceToken(request: Request): Promise<string | null> {
  const token = await deviceCookie.parse(request.headers.get("Cookie"));
  return typeof token === "string" && /^[a-z2-7]{32}$/.test(token) ? token : null;
}

/**
 * After a password change every trusted device is gone (updateUserPassword): this browser, which
 * just proved the new password, is trusted again under a fresh token. Returns its Set-Cookie.
 */
export async function trustThisBrowserAgain(userId: string) {
  const token = newDeviceToken();
  await trustDevice({ deviceId: deviceIdOf(token), userId });
  return deviceCookie.serialize(token);
}
