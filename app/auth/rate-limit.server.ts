import { RateLimiterMemory, RateLimiterPostgres, RateLimiterRes } from "rate-limiter-flexible";
import { pool } from "../../db/client.server";

/**
 * Every rate limit of the portal is made here (docs/decisions/014): counted in PostgreSQL (the
 * `rate_limits` table, which sign-in throttling shares), so limits hold across processes and
 * restarts; or, for a high-volume read limit that guards this process's own work, in its memory
 * (ADR 046), so a request does not wait for a write. Sign-in throttling is not a limit of this
 * kind: its waits grow with each failure and an attempt is given back when the password was right
 * (throttle.server.ts).
 */
export interface RateLimit {
  /** Counts one use by `key`. Returns 0 when allowed, or the whole minutes to wait (at least 1). */
  consume(key: string): Promise<number>;
  /** As consume, in whole seconds (at least 1): an HTTP Retry-After (the public API, ADR 037). */
  consumeSeconds(key: string): Promise<number>;
}

export function createRateLimit(options: {
  /** The counts' key prefix in `rate_limits`: renaming it starts every count over. */
  name: string;
  points: number;
  durationSeconds: number;
  /**
   * Where the counts live. `postgres` (the default): shared by every process and kept over
   * restarts, at one write per use — for what people write and for sign-ups. `memory`: this
   * process's own count, lost at restart, no database work — only for a read limit whose purpose
   * is to keep one address from taking this process's CPU (the public API's, ADR 046).
   */
  store?: "postgres" | "memory";
}): RateLimit {
  const limits = { keyPrefix: options.name, points: options.points, duration: options.durationSeconds };
  const limiter =
    options.store === "memory"
      ? new RateLimiterMemory(limits)
      : new RateLimiterPostgres({ storeClient: pool, storeType: "pool", tableName: "rate_limits", tableCreated: true, ...limits });
  const msToWait = async (key: string) => {
    try {
      await limiter.consume(key);
      return 0;
    } catch (rejection) {
      if (rejection instanceof RateLimiterRes) return Math.max(1, rejection.msBeforeNext);
      throw rejection;
    }
  };
  return {
    consume: async (key) => {
      const ms = await msToWait(key);
      return ms === 0 ? 0 : Math.max(1, Math.ceil(ms / 60_000));
    },
    consumeSeconds: async (key) => {
      const ms = await msToWait(key);
      return ms === 0 ? 0 : Math.max(1, Math.ceil(ms / 1000));
    },
  };
}

/**
 * Per-user limits on what a signed-in user writes, so one account cannot flood the register.
 */
const userLimits = {
  request: createRateLimit({ name: "user-request", points: 10, durationSeconds: 60 * 60 }),
  comment: createRateLimit({ name: "user-comment", points: 30, durationSeconds: 60 * 60 }),
  vote: createRateLimit({ name: "user-vote", points: 120, durationSeconds: 60 * 60 }),
  follow: createRateLimit({ name: "user-follow", points: 120, durationSeconds: 60 * 60 }),
  // Reports of inappropriate content (issue 13): enough for a reader who finds a spam wave, not for a flood of the queue.
  report: createRateLimit({ name: "user-report", points: 20, durationSeconds: 60 * 60 }),
} as const;

export type LimitedAction = keyof typeof userLimits;

/**
 * Counts one `action` by the user. Returns 0 when allowed, or the minutes to wait when the user
 * has reached the limit (then nothing should be written).
 */
export function consumeUserLimit(action: LimitedAction, userId: string): Promise<number> {
  return userLimits[action].consume(userId);
}
