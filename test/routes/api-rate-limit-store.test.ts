import { afterEach, describe, expect, it } from "vitest";
import { db } from "../../db/client.server";
import { loader as matchLoader } from "../../app/routes/api.match";
import { loader as surveysLoader } from "../../app/routes/api.surveys";
import { pageRequest } from "../support/route-request";

/**
 * The API's limit per address is a read limit counted in this process's memory (ADR 046): a match
 * must not wait for a PostgreSQL write, and still gets its 429 with Retry-After past the limit.
 */
const before = process.env.API_RATE_LIMIT;
afterEach(() => {
  if (before === undefined) delete process.env.API_RATE_LIMIT;
  else process.env.API_RATE_LIMIT = before;
});

const apiRows = async () => db.selectFrom("rate_limits").select("key").where("key", "like", "api-%").execute();

describe("the API's limit per address", () => {
  it("lets /api/match through and refuses it past the limit, with Retry-After, without writing a rate_limits row", async () => {
    process.env.API_RATE_LIMIT = "2";
    const ask = () => matchLoader(pageRequest("/api/match?q=badplatser", { clientAddress: "203.0.113.9" }));
    expect((await ask()).status).toBe(200);
    expect((await ask()).status).toBe(200);
    const refused = await ask();
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("Retry-After"))).toBeGreaterThanOrEqual(1);
    expect(Number(refused.headers.get("Retry-After"))).toBeLessThanOrEqual(60);
    expect((await refused.json()).error).toMatch(/för många anrop/);
    // Another address has its own count.
    expect((await matchLoader(pageRequest("/api/match?q=badplatser", { clientAddress: "203.0.113.10" }))).status).toBe(200);
    expect(await apiRows()).toEqual([]);
  });

  it("counts the other endpoints the same way: no row for them either", async () => {
    process.env.API_RATE_LIMIT = "1";
    const ask = () => surveysLoader({ ...pageRequest("/api/surveys", { clientAddress: "203.0.113.20" }), params: {} });
    expect((await ask()).status).toBe(200);
    expect((await ask()).status).toBe(429);
    expect(await apiRows()).toEqual([]);
  });
});
