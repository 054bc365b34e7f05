/**
 * The wait before the next attempt of an outbox row that failed (the search outbox's refused
 * documents, the mail outbox's refused mail): `baseMs` after the first failure, doubled after
 * each, never more than `maxMs`. In db/ because both app/ and search/ may import it.
 */
export function backoffMs(input: { attempts: number; baseMs: number; maxMs: number }) {
  // 2 ** attempts overflows to Infinity long before it matters; the cap holds either way.
  return Math.min(input.maxMs, input.baseMs * 2 ** Math.max(0, input.attempts - 1));
}
