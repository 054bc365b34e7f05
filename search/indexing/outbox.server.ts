import pg from "pg";
import { sql, type Kysely } from "kysely";
import { backoffMs } from "../../db/backoff";
import { db } from "../../db/client.server";
import { config } from "../../db/config.server";
import type { Database } from "../../db/schema";
import { buildAnswerDocuments, buildDatasetDocuments, buildRequestDocuments, type BuiltDocuments } from "./documents.server";
import { documentId, type SearchEngine } from "../engines/engine";
import { isUuid } from "../../db/uuid";

/**
 * Keeps an index in step with PostgreSQL. Whoever changes indexed data writes a `search_outbox`
 * row in the same transaction; this worker builds the documents from the database as it is now
 * and pushes them to the engine, and deletes the rows only when the engine has taken them. While
 * the engine is down the rows stay (with attempts and the last error), so nothing is lost.
 *
 * A document the engine refuses on its own (too large, malformed) must not hold up the others: a
 * failing batch is split until the refused documents stand alone; their rows wait with a growing
 * backoff and, after `maxAttempts`, are parked as dead for an admin (app/models/search-outbox.server.ts).
 */

/** Kinds with a document builder; rows of other kinds wait for theirs. */
const BUILDERS = {
  dataset: buildDatasetDocuments,
  request: buildRequestDocuments,
  answer: buildAnswerDocuments,
} satisfies Record<string, (db: Kysely<Database>, ids: string[]) => Promise<BuiltDocuments>>;
type IndexedKind = keyof typeof BUILDERS;
const INDEXED_KINDS = Object.keys(BUILDERS) as IndexedKind[];

export interface DrainSummary {
  indexed: number;
  removed: number;
  /** Outbox rows handled (several rows can name one dataset or request). */
  rows: number;
  /** Rows whose document the engine refused on its own; they wait (backoff) or were parked. */
  refused: number;
  /** Of those, rows that ran out of attempts and were parked as dead this time. */
  dead: number;
  /** The engine's error when it failed as a whole (down); the batch was kept for the next drain. */
  error: string | null;
  /** Another process was draining; nothing was done. */
  busy: boolean;
  /** `meaning` rows done: the engine took the new meaning model's vectors (ADR 035). */
  meaning: number;
}

export interface DrainOptions {
  batchSize?: number;
  maxBatches?: number;
  /** Attempts before a refused row is parked as dead (default 5). */
  maxAttempts?: number;
  /** The wait after a refused row's first failure, doubled after each (default 30 s, at most 6 h). */
  backoffBaseMs?: number;
}

const MAX_BACKOFF_MS = 6 * 60 * 60 * 1000;

/** The rows naming one document, and what the engine is to do with it. */
interface Unit {
  rowIds: number[];
  kind: IndexedKind;
  entityId: string;
  document: BuiltDocuments["documents"][number] | null;
  removedId: string | null;
}

function errorMessage(error: unknown) {
  return (error instanceof Error ? error.message : String(error)).slice(0, 2000);
}

async function push(engine: SearchEngine, units: Unit[]) {
  const documents = units.flatMap((unit) => (unit.document ? [unit.document] : []));
  const removedIds = units.flatMap((unit) => (unit.removedId ? [unit.removedId] : []));
  if (documents.length > 0) await engine.upsert(documents);
  if (removedIds.length > 0) await engine.delete(removedIds);
}

/**
 * Pushes the units, splitting a refused set in halves until the refused documents stand alone:
 * a batch of n with one poisoned document costs about 2·log2(n) pushes, and the rest goes on.
 */
async function pushSplitting(engine: SearchEngine, units: Unit[], refused: Map<Unit, string>, firstError?: string) {
  if (firstError === undefined) {
    try {
      await push(engine, units);
      return;
    } catch (error) {
      firstError = errorMessage(error);
    }
  }
  if (units.length === 1) {
    refused.set(units[0], firstError);
    return;
  }
  const middle = Math.ceil(units.length / 2);
  await pushSplitting(engine, units.slice(0, middle), refused);
  await pushSplitting(engine, units.slice(middle), refused);
}

