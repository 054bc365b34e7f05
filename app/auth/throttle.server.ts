import { sha256 } from "@oslojs/crypto/sha2";
import { encodeHexLowerCase } from "@oslojs/encoding";
import { RateLimiterPostgres } from "rate-limiter-flexible";
import { pool } from "../../db/client.server";

/**
 * Sign-in throttling after OWASP (Authentication and Credential Stuffing cheat sheets, "Slow down
 * online guessing attacks with device cookies"); the reasoning is in docs/decisions/008.
 *
 * Failures are counted on three keys, each with its own growing wait (exponential backoff, capped):
 * - account × client, where the client is the browser's trusted-device token when it holds one
 *   for this account, otherwise the address;
 * - the account, over all clients (many addresses guessing one account);
 * - the address, over all accounts (one address trying many accounts).
 *
 * The waits only ever hold back a client that has itself failed on this account: a client with no
 * failures of its own is always heard, so the owner's right password is never refused because
 * someone else failed — not from another address, and not from the same one (behind a shared
 * address, or without TRUST_PROXY where every client is the proxy) when the owner's browser holds
 * its device cookie. A trusted device is held back only by its own failures. A refused attempt is
 * refused before its password is checked, so it tells the guesser nothing.
 */
const WINDOW_SECONDS = 24 * 60 * 60;
const BASE_WAIT_SECONDS = 5;
const MAX_WAIT_SECONDS = 15 * 60;

/** Failures allowed before each key's waits start. */
const FREE_FAILURES = { client: 3, account: 10, address: 30 } as const;
type Scope = keyof typeof FREE_FAILURES;

export interface SignInClient {
  /** A trusted device's id (the hash of its cookie token), or the client's address. */
  kind: "device" | "address";
  id: string;
}

function store(keyPrefix: string, points: number) {
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

// Counts: never "full" (a failure is always counted); the window starts at the first failure.
const failures = store("sign-in-failures", 1_000_000_000);
// Waits: a key is blocked for the wait set after its latest failure.
const waits = store("sign-in-wait", 1);

/** The wait after the n-th failure on a key: none for the free ones, then 5 s, 10 s, 20 s … 15 min. */
export function waitAfterFailures(count: number, scope: Scope) {
  const over = count - FREE_FAILURES[scope];
  if (over <= 0) return 0;
  return Math.min(MAX_WAIT_SECONDS, BASE_WAIT_SECONDS * 2 ** (over - 1));
}

// Hashed: keys stay short whatever was typed, and the table holds no e-mail addresses.
const hashed = (text: string) => encodeHexLowerCase(sha256(new TextEncoder().encode(text)));

function keysOf(email: string, client: SignInClient, address: string) {
  const account = email.trim().toLowerCase();
  return {
    client: hashed(`client\u0000${account}\u0000${client.kind}\u0000${client.id}`),
    account: hashed(`account\u0000${account}`),
    address: hashed(`address\u0000${address || "unknown"}`),
  };
}

async function secondsLeft(key: string) {
  const res = await waits.get(key);
  return res && res.consumedPoints > 1 ? Math.ceil(res.msBeforeNext / 1000) : 0;
}

/**
 * Seconds the client must wait before this attempt is checked, or 0 when it may be checked.
 * Only a client that has itself failed on the account ever waits.
 */
export async function signInWaitSeconds(input: { email: string; client: SignInClient; address: string }) {
  const keys = keysOf(input.email, input.client, input.address);
  const own = await failures.get(keys.client);
  if (!own || own.consumedPoints === 0) return 0;
  // The shared waits (account, address) are for untrusted clients; a trusted device answers
  // only for its own failures, which is what keeps the owner's browser usable under attack.
  const scopes = input.client.kind === "device" ? [keys.client] : [keys.client, keys.account, keys.address];
  return Math.max(...(await Promise.all(scopes.map(secondsLeft))));
}

/** Counts a failed sign-in on every key and starts each key's wait. Returns the client's own wait. */
export async function recordFailedSignIn(input: { email: string; client: SignInClient; address: string }) {
  const keys = keysOf(input.email, input.client, input.address);
  const counted = await Promise.all(
    (["client", "account", "address"] as const).map(async (scope) => {
      const res = await failures.consume(keys[scope]);
      const wait = waitAfterFailures(res.consumedPoints, scope);
      if (wait > 0) await waits.block(keys[scope], wait);
      return wait;
    }),
  );
  return counted[0];
}

/**
 * After a successful sign-in the client's own count starts over. The account's and the address's
 * counts stay: someone else's attack goes on whether or not the owner signed in.
 */
export async function clearFailedSignIns(input: { email: string; client: SignInClient; address: string }) {
  const keys = keysOf(input.email, input.client, input.address);
  await Promise.all([failures.delete(keys.client), waits.delete(keys.client)]);
}

const signUps = new RateLimiterPostgres({
  storeClient: pool,
  storeType: "pool",
  tableName: "rate_limits",
  tableCreated: true,
  keyPrefix: "sign-up-address",
  points: 20,
  duration: 60 * 60,
});

/**
 * Counts a sign-up from the address (whether or not the e-mail was new, so the limit tells
 * nothing). Returns 0 when allowed, or the minutes to wait.
 */
export async function consumeSignUp(address: string): Promise<number> {
  try {
    await signUps.consume(hashed(`address\u0000${address || "unknown"}`));
    return 0;
  } catch (rejection) {
    if (rejection && typeof rejection === "object" && "msBeforeNext" in rejection) {
      return Math.max(1, Math.ceil((rejection as { msBeforeNext: number }).msBeforeNext / 60_000));
    }
    throw rejection;
  }
}
