import pg from "pg";
import { sql, type Kysely } from "kysely";
import { db } from "../db/client.server";
import type { Database } from "../db/schema";
import { buildDatasetDocuments, buildRequestDocuments, type BuiltDocuments } from "./documents.server";
import { documentId, type SearchEngine } from "./engine";

/**
 * Keeps an index in step with PostgreSQL. Whoever changes indexed data writes a `search_outbox`
 * row in the same transaction; this worker builds the documents from the database as it is now
 * and pushes them to the engine, and deletes the rows only when the engine has taken them. While
 * the engine is down the rows stay (with attempts and the last error), so nothing is lost.
 */

/** Kinds with a document builder; rows of other kinds wait for theirs (survey answers). */
const BUILDERS = {
  dataset: buildDatasetDocuments,
  request: buildRequestDocuments,
} satisfies Record<string, (db: Kysely<Database>, ids: string[]) => Promise<BuiltDocuments>>;
type IndexedKind = keyof typeof BUILDERS;
const INDEXED_KINDS = Object.keys(BUILDERS) as IndexedKind[];
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface DrainSummary {
  indexed: number;
  removed: number;
  /** Outbox rows handled (several rows can name one dataset or request). */
  rows: number;
  /** The engine's error when a batch failed; its rows were kept for the next drain. */
  error: string | null;
  /** Another process was draining; nothing was done. */
  busy: boolean;
}

export async function drainOutbox(
  engine: SearchEngine,
  options: { batchSize?: number; maxBatches?: number } = {},
): Promise<DrainSummary> {
  const batchSize = options.batchSize ?? 200;
  const maxBatches = options.maxBatches ?? Number.POSITIVE_INFINITY;
  const summary: DrainSummary = { indexed: 0, removed: 0, rows: 0, error: null, busy: false };

  for (let batch = 0; batch < maxBatches; batch++) {
    const outcome = await db.transaction().execute(async (trx) => {
      // One drainer at a time across processes: two could push an older build of a document after
      // a newer one. The lock ends with the transaction.
      const { rows: lock } = await sql<{ locked: boolean }>`
        SELECT pg_try_advisory_xact_lock(hashtext('fraga:search_outbox')) AS locked`.execute(trx);
      if (!lock[0]?.locked) return "busy" as const;

      const rows = await trx
        .selectFrom("search_outbox")
        .select(["id", "entity_type", "entity_id"])
        .where("entity_type", "in", INDEXED_KINDS)
        .orderBy("id")
        .limit(batchSize)
        .forUpdate()
        .skipLocked()
        .execute();
      if (rows.length === 0) return "empty" as const;

      const built: BuiltDocuments = { documents: [], removedIds: [] };
      for (const kind of INDEXED_KINDS) {
        const entityIds = [...new Set(rows.filter((row) => row.entity_type === kind).map((row) => row.entity_id))];
        if (entityIds.length === 0) continue;
        const ofKind = await BUILDERS[kind](trx, entityIds.filter((id) => UUID.test(id)));
        built.documents.push(...ofKind.documents);
        built.removedIds.push(...ofKind.removedIds, ...entityIds.filter((id) => !UUID.test(id)).map((id) => documentId(kind, id)));
      }
      const removedIds = built.removedIds;
      const rowIds = rows.map((row) => row.id);
      try {
        if (built.documents.length > 0) await engine.upsert(built.documents);
        if (removedIds.length > 0) await engine.delete(removedIds);
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        await trx
          .updateTable("search_outbox")
          .set((eb) => ({ attempts: eb("attempts", "+", 1), last_error: message.slice(0, 2000) }))
          .where("id", "in", rowIds)
          .execute();
        return { error: message } as const;
      }
      await trx.deleteFrom("search_outbox").where("id", "in", rowIds).execute();
      return { indexed: built.documents.length, removed: removedIds.length, rows: rows.length };
    });

    if (outcome === "empty") break;
    if (outcome === "busy") {
      summary.busy = true;
      break;
    }
    if ("error" in outcome) {
      summary.error = outcome.error ?? "unknown error";
      break;
    }
    summary.indexed += outcome.indexed;
    summary.removed += outcome.removed;
    summary.rows += outcome.rows;
  }
  return summary;
}

export interface OutboxWorker {
  /** Drains now instead of at the next notification or poll. */
  wake(): void;
  /** Finishes the batch in progress, stops listening and returns. */
  stop(): Promise<void>;
}

/**
 * The server's outbox worker: drains when a transaction enqueues work (LISTEN search_outbox,
 * notified by a trigger), and every `pollMs` in case a notification was missed. After an engine
 * failure it waits 1 s, 2 s, 4 s … up to `maxBackoffMs` before trying again.
 */
export async function startOutboxWorker(
  engine: SearchEngine,
  options: { batchSize?: number; pollMs?: number; maxBackoffMs?: number; log?: (message: string) => void } = {},
): Promise<OutboxWorker> {
  const pollMs = options.pollMs ?? 30_000;
  const maxBackoffMs = options.maxBackoffMs ?? 60_000;
  const log = options.log ?? ((message: string) => console.log(`[search] ${message}`));
  let running = true;
  let backoffMs = 0;
  let wakeUp: (() => void) | null = null;
  let pending = true;

  const wake = () => {
    pending = true;
    // While backing off from a failing engine, new work waits for the retry like the old.
    if (backoffMs === 0) wakeUp?.();
  };

  let listener: pg.Client | null = null;
  try {
    listener = new pg.Client({ connectionString: process.env.DATABASE_URL });
    listener.on("notification", wake);
    // A lost LISTEN connection only slows the worker down to polling.
    listener.on("error", (error) => log(`Outbox notifications lost (${error.message}); polling every ${pollMs} ms.`));
    await listener.connect();
    await listener.query("LISTEN search_outbox");
  } catch (error) {
    log(`Outbox notifications unavailable (${error instanceof Error ? error.message : String(error)}); polling.`);
    await listener?.end().catch(() => {});
    listener = null;
  }

  const loop = (async () => {
    while (running) {
      if (pending) {
        pending = false;
        try {
          const summary = await drainOutbox(engine, { batchSize: options.batchSize });
          if (summary.error) {
            backoffMs = Math.min(maxBackoffMs, backoffMs ? backoffMs * 2 : 1000);
            log(`Search engine refused an update (${summary.error}); retrying in ${backoffMs} ms.`);
            pending = true;
          } else {
            backoffMs = 0;
            if (summary.rows > 0) log(`Indexed ${summary.indexed}, removed ${summary.removed}.`);
          }
        } catch (error) {
          // The database itself failed (restart, failover): try again later, never crash the server.
          backoffMs = Math.min(maxBackoffMs, backoffMs ? backoffMs * 2 : 1000);
          log(`Outbox drain failed (${error instanceof Error ? error.message : String(error)}); retrying in ${backoffMs} ms.`);
          pending = true;
        }
      }
      if (!running) break;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(() => {
          pending = true;
          resolve();
        }, backoffMs || pollMs);
        wakeUp = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      wakeUp = null;
    }
  })();

  return {
    wake,
    async stop() {
      running = false;
      backoffMs = 0;
      wakeUp?.();
      await loop;
      await listener?.end().catch(() => {});
    },
  };
}