export async function drainOutbox(engine: SearchEngine, options: DrainOptions = {}): Promise<DrainSummary> {
  const batchSize = options.batchSize ?? 200;
  const maxBatches = options.maxBatches ?? Number.POSITIVE_INFINITY;
  const maxAttempts = Math.max(1, options.maxAttempts ?? 5);
  const backoffBaseMs = options.backoffBaseMs ?? 30_000;
  const summary: DrainSummary = { indexed: 0, removed: 0, rows: 0, refused: 0, dead: 0, error: null, busy: false, meaning: 0 };
  // A row refused in this drain is not tried again in it, even when it is due again at once.
  const refusedHere: number[] = [];

  for (let batch = 0; batch < maxBatches; batch++) {
    const outcome = await db.transaction().execute(async (trx) => {
      // One drainer at a time across processes: two could push an older build of a document after
      // a newer one. The lock ends with the transaction.
      const { rows: lock } = await sql<{ locked: boolean }>`
        SELECT pg_try_advisory_xact_lock(hashtext('fraga:search_outbox')) AS locked`.execute(trx);
      if (!lock[0]?.locked) return "busy" as const;

      const rows = await trx
        .selectFrom("search_outbox")
        .select(["id", "entity_type", "entity_id", "attempts"])
        .where("entity_type", "in", INDEXED_KINDS)
        .where("dead_at", "is", null)
        .where("next_attempt_at", "<=", sql<Date>`now()`)
        .$if(refusedHere.length > 0, (qb) => qb.where("id", "not in", refusedHere))
        .orderBy("id")
        .limit(batchSize)
        .forUpdate()
        .skipLocked()
        .execute();
      if (rows.length === 0) return "empty" as const;

      // One unit per document, in the order its first row was written.
      const units = new Map<string, Unit>();
      for (const row of rows) {
        const kind = row.entity_type as IndexedKind;
        const key = documentId(kind, row.entity_id);
        const unit = units.get(key) ?? { rowIds: [], kind, entityId: row.entity_id, document: null, removedId: null };
        unit.rowIds.push(row.id);
        units.set(key, unit);
      }
      for (const kind of INDEXED_KINDS) {
        const entityIds = [...units.values()].filter((u) => u.kind === kind && isUuid(u.entityId)).map((u) => u.entityId);
        const built = entityIds.length > 0 ? await BUILDERS[kind](trx, entityIds) : { documents: [], removedIds: [] };
        for (const document of built.documents) units.get(document.id)!.document = document;
        for (const unit of units.values()) {
          if (unit.kind === kind && !unit.document) unit.removedId = documentId(kind, unit.entityId);
        }
      }
      const all = [...units.values()];
      const attemptsOf = new Map(rows.map((row) => [row.id, row.attempts]));

      let wholeError: string | null = null;
      try {
        await push(engine, all);
      } catch (error) {
        wholeError = errorMessage(error);
      }
      const refused = new Map<Unit, string>();
      if (wholeError !== null) {
        // Down (unreachable, failing health) is the engine's failure, not the documents': keep the
        // batch as it is for the worker's retry. Up, the batch is split to find what it refuses.
        const health = await engine.health().catch((error) => ({ status: "error" as const, message: errorMessage(error) }));
        if (health.status !== "ok") {
          await trx
            .updateTable("search_outbox")
            .set((eb) => ({ attempts: eb("attempts", "+", 1), last_error: wholeError }))
            .where(
              "id",
              "in",
              rows.map((row) => row.id),
            )
            .execute();
          return { error: wholeError } as const;
        }
        await pushSplitting(engine, all, refused, all.length === 1 ? wholeError : undefined);
      }

      const accepted = all.filter((unit) => !refused.has(unit));
      let dead = 0;
      for (const [unit, message] of refused) {
        refusedHere.push(...unit.rowIds);
        const attempts = Math.max(...unit.rowIds.map((id) => attemptsOf.get(id) ?? 0)) + 1;
        const parked = attempts >= maxAttempts;
        if (parked) dead += unit.rowIds.length;
        const waitMs = backoffMs({ attempts, baseMs: backoffBaseMs, maxMs: MAX_BACKOFF_MS });
        await trx
          .updateTable("search_outbox")
          .set({
            attempts,
            last_error: message,
            next_attempt_at: sql<Date>`now() + make_interval(secs => ${waitMs / 1000})`,
            dead_at: parked ? sql<Date>`now()` : null,
          })
          .where("id", "in", unit.rowIds)
          .execute();
      }
      if (accepted.length > 0) {
        await trx
          .deleteFrom("search_outbox")
          .where(
            "id",
            "in",
            accepted.flatMap((unit) => unit.rowIds),
          )
          .execute();
        // The index now holds the document as the database has it: a dead row for it is moot.
        for (const kind of INDEXED_KINDS) {
          const ids = accepted.filter((unit) => unit.kind === kind).map((unit) => unit.entityId);
          if (ids.length === 0) continue;
          await trx
            .deleteFrom("search_outbox")
            .where("entity_type", "=", kind)
            .where("entity_id", "in", ids)
            .where("dead_at", "is not", null)
            .execute();
        }
      }
      return {
        indexed: accepted.filter((unit) => unit.document).length,
        removed: accepted.filter((unit) => unit.removedId).length,
        rows: rows.length,
        refused: [...refused.keys()].reduce((n, unit) => n + unit.rowIds.length, 0),
        dead,
      };
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
    summary.refused += outcome.refused;
    summary.dead += outcome.dead;
  }
  // After the documents, so a refresh finds them in the index: its vectors only update documents.
  if (!summary.busy && summary.error === null) {
    const outcome = await drainMeaning(engine, { maxAttempts, backoffBaseMs });
    if (outcome === "busy") summary.busy = true;
    else if (outcome !== "empty") {
      summary.meaning += outcome.done;
      summary.refused += outcome.refused;
      summary.dead += outcome.dead;
      summary.error = outcome.error;
    }
  }
  return summary;
}

/**
 * `meaning` rows: the meaning model was learned again, in the transaction that wrote the row. An
 * engine with its own copy of the datasets' vectors takes the stored (newest) model's, which also
 * does every older row; the built-in engine reads the model from PostgreSQL and has nothing to do.
 * A refused refresh waits and is parked like a refused document; one the engine could not take
 * because it is down keeps its rows for the worker's retry.
 */
async function drainMeaning(
  engine: SearchEngine,
  options: { maxAttempts: number; backoffBaseMs: number },
): Promise<"busy" | "empty" | { done: number; refused: number; dead: number; error: string | null }> {
  return db.transaction().execute(async (trx) => {
    const { rows: lock } = await sql<{ locked: boolean }>`
      SELECT pg_try_advisory_xact_lock(hashtext('fraga:search_outbox')) AS locked`.execute(trx);
    if (!lock[0]?.locked) return "busy" as const;
    const rows = await trx
      .selectFrom("search_outbox")
      .select(["id", "attempts"])
      .where("entity_type", "=", "meaning")
      .where("dead_at", "is", null)
      .where("next_attempt_at", "<=", sql<Date>`now()`)
      .orderBy("id")
      .forUpdate()
      .skipLocked()
      .execute();
    if (rows.length === 0) return "empty" as const;
    const ids = rows.map((row) => row.id);
    try {
      await engine.refreshMeaning?.();
    } catch (error) {
      const message = errorMessage(error);
      const health = await engine.health().catch((failure) => ({ status: "error" as const, message: errorMessage(failure) }));
      const attempts = Math.max(...rows.map((row) => row.attempts)) + 1;
      if (health.status !== "ok") {
        await trx.updateTable("search_outbox").set({ attempts, last_error: message }).where("id", "in", ids).execute();
        return { done: 0, refused: 0, dead: 0, error: message };
      }
      const parked = attempts >= options.maxAttempts;
      const waitMs = backoffMs({ attempts, baseMs: options.backoffBaseMs, maxMs: MAX_BACKOFF_MS });
      await trx
        .updateTable("search_outbox")
        .set({
          attempts,
          last_error: message,
          next_attempt_at: sql<Date>`now() + make_interval(secs => ${waitMs / 1000})`,
          dead_at: parked ? sql<Date>`now()` : null,
        })
        .where("id", "in", ids)
        .execute();
      return { done: 0, refused: ids.length, dead: parked ? ids.length : 0, error: null };
    }
    // The index holds the newest model's vectors now: a parked older refresh is moot.
    await trx
      .deleteFrom("search_outbox")
      .where("entity_type", "=", "meaning")
      .where((eb) => eb.or([eb("id", "in", ids), eb("dead_at", "is not", null)]))
      .execute();
    return { done: ids.length, refused: 0, dead: 0, error: null };
  });
}

export interface OutboxWorker {
  /** Drains now instead of at the next notification or poll. */
  wake(): void;
  /** Finishes the batch in progress, stops listening and returns. */
  stop(): Promise<void>;
}

/** A drain that found another process draining tries again after this, doubling up to the poll. */
const BUSY_RETRY_MS = 250;
/** A lost notification connection is opened again after 1 s, doubling up to this. */
const MAX_RELISTEN_MS = 30_000;

/**
 * The server's outbox worker: drains when a transaction enqueues work (LISTEN search_outbox,
 * notified by a trigger), and every `pollMs` in case a notification was missed. After an engine
 * failure it waits 1 s, 2 s, 4 s … up to `maxBackoffMs` before trying again. A lost LISTEN
 * connection (a database restart, a failover) is opened again, and what came meanwhile drained.
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
  let busyMs = 0;
  let wakeUp: (() => void) | null = null;
  let pending = true;

  const wake = () => {
    pending = true;
    // While backing off from a failing engine, new work waits for the retry like the old.
    if (backoffMs === 0) wakeUp?.();
  };

  let listener: pg.Client | null = null;
  let relistenMs = 0;
  let relistenTimer: ReturnType<typeof setTimeout> | null = null;
  const listen = async () => {
    const client = new pg.Client({ connectionString: config().databaseUrl ?? undefined });
    let lost = false;
    const onLost = (reason: string) => {
      if (lost) return;
      lost = true;
      if (listener === client) listener = null;
      client.end().catch(() => {});
      if (!running) return;
      relistenMs = Math.min(MAX_RELISTEN_MS, relistenMs ? relistenMs * 2 : 1000);
      log(`Outbox notifications lost (${reason}); listening again in ${relistenMs} ms, polling every ${pollMs} ms meanwhile.`);
      relistenTimer = setTimeout(() => {
        relistenTimer = null;
        void listen();
      }, relistenMs);
    };
    client.on("notification", wake);
    client.on("error", (error) => onLost(error.message));
    client.on("end", () => onLost("the connection ended"));
    try {
      await client.connect();
      await client.query("LISTEN search_outbox");
    } catch (error) {
      onLost(error instanceof Error ? error.message : String(error));
      return;
    }
    if (lost) return;
    if (!running) {
      lost = true;
      await client.end().catch(() => {});
      return;
    }
    listener = client;
    // Rows written while no one listened were notified to no one.
    if (relistenMs > 0) wake();
    relistenMs = 0;
  };
  await listen();

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
            if (summary.busy) {
              // Its drain may have begun before this work was written: look again soon.
              if (busyMs === 0) log(`Another process is draining the outbox; trying again in ${BUSY_RETRY_MS} ms.`);
              busyMs = Math.min(pollMs, busyMs ? busyMs * 2 : BUSY_RETRY_MS);
              pending = true;
            } else busyMs = 0;
            if (summary.rows > 0) log(`Indexed ${summary.indexed}, removed ${summary.removed}.`);
            if (summary.meaning > 0) log("The index took the meaning model's new vectors.");
            if (summary.refused > 0) {
              log(
                `The search engine refused ${summary.refused} outbox row(s) on their own; ${summary.dead} parked as dead (see /admin/search).`,
              );
            }
          }
        } catch (error) {
          // The database itself failed (restart, failover): try again later, never crash the server.
          backoffMs = Math.min(maxBackoffMs, backoffMs ? backoffMs * 2 : 1000);
          log(`Outbox drain failed (${error instanceof Error ? error.message : String(error)}); retrying in ${backoffMs} ms.`);
          pending = true;
        }
      }
      if (!running) break;
      // A notification that came during the drain found no one waiting: its work is done now,
      // not at the next poll.
      if (pending && backoffMs === 0 && busyMs === 0) continue;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(
          () => {
            pending = true;
            resolve();
          },
          backoffMs || busyMs || pollMs,
        );
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
      if (relistenTimer) clearTimeout(relistenTimer);
      wakeUp?.();
      await loop;
      await listener?.end().catch(() => {});
    },
  };
}
