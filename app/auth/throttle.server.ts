import ipaddr from "ipaddr.js";
import { releaseSignInAttempt, reserveSignInAttempt, type Reservation } from "../models/sign-in-throttle.server";
import { createRateLimit } from "./rate-limit.server";
import { hashToken } from "./token.server";

/**
 * Sign-in throttling after OWASP (Authentication and Credential Stuffing cheat sheets, "Slow down
 * online guessing attacks with device cookies"); the reasoning is in docs/decisions/008.
 *
 * Failures are counted on three keys, each with its own growing wait (exponential backoff, capped):
 * - account × client, where the client is the browser's trusted-device token when it holds one
 *   for this account, otherwise the address;
 * - the account, over all clients (many addresses guessing one account);
 * - the address, over all accounts (one address trying one password on many accounts).
 *
 * A browser trusted for the account (its device cookie) waits only for its own failures: others'
 * failures never refuse the owner's own browser the right password, even at an address everyone
 * shares (an office, or every client behind a proxy without TRUST_PROXY). Every other client
 * waits for all three keys, whether or not it failed itself — only the device cookie exempts.
 * Each attempt is checked and counted before its password is verified (given back if it was
 * right), so parallel requests cannot outrun the waits, and a refused attempt tells nothing.
 */
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

/** The wait after the n-th failure on a key: none for the free ones, then 5 s, 10 s, 20 s … 15 min. */
export function waitAfterFailures(count: number, scope: Scope) {
  const over = count - FREE_FAILURES[scope];
  if (over <= 0) return 0;
  return Math.min(MAX_WAIT_SECONDS, BASE_WAIT_SECONDS * 2 ** (over - 1));
}

/**
 * The address as limits count it: an IPv4 address as it is (an IPv4-mapped IPv6 address as its
 * IPv4), an IPv6 address by its /64 — one household or host gets a whole /64 and can pick any
 * address in it, so counting single IPv6 addresses would count nothing.
 */
export function addressKey(address: string) {
  const text = address
    .trim()
    .replace(/^\[|\]$/g, "")
    .replace(/%.*$/, "");
  if (!ipaddr.isValid(text)) return text || "unknown";
  const parsed = ipaddr.process(text);
  if (parsed.kind() === "ipv4") return parsed.toString();
  const parts = (parsed as ipaddr.IPv6).parts.slice(0, 4).map((part) => part.toString(16));
  return `${parts.join(":")}::/64`;
}

export interface SignInAttempt {
  email: string;
  client: SignInClient;
  address: string;
}

// Hashed: keys stay short whatever was typed, and the table holds no e-mail addresses.
function keysOf(input: SignInAttempt) {
  const account = input.email.trim().toLowerCase();
  const address = addressKey(input.address);
  const clientId = input.client.kind === "address" ? address : input.client.id;
  return {
    client: hashToken(`client\u0000${account}\u0000${input.client.kind}\u0000${clientId}`),
    account: hashToken(`account\u0000${account}`),
    address: hashToken(`address\u0000${address}`),
  };
}

function throttleKeys(input: SignInAttempt, gate: boolean) {
  const keys = keysOf(input);
  const trusted = input.client.kind === "device";
  return (["client", "account", "address"] as const).map((scope) => ({
    key: keys[scope],
    gating: gate && (scope === "client" || !trusted),
    waitAfter: (failures: number) => waitAfterFailures(failures, scope),
  }));
}

export type SignInTicket = { ok: true; reservation: Reservation; clientKey: string } | { ok: false; seconds: number };

/**
 * Before the password is verified: either the seconds this client must wait, or a ticket — the
 * attempt already counted as a failure on every key. A right password gives it back
 * (`signInSucceeded`); a wrong one needs nothing more.
 */
export async function reserveSignIn(input: SignInAttempt): Promise<SignInTicket> {
  const result = await reserveSignInAttempt(throttleKeys(input, true));
  if ("waitSeconds" in result) return { ok: false, seconds: result.waitSeconds };
  return { ok: true, reservation: result.reservation, clientKey: keysOf(input).client };
}

/**
 * After the right password: the client's own count starts over, and the account's and address's
 * get this attempt back. Their earlier failures stay: someone else's attack goes on.
 */
export async function signInSucceeded(ticket: Extract<SignInTicket, { ok: true }>) {
  await releaseSignInAttempt({ reservation: ticket.reservation, forget: [ticket.clientKey] });
}

/** Counts a failed sign-in on every key without checking any wait (for tests and imports). */
export async function recordFailedSignIn(input: SignInAttempt) {
  await reserveSignInAttempt(throttleKeys(input, false));
}

/**
 * Generous on purpose (ADR 008): a municipality's office reaches the portal through one NAT
 * address, and a course where a room full of staff sign up at once must get through. What stops
 * scripted mass sign-up is the e-mail confirmation (no account without a mailbox that answers),
 * this cap on what one address makes the portal send, and the caps per recipient in user.server.ts.
 */
export const SIGN_UPS_PER_ADDRESS_PER_HOUR = 100;

const signUps = createRateLimit({ name: "sign-up-address-64", points: SIGN_UPS_PER_ADDRESS_PER_HOUR, durationSeconds: 60 * 60 });

/**
 * Counts a sign-up from the address (whether or not the e-mail was new, so the limit tells
 * nothing). Returns 0 when allowed, or the minutes to wait.
 */
export function consumeSignUp(address: string): Promise<number> {
  return signUps.consume(hashToken(`address\u0000${addressKey(address)}`));
}
