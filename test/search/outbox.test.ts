import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import { db } from "../../db/client.server";
import type { SearchEngine } from "../../search/engines/engine";
import { drainOutbox, startOutboxWorker } from "../../search/indexing/outbox.server";
import { createPostgresEngine } from "../../search/engines/postgres/engine.server";
import { reindexAll } from "../../search/indexing/reindex.server";
import { createTestDataset, removeTestDataset } from "../factories/dataset";

const engine = createPostgresEngine(db);

/**
 * The real engine behind a connection that is down: every write fails as a network error would,
 * and so does its health check (which is how the outbox tells "down" from "refused this document").
 */
function unreachable(inner: SearchEngine): SearchEngine {
  const down = async () => {
    throw new Error("connect ECONNREFUSED 127.0.0.1:7700");
  };
  const health = async () => ({ engine: inner.name, status: "error" as const, message: "connect ECONNREFUSED 127.0.0.1:7700" });
  return { ...inner, name: inner.name, upsert: down, delete: down, clear: down, health };
}

/** The real engine, noting the entity of every document written through it (who indexed what). */
function recording(inner: SearchEngine) {
  const written: string[] = [];
  const upsert: SearchEngine["upsert"] = async (documents) => {
    written.push(...documents.map((document) => document.entityId));
    return inner.upsert(documents);
  };
  return { written, engine: { ...inner, name: inner.name, upsert } satisfies SearchEngine };
}

async function outboxRows() {
  return db.selectFrom("search_outbox").select(["entity_type", "entity_id", "attempts", "last_error"]).orderBy("id").execute();
}

/** The server processes of this database's connections whose last statement was the worker's LISTEN. */
async function listeningPids() {
  const { rows } = await sql<{ pid: number }>`
    SELECT pid FROM pg_stat_activity
    WHERE datname = current_database() AND query = 'LISTEN search_outbox'`.execute(db);
  return rows.map((row) => row.pid);
}

async function listeningConnections() {
  return (await listeningPids()).length;
}

async function matchedUris(text: string) {
  return (await engine.match(text)).datasets.map((d) => d.uri);
}

