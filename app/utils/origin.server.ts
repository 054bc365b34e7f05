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
  return process.env.PUBLIC_URL ? new URL(process.env.PUBLIC_URL).origin : new URL(request.url).origin;
}

let warned = false;

export function mailOrigin(): string | null {
  if (process.env.PUBLIC_URL) return new URL(process.env.PUBLIC_URL).origin;
  if (process.env.NODE_ENV !== "production") return `http://localhost:${process.env.PORT || 3000}`;
  if (!warned || process.env.VITEST) {
    warned = true;
    console.warn("PUBLIC_URL is not set: links are left out of e-mail (sign-up confirmation included). Set PUBLIC_URL to the portal's public address.");
  }
  return null;
}
