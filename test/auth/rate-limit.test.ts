import path from "node:path";
import { describe, expect, it, vi } from "vitest";
import { db } from "../../db/client.server";
import { consumeUserLimit, createRateLimit } from "../../app/auth/rate-limit.server";
import { consumeSignUp, SIGN_UPS_PER_ADDRESS_PER_HOUR } from "../../app/auth/throttle.server";
import { readSource, sourceFiles } from "../support/sources";

describe("createRateLimit", () => {
  it("allows `points` uses per key, then tells the whole minutes to wait; other keys and limits go on", async () => {
    const limit = createRateLimit({ name: "test-three-a-day", points: 3, durationSeconds: 24 * 60 * 60 });
    expect([await limit.consume("anna"), await limit.consume("anna"), await limit.consume("anna")]).toEqual([0, 0, 0]);
    const wait = await limit.consume("anna");
    expect(wait).toBeGreaterThan(23 * 60);
    expect(wait).toBeLessThanOrEqual(24 * 60);
    expect(await limit.consume("bertil")).toBe(0);
    const other = createRateLimit({ name: "test-other", points: 1, durationSeconds: 60 });
    expect(await other.consume("anna")).toBe(0);
    // A wait under a minute is still said as one minute, never "0 minutes".
    expect(await other.consume("anna")).toBe(1);
  });

  it("counts in PostgreSQL under its name, so every process shares the count", async () => {
    const limit = createRateLimit({ name: "test-shared", points: 2, durationSeconds: 60 });
    await limit.consume("cecilia");
    const again = createRateLimit({ name: "test-shared", points: 2, durationSeconds: 60 });
    expect(await again.consume("cecilia")).toBe(0);
    expect(await again.consume("cecilia")).toBe(1);
    const rows = await db.selectFrom("rate_limits").select("key").where("key", "like", "test-shared%").execute();
    expect(rows.map((row) => row.key)).toEqual(["test-shared:cecilia"]);
  });

  it("counts in this process's memory when asked (ADR 046): no row, and another instance starts its own count", async () => {
    const limit = createRateLimit({ name: "test-memory", points: 2, durationSeconds: 60, store: "memory" });
    expect([await limit.consumeSeconds("david"), await limit.consumeSeconds("david")]).toEqual([0, 0]);
    const wait = await limit.consumeSeconds("david");
    expect(wait).toBeGreaterThanOrEqual(1);
    expect(wait).toBeLessThanOrEqual(60);
    expect(await limit.consume("david")).toBe(1);
    expect(await limit.consumeSeconds("erik")).toBe(0);
    const other = createRateLimit({ name: "test-memory", points: 2, durationSeconds: 60, store: "memory" });
    expect(await other.consumeSeconds("david")).toBe(0);
    expect(await db.selectFrom("rate_limits").select("key").where("key", "like", "test-memory%").execute()).toEqual([]);
  });

  it("forgets counts that ran out over an hour ago, so the table holds recent uses and not every address ever seen", async () => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
    try {
      createRateLimit({ name: "test-forgetting", points: 2, durationSeconds: 60 });
      const hoursAgo = (hours: number) => String(Date.now() - hours * 60 * 60 * 1000);
      await db
        .insertInto("rate_limits")
        .values([
          { key: "test-forgetting:long-gone", points: 1, expire: hoursAgo(2) },
          { key: "test-forgetting:just-ended", points: 1, expire: hoursAgo(0.5) },
          { key: "test-forgetting:counting", points: 1, expire: hoursAgo(-0.5) },
        ])
        .execute();
      // The store clears every five minutes.
      vi.advanceTimersByTime(5 * 60 * 1000);
    } finally {
      vi.useRealTimers();
    }
    const keys = () =>
      db
        .selectFrom("rate_limits")
        .select("key")
        .where("key", "like", "test-forgetting:%")
        .orderBy("key")
        .execute()
        .then((rows) => rows.map((row) => row.key));
    await expect.poll(keys).toEqual(["test-forgetting:counting", "test-forgetting:just-ended"]);
  });

  it("is what the per-user limits are made of", async () => {
    for (let i = 0; i < 10; i++) expect(await consumeUserLimit("request", "user-1")).toBe(0);
    expect(await consumeUserLimit("request", "user-1")).toBeGreaterThanOrEqual(1);
    expect(await consumeUserLimit("comment", "user-1")).toBe(0);
  });
});

describe("the write limits", () => {
  // They must hold across processes and restarts (ADR 014, 046): a second limiter of the same name,
  // as another process would make, sees what the first counted, and the count is a rate_limits row.
  it("count a user's writes in PostgreSQL, shared by every limiter of the same name", async () => {
    for (let i = 0; i < 10; i++) expect(await consumeUserLimit("request", "user-shared")).toBe(0);
    const anotherProcess = createRateLimit({ name: "user-request", points: 10, durationSeconds: 60 * 60 });
    expect(await anotherProcess.consume("user-shared")).toBeGreaterThanOrEqual(1);
    for (const action of ["comment", "vote", "follow", "report"] as const) expect(await consumeUserLimit(action, "user-shared")).toBe(0);
    const rows = await db.selectFrom("rate_limits").select("key").where("key", "like", "user-%:user-shared").orderBy("key").execute();
    expect(rows.map((row) => row.key)).toEqual([
      "user-comment:user-shared",
      "user-follow:user-shared",
      "user-report:user-shared",
      "user-request:user-shared",
      "user-vote:user-shared",
    ]);
  });

  it("count sign-ups per address in PostgreSQL, shared by every limiter of the same name", async () => {
    for (let i = 0; i < SIGN_UPS_PER_ADDRESS_PER_HOUR; i++) expect(await consumeSignUp("198.51.100.77")).toBe(0);
    const rows = await db.selectFrom("rate_limits").select("key").where("key", "like", "sign-up-address-64:%").execute();
    expect(rows).toHaveLength(1);
    const anotherProcess = createRateLimit({ name: "sign-up-address-64", points: SIGN_UPS_PER_ADDRESS_PER_HOUR, durationSeconds: 60 * 60 });
    expect(await anotherProcess.consume(rows[0].key.slice("sign-up-address-64:".length))).toBeGreaterThanOrEqual(1);
  });
});

describe("the portal's code", () => {
  it("makes every rate limiter through createRateLimit", () => {
    const makers = [...sourceFiles("app"), ...sourceFiles("db"), ...sourceFiles("search")].filter((file) =>
      /new RateLimiter|from "rate-limiter-flexible"/.test(readSource(file)),
    );
    expect(makers).toEqual([path.join("app", "auth", "rate-limit.server.ts")]);
  });
});
