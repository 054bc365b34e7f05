import { randomBytes } from "node:crypto";
import { sql } from "kysely";
import { afterAll, describe, expect, it } from "vitest";
import { db } from "../../db/client.server";
import { listDeadOutboxRows, retryDeadOutboxRows } from "../../app/models/search-outbox.server";
import { drainOutbox } from "../../search/indexing/outbox.server";
import { createTestDataset } from "../factories/dataset";
import { createTestUser } from "../factories/user";
import { availableEngines } from "../support/search-engines";

/**
 * Issue 7, point 2: one document the engine refuses must not block indexing. The built-in engine
 * refuses a real document: PostgreSQL keeps a tsvector under 1 MB ("string is too long for
 * tsvector"), so a dataset with a description of ~200,000 distinct words is a poisoned row.
 */
function oversizedDescription() {
  return Array.from({ length: 200_000 }, () => randomBytes(5).toString("hex")).join(" ");
}

async function liveRows() {
  return db.selectFrom("search_outbox").select(["entity_id", "attempts", "dead_at", "last_error"]).where("dead_at", "is", null).execute();
}

/** As if the row's wait had passed. */
async function makeDue() {
  await db
    .updateTable("search_outbox")
    .set({ next_attempt_at: new Date(0) })
    .where("dead_at", "is", null)
    .execute();
}

async function secondsToNextAttempt(entityId: string) {
  const row = await db
    .selectFrom("search_outbox")
    .select(sql<number>`extract(epoch FROM next_attempt_at - now())::float8`.as("s"))
    .where("entity_id", "=", entityId)
    .executeTakeFirstOrThrow();
  return row.s;
}

const engines = availableEngines("outbox");
afterAll(async () => {
  for (const engine of engines) await engine.dispose();
});

for (const testEngine of engines) {
  describe.skipIf(testEngine.skip)(`a poisoned outbox row (${testEngine.name})`, () => {
    it("is retried with backoff, then parked as dead with its error, while every other row of its batch is indexed", async () => {
      const engine = testEngine.create();
      await drainOutbox(engine);
      const before = await createTestDataset({ title: "Hundrastgårdar i Borås", keywords: ["hundrastgård"] });
      const poisoned = await createTestDataset({ title: "Jättelik datamängd", description: oversizedDescription() });
      const after = await createTestDataset({ title: "Hundrastgårdar i Skövde", keywords: ["hundrastgård"], publisherKommunkod: "1496" });

      // One batch holds all three; the refused document is found by splitting the batch.
      const first = await drainOutbox(engine, { batchSize: 50, backoffBaseMs: 60_000, maxAttempts: 3 });
      expect(first.error).toBeNull();
      expect(first.indexed).toBeGreaterThanOrEqual(2);
      const found = (await engine.match("hundrastgårdar")).datasets.map((d) => d.uri);
      expect(found).toEqual(expect.arrayContaining([before.uri, after.uri]));

      if (testEngine.name.startsWith("built-in")) {
        // The poisoned row waits for its next attempt; a drain now leaves it alone.
        const [waiting] = await liveRows();
        expect(waiting).toMatchObject({ entity_id: poisoned.id, attempts: 1 });
        expect(waiting.last_error).toMatch(/too long for tsvector/);
        expect(await drainOutbox(engine, { backoffBaseMs: 60_000, maxAttempts: 3 })).toMatchObject({ rows: 0, refused: 0 });

        // New work is not held up behind it.
        const later = await createTestDataset({ title: "Spontanidrottsplatser", keywords: ["spontanidrott"] });
        await drainOutbox(engine, { backoffBaseMs: 60_000, maxAttempts: 3 });
        expect((await engine.match("spontanidrottsplatser")).datasets.map((d) => d.uri)).toContain(later.uri);

        // Each time it is due it is tried again, with a wait twice as long, until its attempts run out.
        expect(await secondsToNextAttempt(poisoned.id)).toBeGreaterThan(50);
        expect(await secondsToNextAttempt(poisoned.id)).toBeLessThanOrEqual(60);
        await makeDue();
        expect(await drainOutbox(engine, { backoffBaseMs: 60_000, maxAttempts: 3 })).toMatchObject({ rows: 1, refused: 1, dead: 0 });
        expect(await secondsToNextAttempt(poisoned.id)).toBeGreaterThan(110);
        await makeDue();
        expect(await drainOutbox(engine, { backoffBaseMs: 60_000, maxAttempts: 3 })).toMatchObject({ rows: 1, refused: 1, dead: 1 });
        expect(await liveRows()).toEqual([]);
        const dead = await listDeadOutboxRows();
        expect(dead).toHaveLength(1);
        expect(dead[0]).toMatchObject({ entityType: "dataset", entityId: poisoned.id, attempts: 3, title: "Jättelik datamängd" });
        expect(dead[0].lastError).toMatch(/too long for tsvector/);
        await makeDue();
        expect(await drainOutbox(engine, { backoffBaseMs: 0, maxAttempts: 3 })).toMatchObject({ rows: 0 });

        // An admin retries it once the dataset is fixed: it is indexed and leaves the dead list.
        const admin = await createTestUser({ role: "admin" });
        await db
          .updateTable("datasets")
          .set({ description: JSON.stringify({ sv: "Nu av rimlig storlek." }) })
          .where("id", "=", poisoned.id)
          .execute();
        expect(await retryDeadOutboxRows({ actorUserId: admin.id, ids: [dead[0].id] })).toBe(1);
        const event = await db
          .selectFrom("events")
          .select(["action", "entity_type"])
          .where("actor_user_id", "=", admin.id)
          .where("entity_type", "=", "search_outbox")
          .executeTakeFirst();
        expect(event).toMatchObject({ action: "search_outbox.retried", entity_type: "search_outbox" });
        expect(await listDeadOutboxRows()).toEqual([]);
        await drainOutbox(engine);
        expect((await engine.match("jättelik datamängd")).datasets.map((d) => d.uri)).toContain(poisoned.uri);
      } else {
        // Engines with other limits may take the document; nothing else may wait for it.
        expect((await liveRows()).filter((row) => row.entity_id !== poisoned.id)).toEqual([]);
      }
    }, 120_000);
  });
}
