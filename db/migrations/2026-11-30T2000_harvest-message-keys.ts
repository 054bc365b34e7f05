import type { Kysely } from "kysely";

// Frozen: never edit a migration that has shipped; add a new one.

/**
 * A run's error was stored as a Swedish sentence, which an English-speaking admin then read in
 * Swedish. From now on the run keeps the message's catalogue key and parameters beside the text
 * (the text stays, in Swedish, for the command line and for runs written before this). Entries of
 * `errors` and `warnings` may carry `key` and `params` the same way; they are JSON already.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("harvest_runs").addColumn("error_key", "text").addColumn("error_params", "jsonb").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("harvest_runs").dropColumn("error_key").dropColumn("error_params").execute();
}
