import { createHmac, timingSafeEqual } from "node:crypto";
import { isUnsubscribeScope, UNSUBSCRIBE_LINK_DAYS, type UnsubscribeScope } from "../domain/mail";
import { isUuid } from "../../db/uuid";

/**
 * The token of a one-click unsubscribe link (RFC 8058, ADR 021): whom it is for, what it switches
 * off and the day it was made, in the clear, and an HMAC-SHA256 of those under the portal's key.
 * Anyone holding the mail may use it without signing in (that is the point); nobody can make one
 * for another user or another kind, or stretch its 90 days, without the key.
 *
 *   v1.<user id>.<scope>.<day issued, days since 1970-01-01>.<base64url HMAC>
 */

const VERSION = "v1";
const DAY_MS = 24 * 60 * 60 * 1000;

export interface UnsubscribeClaim {
  userId: string;
  scope: UnsubscribeScope;
}

export type ReadToken = ({ ok: true } & UnsubscribeClaim) | { ok: false; reason: "invalid" | "expired" };

function dayOf(date: Date) {
  return Math.floor(date.getTime() / DAY_MS);
}

function signature(secret: string, payload: string) {
  // The purpose is signed too, so a key reused for something else never yields a valid link.
  return createHmac("sha256", secret).update(`unsubscribe:${payload}`).digest("base64url");
}

export function signUnsubscribeToken(secret: string, claim: UnsubscribeClaim, issuedAt: Date = new Date()) {
  const payload = [VERSION, claim.userId, claim.scope, String(dayOf(issuedAt))].join(".");
  return `${payload}.${signature(secret, payload)}`;
}

/** The claim of a token this key made and whose 90 days have not passed; otherwise why not. */
export function readUnsubscribeToken(secret: string, token: string, now: Date = new Date()): ReadToken {
  const parts = token.split(".");
  if (parts.length !== 5) return { ok: false, reason: "invalid" };
  const [version, userId, scope, day, mac] = parts;
  if (version !== VERSION || !isUuid(userId) || !isUnsubscribeScope(scope) || !/^\d{1,7}$/.test(day))
    return { ok: false, reason: "invalid" };
  const expected = Buffer.from(signature(secret, parts.slice(0, 4).join(".")));
  const given = Buffer.from(mac);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: "invalid" };
  const age = dayOf(now) - Number(day);
  // A day ahead is a clock between two servers; more is not a token this portal made.
  if (age < -1) return { ok: false, reason: "invalid" };
  if (age > UNSUBSCRIBE_LINK_DAYS) return { ok: false, reason: "expired" };
  return { ok: true, userId, scope };
}
