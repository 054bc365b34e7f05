import path from "node:path";
import { describe, expect, it } from "vitest";
import { db } from "../../db/client.server";
import { consumeUserLimit, createRateLimit } from "../../app/auth/rate-limit.server";
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

  it("is what the per-user limits are made of", async () => {
    for (let i = 0; i < 10; i++) expect(await consumeUserLimit("request", "user-1")).toBe(0);
    expect(await consumeUserLimit("request", "user-1")).toBeGreaterThanOrEqual(1);
    expect(await consumeUserLimit("comment", "user-1")).toBe(0);
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