describe("the search outbox", () => {
  it("indexes what the outbox holds and empties it", async () => {
    await drainOutbox(engine);
    const a = await createTestDataset({ title: "Utegym i Borås", keywords: ["utegym"] });
    const b = await createTestDataset({ title: "Utomhusgym", keywords: ["utegym"], publisherKommunkod: "1496" });
    expect(await outboxRows()).toHaveLength(2);

    const summary = await drainOutbox(engine, { batchSize: 1 });
    expect(summary).toMatchObject({ indexed: 2, removed: 0, rows: 2, error: null });
    expect(await outboxRows()).toEqual([]);
    expect(await matchedUris("utegym")).toEqual(expect.arrayContaining([a.uri, b.uri]));
  });

  it("keeps the rows, with attempts and the error, while the engine is down; nothing is lost", async () => {
    await drainOutbox(engine);
    const dataset = await createTestDataset({ title: "Skateparker", keywords: ["skatepark"] });

    const failed = await drainOutbox(unreachable(engine));
    expect(failed.error).toContain("ECONNREFUSED");
    await drainOutbox(unreachable(engine));
    expect(await outboxRows()).toEqual([
      { entity_type: "dataset", entity_id: dataset.id, attempts: 2, last_error: "connect ECONNREFUSED 127.0.0.1:7700" },
    ]);
    expect(await matchedUris("skateparker")).not.toContain(dataset.uri);

    expect(await drainOutbox(engine)).toMatchObject({ indexed: 1, error: null });
    expect(await outboxRows()).toEqual([]);
    expect(await matchedUris("skateparker")).toContain(dataset.uri);
  });

  it("builds one document per dataset, however many rows name it", async () => {
    await drainOutbox(engine);
    const dataset = await createTestDataset({ title: "Offentlig konst i Borås" });
    await db
      .insertInto("search_outbox")
      .values([1, 2].map(() => ({ entity_type: "dataset" as const, entity_id: dataset.id })))
      .execute();
    expect(await drainOutbox(engine)).toMatchObject({ indexed: 1, rows: 3 });
  });

  it("takes removed and deleted datasets out of the index", async () => {
    const kept = await createTestDataset({ title: "Konstgräsplaner", keywords: ["fotboll"] });
    const removed = await createTestDataset({ title: "Konstgräsplaner i Skövde", publisherKommunkod: "1496" });
    const deleted = await createTestDataset({ title: "Konstgräsplaner i Lidköping", publisherKommunkod: "1494" });
    await drainOutbox(engine);
    expect(await matchedUris("konstgräsplaner")).toEqual(expect.arrayContaining([kept.uri, removed.uri, deleted.uri]));

    await removeTestDataset(removed.id);
    await db.transaction().execute(async (trx) => {
      await trx.deleteFrom("datasets").where("id", "=", deleted.id).execute();
      await trx.insertInto("search_outbox").values({ entity_type: "dataset", entity_id: deleted.id }).execute();
    });
    expect(await drainOutbox(engine)).toMatchObject({ indexed: 0, removed: 2 });
    expect(await matchedUris("konstgräsplaner")).toEqual([kept.uri]);
  });

  it("leaves rows of kinds that have no documents yet for their builder", async () => {
    await drainOutbox(engine);
    // Every kind the schema names has a builder since survey answers got theirs (issue 10): a kind
    // written by a newer release than this worker stands for one without.
    await db
      .insertInto("search_outbox")
      .values({ entity_type: "comment" as "answer", entity_id: "00000000-0000-4000-8000-000000000001" })
      .execute();
    expect(await drainOutbox(engine)).toMatchObject({ rows: 0, error: null });
    expect(await outboxRows()).toHaveLength(1);
    await db.deleteFrom("search_outbox").execute();
  });

  it("runs as a worker that drains on notification and stops cleanly", async () => {
    await drainOutbox(engine);
    const stopped = recording(engine);
    const worker = await startOutboxWorker(stopped.engine, { pollMs: 60_000, log: () => {} });
    try {
      expect(await listeningConnections()).toBe(1);
      const dataset = await createTestDataset({ title: "Pulkabackar", keywords: ["pulkabacke", "vinter"] });
      // The INSERT's notification wakes the worker; a minute's poll would be too late.
      await expect.poll(() => matchedUris("pulkabackar"), { timeout: 10_000, interval: 100 }).toContain(dataset.uri);
      expect(await outboxRows()).toEqual([]);
      expect(stopped.written).toEqual([dataset.id]);
    } finally {
      await worker.stop();
    }
    // Stopped means no longer listening: its LISTEN connection is gone (a condition, not a sleep),
    // and a new row stays in the outbox.
    await expect.poll(listeningConnections, { timeout: 10_000, interval: 50 }).toBe(0);
    const after = await createTestDataset({ title: "Isbanor" });
    expect((await outboxRows()).map((row) => row.entity_id)).toEqual([after.id]);
    // Waking it must do nothing either. "Nothing happened" is decided by a condition, not a sleep:
    // a second worker starts (a connection and a LISTEN later than the stopped one would have
    // drained) and drains the row; only the second worker's engine may have seen it.
    worker.wake();
    const next = recording(engine);
    const second = await startOutboxWorker(next.engine, { pollMs: 60_000, log: () => {} });
    try {
      await expect.poll(outboxRows, { timeout: 10_000, interval: 50 }).toEqual([]);
    } finally {
      await second.stop();
    }
    expect(next.written).toEqual([after.id]);
    expect(stopped.written).not.toContain(after.id);
  });
  it("drains work that was enqueued while it was busy draining, without waiting for the poll", async () => {
    await drainOutbox(engine);
    // The meaning refresh (the drain's last step) is held until the test lets it go, so the next
    // row is written, and notified, while the worker is busy and not waiting for a notification.
    let release = () => {};
    const released = new Promise<void>((resolve) => (release = resolve));
    let refreshing = false;
    const held: SearchEngine = {
      ...engine,
      name: engine.name,
      refreshMeaning: async () => {
        refreshing = true;
        await released;
        return (await engine.refreshMeaning?.()) ?? { documents: 0 };
      },
    };
    await db.insertInto("search_outbox").values({ entity_type: "meaning", entity_id: "0" }).execute();
    const worker = await startOutboxWorker(held, { pollMs: 60_000, log: () => {} });
    try {
      await expect.poll(() => refreshing, { timeout: 10_000, interval: 20 }).toBe(true);
      const dataset = await createTestDataset({ title: "Skidspår", keywords: ["skidspår"] });
      release();
      // A minute's poll would be too late: the notification that came mid-drain is kept.
      await expect.poll(() => matchedUris("skidspår"), { timeout: 10_000, interval: 100 }).toContain(dataset.uri);
      expect(await outboxRows()).toEqual([]);
    } finally {
      release();
      await worker.stop();
    }
  });

  it("tries again soon when another process was draining, not at the next poll", async () => {
    await drainOutbox(engine);
    const messages: string[] = [];
    const worker = await startOutboxWorker(engine, { pollMs: 60_000, log: (message) => messages.push(message) });
    try {
      // Another process (a second server, a job) holds the drain's lock while this worker is woken.
      const dataset = await db.connection().execute(async (other) => {
        await sql`SELECT pg_advisory_lock(hashtext('fraga:search_outbox'))`.execute(other);
        try {
          const created = await createTestDataset({ title: "Slalombackar", keywords: ["slalombacke"] });
          await expect
            .poll(() => messages.some((message) => message.startsWith("Another process is draining")), { timeout: 10_000, interval: 20 })
            .toBe(true);
          return created;
        } finally {
          await sql`SELECT pg_advisory_unlock(hashtext('fraga:search_outbox'))`.execute(other);
        }
      });
      await expect.poll(() => matchedUris("slalombackar"), { timeout: 10_000, interval: 100 }).toContain(dataset.uri);
    } finally {
      await worker.stop();
    }
  });

  it("listens again when its notification connection is lost, and drains what came meanwhile", async () => {
    await drainOutbox(engine);
    const worker = await startOutboxWorker(engine, { pollMs: 60_000, log: () => {} });
    try {
      const [first] = await listeningPids();
      expect(first).toBeDefined();
      // A restart of PostgreSQL, a failover or an idle timeout ends the connection.
      await sql`SELECT pg_terminate_backend(${first})`.execute(db);
      const missed = await createTestDataset({ title: "Längdskidspår", keywords: ["längdspår"] });
      // One listening connection again, and a new one.
      await expect
        .poll(async () => (await listeningPids()).filter((pid) => pid !== first), { timeout: 15_000, interval: 100 })
        .toHaveLength(1);
      expect(await listeningPids()).toHaveLength(1);
      await expect.poll(() => matchedUris("längdskidspår"), { timeout: 10_000, interval: 100 }).toContain(missed.uri);
      const next = await createTestDataset({ title: "Skridskobanor", keywords: ["skridskobana"] });
      await expect.poll(() => matchedUris("skridskobanor"), { timeout: 10_000, interval: 100 }).toContain(next.uri);
    } finally {
      await worker.stop();
    }
  });
});

