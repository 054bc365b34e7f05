/**
 * The longest address the portal stores, in UTF-8 bytes: addresses are unique in b-tree indexes
 * (a task's pending dataset link, a specification, a catalogue source), whose entries PostgreSQL
 * holds up to about 2,700 bytes, and 2,000 characters of other scripts than Latin take up to 6,000.
 */
export const MAX_URL_BYTES = 2_000;

export function isStorableUrlLength(value: string): boolean {
  return new TextEncoder().encode(value).length <= MAX_URL_BYTES;
}

/** An absolute http(s) address with a host, short enough to store: what a dataset link or a link answer may be. */
export function isHttpUrl(value: string): boolean {
  if (!isStorableUrlLength(value)) return false;
  try {
    const url = new URL(value);
    return (url.protocol === "https:" || url.protocol === "http:") && url.hostname !== "";
  } catch {
    return false;
  }
}
