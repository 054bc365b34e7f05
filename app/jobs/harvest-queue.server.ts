import { CompiledQuery, type Transaction } from "kysely";
import type PgBoss from "pg-boss";
import type { Database } from "../../db/schema";

/**
 * The harvest queue's sending side, apart from the job runner (queue.server.ts) so that models can
 * queue a harvest in their own transaction without importing the runner, which imports them.
 */
export const HARVEST_QUEUE = "harvest-source";

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
  const db: PgBoss.Db | undefined = trx && {
    executeSql: async (text, values) => ({ rows: (await trx.executeQuery(CompiledQuery.raw(text, values))).rows as unknown[] }),
  };
  return boss.send(HARVEST_QUEUE, { sourceId }, { singletonKey: sourceId, db });
}
