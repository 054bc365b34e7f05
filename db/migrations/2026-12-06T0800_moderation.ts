import { sql, type Kysely } from "kysely";

// Frozen: never edit a migration that has shipped; add a new one.

/**
 * Moderation (issue 13, ADR 040): the coordinators' setting to publish requests only after triage,
 * kept as one row; on each request whether it is held for review (visible only to its requester
 * and coordinators until triage routes it); and the reports signed-in users make of a request or a
 * comment, once per user and item, until a coordinator resolves them.
 *
 * Every request that exists now stays as public as it was: the column defaults to false.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("moderation_settings")
    // One row only: the key can hold nothing but true.
    .addColumn("id", "boolean", (c) => c.primaryKey().defaultTo(true))
    .addColumn("publish_after_triage", "boolean", (c) => c.notNull().defaultTo(false))
    .addColumn("updated_by", "uuid", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint("moderation_settings_single_row", sql`id`)
    .execute();
  await db.insertInto("moderation_settings").values({ id: true }).execute();

  await db.schema
    .alterTable("requests")
    .addColumn("held_for_review", "boolean", (c) => c.notNull().defaultTo(false))
    .execute();
  // Few requests are ever held at once: the coordinators' list of them reads this small index.
  await db.schema
    .createIndex("requests_held_for_review_idx")
    .on("requests")
    .column("created_at")
    .where(sql.ref("held_for_review"), "=", true)
    .execute();

  await db.schema
    .createTable("content_reports")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("request_id", "uuid", (c) => c.notNull().references("requests.id").onDelete("cascade"))
    // Null: the report is of the request itself.
    .addColumn("comment_id", "uuid", (c) => c.references("comments.id").onDelete("cascade"))
    .addColumn("reporter_user_id", "uuid", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("reason", "text", (c) => c.notNull())
    .addColumn("note", "text")
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("resolved_at", "timestamptz")
    .addColumn("resolved_by", "uuid", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("resolution", "text")
    .addCheckConstraint("content_reports_reason", sql`reason IN ('spam', 'offensive', 'personal_data', 'other')`)
    .addCheckConstraint("content_reports_note_length", sql`char_length(note) <= 1000`)
    .addCheckConstraint("content_reports_resolution", sql`resolution IN ('dismissed', 'hidden', 'rejected')`)
    .addCheckConstraint("content_reports_resolved", sql`(resolved_at IS NULL) = (resolution IS NULL)`)
    .execute();
  // Once per user and item, resolved or not. Two partial indexes rather than NULLS NOT DISTINCT,
  // which a PostgreSQL older than 15 (DATABASE_URL may name one) does not know.
  await db.schema
    .createIndex("content_reports_request_once")
    .unique()
    .on("content_reports")
    .columns(["reporter_user_id", "request_id"])
    .where(sql.ref("comment_id"), "is", null)
    .execute();
  await db.schema
    .createIndex("content_reports_comment_once")
    .unique()
    .on("content_reports")
    .columns(["reporter_user_id", "comment_id"])
    .where(sql.ref("comment_id"), "is not", null)
    .execute();
  // The triage queue's open reports.
  await db.schema
    .createIndex("content_reports_open_idx")
    .on("content_reports")
    .column("request_id")
    .where(sql.ref("resolved_at"), "is", null)
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("content_reports").execute();
  await db.schema.dropIndex("requests_held_for_review_idx").execute();
  await db.schema.alterTable("requests").dropColumn("held_for_review").execute();
  await db.schema.dropTable("moderation_settings").execute();
}
