import { config, type Config } from "../../db/config.server";

/**
 * The portal's own origin, in one place (docs/decisions/008).
 *
 * `portalOrigin(request)`: the origin the browser sees, for the CSRF check and absolute URLs in
 * responses to that same request — PUBLIC_URL behind a proxy, else the address it was reached at.
 *
 * `mailOrigin()`: the origin for links in e-mail, which must never come from the request: the
 * Host header is the sender's to choose, and a mail "someone used your address" pointing at the
 * sender's site is phishing signed by us. PUBLIC_URL only; in development (NODE_ENV not
 * "production") the local server `http://localhost:$PORT`; in production without PUBLIC_URL,
 * null — mail goes out without the link and a warning is logged.
 */
export function portalOrigin(request: Request) {
  return config().publicOrigin ?? new URL(request.url).origin;
}

// Once per settings: a process warns once, and a test that changes the environment is warned again.
let warnedFor: Config | null = null;

export function mailOrigin(): string | null {
  const settings = config();
  if (settings.publicOrigin) return settings.publicOrigin;
  if (!settings.production) return `http://localhost:${settings.port}`;
  if (warnedFor !== settings) {
    warnedFor = settings;
    console.warn(
      "PUBLIC_URL is not set: links are left out of e-mail (sign-up confirmation included). Set PUBLIC_URL to the portal's public address.",
    );
  }
  return null;
}
