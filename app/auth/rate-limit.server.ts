import { RateLimiterPostgres, RateLimiterRes } from "rate-limiter-flexible";
import { pool } from "../../db/client.server";

/**
 * Per-user limits on what a signed-in user writes, so one account cannot flood the register.
 * Counted in PostgreSQL (the same table as sign-in throttling), so limits hold across processes.
 */
const limits = {
  request: { points: 10, duration: 60 * 60 },
  comment: { points: 30, duration: 60 * 60 },
  vote: { points: 120, duration: 60 * 60 },
  follow: { points: 120, duration: 60 * 60 },
} as const;

export type LimitedAction = keyof typeof limits;

const limiters = Object.fromEntries(
  Object.entries(limits).map(([action, { points, duration }]) => [
    action,
    new RateLimiterPostgres({
      storeClient: pool,
      storeType: "pool",
      tableName: "rate_limits",
      tableCreated: true,
      keyPrefix: `user-${action}`,
      points,
      duration,
    }),
  ]),
) as Record<LimitedAction, RateLimiterPostgres>;

/**
 * Counts one `action` by the user. Returns 0 when allowed, or the minutes to wait when the user
 * has reached the limit (then nothing should be written).
 */
export async function consumeUserLimit(action: LimitedAction, userId: string): Promise<number> {
  try {
    await limiters[action].consume(userId);
    return 0;
  } catch (rejection) {
    if (rejection instanceof RateLimiterRes) return Math.max(1, Math.ceil(rejection.msBeforeNext / 60_000));
    throw rejection;
  }
}
