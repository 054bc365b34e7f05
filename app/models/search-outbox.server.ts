import { sql } from "kysely";
import { db } from "../../db/client.server";
import { getSearchEngine } from "../../search/engines/select-engine.server";
import type { MeaningTables } from "../../search/meaning/tables";
import { enqueueMeaningRecompute } from "../jobs/harvest-queue.server";
import { recordEvent } from "./event.server";

/**
 * The admins' view of the search outbox (issue 7): rows whose document the search engine refused
 * until their attempts ran out (search/indexing/outbox.server.ts parks them), with the engine's error, and
 * the command that gives them new attempts once the cause is fixed.
 */

export interface DeadOutboxRow {
  id: number;
  entityType: string;
  entityId: string;
  /** The dataset's or request's title when it still exists (Swedish first). */
  title: string | null;
  attempts: number;
  lastError: string | null;
  enqueuedAt: Date;
  deadAt: Date;
}

/** Rows that gave up, newest first, with what the engine said: for the admins' page. */
export async function listDeadOutboxRows(options: { limit?: number } = {}): Promise<DeadOutboxRow[]> {
  const rows = await db
    .selectFrom("search_outbox as o")
    .leftJoin("datasets as d", (join) => join.on(sql<boolean>`o.entity_type = 'dataset' AND d.id::text = o.entity_id`))
    .leftJoin("requests as r", (join) => join.on(sql<boolean>`o.entity_type = 'request' AND r.id::text = o.entity_id`))
    .select([
      "o.id",
      "o.entity_type as entityType",
      "o.entity_id as entityId",
      "o.attempts",
      "o.last_error as lastError",
      "o.enqueued_at as enqueuedAt",
      "o.dead_at as deadAt",
      // The dataset's title is a language map; a request's is text.
      sql<string | null>`coalesce(d.title->>'sv', d.title->>'en', r.title)`.as("title"),
    ])
    .where("o.dead_at", "is not", null)
    .orderBy("o.dead_at", "desc")
    .orderBy("o.id", "desc")
    .limit(options.limit ?? 200)
    .execute();
  return rows.map((row) => ({ ...row, deadAt: row.deadAt as Date }));
}

/**
 * An admin gives dead rows (all of them without `ids`) a new set of attempts, due now; the audit
 * event is written in the same transaction. Returns how many rows were revived.
 */
export async function retryDeadOutboxRows(input: { actorUserId: string; ids?: number[] }) {
  if (input.ids && input.ids.length === 0) return 0;
  return db.transaction().execute(async (trx) => {
    const revived = await trx
      .updateTable("search_outbox")
      .set({ dead_at: null, attempts: 0, next_attempt_at: sql<Date>`now()` })
      .where("dead_at", "is not", null)
      .$if(input.ids !== undefined, (qb) => qb.where("id", "in", input.ids!))
      .returning(["id", "entity_type", "entity_id"])
      .execute();
    if (revived.length === 0) return 0;
    await recordEvent(trx, {
      actorUserId: input.actorUserId,
      entityType: "search_outbox",
      entityId: revived.length === 1 ? String(revived[0].id) : "dead",
      action: "search_outbox.retried",
      fromState: "dead",
      toState: "pending",
      data: { rows: revived.map((row) => ({ id: row.id, entityType: row.entity_type, entityId: row.entity_id })) },
    });
    // Wakes the server's worker at once, as an enqueue would.
    await sql`SELECT pg_notify('search_outbox', '')`.execute(trx);
    return revived.length;
  });
}

/** Live rows still waiting for the worker (due or backing off). */
export async function countPendingOutboxRows() {
  const row = await db
    .selectFrom("search_outbox")
    .select((eb) => eb.fn.countAll<string>().as("n"))
    .where("dead_at", "is", null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Which engine the outbox feeds ("postgres" or "meilisearch"); here so pg stays out of the browser bundle. */
export function searchEngineName() {
  return getSearchEngine().name;
}

/** A meaning recompute failed (the queue tries it twice more): kept, so the admins see it (ADR 031). */
export async function recordMeaningRecomputeFailure(error: string) {
  await db
    .withTables<MeaningTables>()
    .insertInto("search_meaning_failures")
    .values({ error: error.slice(0, 2000) })
    .execute();
}

/**
 * The meaning model the matcher uses (when and from how many datasets it was learned) and, when
 * the latest recompute failed after it, that failure: for the admins' page.
 */
export async function meaningModelState() {
  const meaningDb = db.withTables<MeaningTables>();
  const [model, failure] = await Promise.all([
    meaningDb.selectFrom("search_meaning_models").select(["built_at as builtAt", "documents"]).orderBy("id", "desc").executeTakeFirst(),
    meaningDb.selectFrom("search_meaning_failures").select(["failed_at as failedAt", "error"]).orderBy("id", "desc").executeTakeFirst(),
  ]);
  return {
    builtAt: model?.builtAt ?? null,
    documents: model?.documents ?? 0,
    failure: failure && (!model || failure.failedAt > model.builtAt) ? failure : null,
  };
}

/** An admin asks for the meaning model to be learned again (after a failure): the job and its event in one transaction. */
export async function retryMeaningRecompute(input: { actorUserId: string }) {
  return db.transaction().execute(async (trx) => {
    const job = await enqueueMeaningRecompute(trx);
    await recordEvent(trx, {
      actorUserId: input.actorUserId,
      entityType: "meaning_model",
      entityId: "catalogue",
      action: "meaning.retried",
      data: { queued: job !== null },
    });
    return { queued: job !== null };
  });
}
