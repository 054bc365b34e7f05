import { sql, type Kysely } from "kysely";

// Frozen: never edit a migration that has shipped; add a new one.

/**
 * Learning from use (issue 11, ADR 032): one row per piece of evidence that a request's words mean
 * a dataset — a requester accepted the dataset as the answer, a municipality linked it in its
 * task's answer, or a coordinator merged a duplicate into a request that links it. Written in the
 * transaction of that state change; the built-in engine learns its word → dataset and word → kind
 * associations from these rows (search/learning). `words` and `stems` are aligned: the request's
 * words as typed (lower case, for the admin page) and their stems by the matcher's own stemming.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("search_match_evidence")
    .addColumn("id", "bigserial", (c) => c.primaryKey())
    .addColumn("source", "text", (c) => c.notNull().check(sql`source IN ('accepted_match', 'task_link', 'duplicate_merged')`))
    // Who taught it: the distinct-user rule counts these. A removed account takes its teaching along.
    .addColumn("user_id", "uuid", (c) => c.notNull().references("users.id").onDelete("cascade"))
    // The request whose text is the evidence's words (for a merge: the duplicate's).
    .addColumn("request_id", "uuid", (c) => c.notNull().references("requests.id").onDelete("cascade"))
    // A task link's evidence goes when the task no longer links the dataset.
    .addColumn("task_id", "uuid", (c) => c.references("tasks.id").onDelete("cascade"))
    .addColumn("dataset_id", "uuid", (c) => c.notNull().references("datasets.id").onDelete("cascade"))
    .addColumn("words", sql`text[]`, (c) => c.notNull())
    .addColumn("stems", sql`text[]`, (c) => c.notNull())
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex("search_match_evidence_dataset").on("search_match_evidence").column("dataset_id").execute();
  await db.schema.createIndex("search_match_evidence_task").on("search_match_evidence").column("task_id").execute();
  await db.schema.createIndex("search_match_evidence_request").on("search_match_evidence").column("request_id").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("search_match_evidence").execute();
}