describe("reindexing", () => {
  it("rebuilds the index from nothing with every current dataset, and only those", async () => {
    const current = await createTestDataset({ title: "Fritidsgårdar i Borås", keywords: ["fritidsgård"] });
    const gone = await createTestDataset({ title: "Fritidsgårdar i Skövde", publisherKommunkod: "1496" });
    await removeTestDataset(gone.id);
    await engine.clear();
    expect(await matchedUris("fritidsgårdar")).toEqual([]);

    const { indexed } = await reindexAll(engine);
    const currentDatasets = await db.selectFrom("datasets").select("id").where("removed_at", "is", null).execute();
    expect(indexed).toBe(currentDatasets.length);
    expect(await matchedUris("fritidsgårdar")).toEqual([current.uri]);
  });

  it("keeps the vocabulary in step with the documents through every kind of write", async () => {
    await drainOutbox(engine);
    await reindexAll(engine);
    const a = await createTestDataset({ title: "Vattentorn", keywords: ["vatten"] });
    await drainOutbox(engine);
    await removeTestDataset(a.id);
    await drainOutbox(engine);
    // What the trigger-kept counts say, against counting the documents' lexemes afresh.
    const { rows: drift } = await sql<{ term: string }>`
      WITH fresh AS (
        SELECT word AS term, ndoc::int AS n FROM ts_stat('SELECT lexemes FROM search_documents')
      )
      SELECT coalesce(t.term, f.term) AS term
      FROM (SELECT term, document_count FROM search_terms WHERE document_count > 0) t
      FULL JOIN fresh f ON f.term = t.term
      WHERE t.document_count IS DISTINCT FROM f.n`.execute(db);
    expect(drift).toEqual([]);
  });
});
