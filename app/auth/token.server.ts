import { sha256 } from "@oslojs/crypto/sha2";
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from "@oslojs/encoding";

/**
 * The random tokens behind sessions, trusted devices and sign-up links (Lucia's guide): 20 random
 * bytes as lower-case base32 in the cookie or link, and only their SHA-256 in the database, so a
 * leaked table cannot be replayed.
 */
export function newToken() {
  const bytes = new Uint8Array(20);
  crypto.getRandomValues(bytes);
  return encodeBase32LowerCaseNoPadding(bytes);
}

/** SHA-256 as hex: a token's stored id, or any key that must stay short and hold no readable text. */
export function hashToken(text: string) {
  return encodeHexLowerCase(sha256(new TextEncoder().encode(text)));
}

/** The shape newToken gives; anything else from a cookie or an address is not ours. */
export function isToken(value: unknown): value is string {
  return typeof value === "string" && /^[a-z2-7]{32}$/.test(value);
}
