import { CompiledQuery, type Transaction } from "kysely";
import type PgBoss from "pg-boss";
import type { Database } from "../../db/schema";

/**
 * The harvest queue's sending side, apart from the job runner (queue.server.ts) so that models can
 * queue a harvest in their own transaction without importing the runner, which imports them.
 */
export const HARVEST_QUEUE = "harvest-source";
/** The meaning model learned again from the whole catalogue (app/jobs/meaning.server.ts, ADR 031). */
export const MEANING_QUEUE = "meaning-recompute";

let boss: PgBoss | null = null;

/** Set by the job runner when it starts (and cleared when it stops). */
export function setHarvestQueue(instance: PgBoss | null) {
  boss = instance;
}

/**
 * Queues a harvest of the source; one waiting harvest per source is enough (the queue's "stately"
 * policy keeps no second one: pg-boss then returns null instead of a job id). Given a transaction,
 * the job row is written in it (pg-boss 10's `db` option): it exists only if the transaction
 * commits, and a job that cannot be queued rolls back whatever the transaction did.
 */
export async function enqueueHarvest(sourceId: string, trx?: Transaction<Database>) {
  if (!boss) throw new Error("The job queue is not running (startJobs was not called).");
  return boss.send(HARVEST_QUEUE, { sourceId }, { singletonKey: sourceId, db: inTransaction(trx) });
}

/**
 * Queues learning the catalogue's meaning again after a change a harvest job did not make (a
 * coordinator confirming a held run's removals), in the change's transaction as enqueueHarvest.
 * Without a running queue (the command line, tests) it does nothing, as after a command-line harvest.
 */
export async function enqueueMeaningRecompute(trx?: Transaction<Database>) {
  return boss ? sendMeaningRecompute(boss, trx) : null;
}

/** The one recompute job of the catalogue: one key, so the queue's "stately" policy keeps at most one waiting. */
export function sendMeaningRecompute(queue: PgBoss, trx?: Transaction<Database>) {
  return queue.send(MEANING_QUEUE, {}, { singletonKey: "catalogue", db: inTransaction(trx) });
}

function inTransaction(trx: Transaction<Database> | undefined): PgBoss.Db | undefined {
  return (
    trx && {
      executeSql: async (text, values) => ({ rows: (await trx.executeQuery(CompiledQuery.raw(text, values))).rows as unknown[] }),
    }
  );
}
