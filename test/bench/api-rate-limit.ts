/**
 * What the API's limit per address costs a request by itself, counted in PostgreSQL against counted
 * in the process's memory (ADR 046): the same `createRateLimit` of each store, alternated in one
 * process, one call at a time (what a lone request waits) and 16 at once (as under 16 connections),
 * over 1,000 addresses with a limit none of them reaches.
 *
 *   node --import tsx test/bench/api-rate-limit.ts [--calls 4000] [--rounds 3]
 */
import { parseArgs } from "node:util";
import { benchDatabase } from "./match-database";

async function main() {
  const { values } = parseArgs({
    options: { calls: { type: "string", default: "4000" }, rounds: { type: "string", default: "3" } },
  });
  const calls = Number(values.calls);
  const database = await benchDatabase("fraga_bench_api_rate_limit", { dataDir: ".data/bench-api-rate-limit" });
  try {
    const { createRateLimit } = await import("../../app/auth/rate-limit.server");
    const stores = ["postgres", "memory"] as const;
    for (let round = 1; round <= Number(values.rounds); round++) {
      for (const store of stores) {
        // A fresh name each round: every round starts from empty counts.
        const limit = createRateLimit({ name: `bench-${store}-${round}`, points: 1_000_000, durationSeconds: 60, store });
        const address = (i: number) => `198.51.100.${i % 250}:${Math.floor(i / 250) % 4}`;
        let started = performance.now();
        for (let i = 0; i < calls; i++) await limit.consumeSeconds(address(i));
        const oneAtATime = (performance.now() - started) / calls;
        let next = 0;
        started = performance.now();
        await Promise.all(
          Array.from({ length: 16 }, async () => {
            while (next < calls) await limit.consumeSeconds(address(next++));
          }),
        );
        const sixteen = (performance.now() - started) / calls;
        console.log(
          `round ${round}, ${store.padEnd(8)}: one at a time ${(oneAtATime * 1000).toFixed(1)} µs a request, ` +
            `16 at once ${(sixteen * 1000).toFixed(1)} µs a request (${Math.round(1000 / sixteen)}/s)`,
        );
      }
    }
  } finally {
    // Kysely ends the pool only once it has run a query itself; the limiters used the pool directly.
    const { pool } = await import("../../db/client.server");
    if (!pool.ended) await pool.end();
    await database.stop();
  }
}

await main();
