import { RateLimiterPostgres } from "rate-limiter-flexible";
import { pool } from "../../db/client.server";

/**
 * Failed sign-ins are counted per account and per client in PostgreSQL (so the count holds
 * across restarts and processes). Reaching either limit blocks sign-in for the window.
 */
const WINDOW_SECONDS = 15 * 60;

function limiter(keyPrefix: string, points: number) {
  return new RateLimiterPostgres({
    storeClient: pool,
    storeType: "pool",
    tableName: "rate_limits",
    tableCreated: true,
    keyPrefix,
    points,
    duration: WINDOW_SECONDS,
  });
}

const perAccount = limiter("sign-in-account", 5);
const perClient = limiter("sign-in-client", 30);

function keys(email: string, clientAddress: string) {
  return { account: email.trim().toLowerCase(), client: clientAddress || "unknown" };
}

/** Minutes left of a block, or 0 when the sign-in may be tried. */
export async function signInBlockedMinutes(email: string, clientAddress: string) {
  const k = keys(email, clientAddress);
  const [account, client] = await Promise.all([perAccount.get(k.account), perClient.get(k.client)]);
  const blocked = [account, client].filter((res) => res !== null && res.remainingPoints <= 0);
  if (blocked.length === 0) return 0;
  const ms = Math.max(...blocked.map((res) => res!.msBeforeNext));
  return Math.max(1, Math.ceil(ms / 60_000));
}

export async function recordFailedSignIn(email: string, clientAddress: string) {
  const k = keys(email, clientAddress);
  // consume() rejects once the points are used up; the block itself is what we want.
  await Promise.allSettled([perAccount.consume(k.account), perClient.consume(k.client)]);
}

export async function clearFailedSignIns(email: string) {
  await perAccount.delete(keys(email, "").account);
}
