import { sql, type Kysely } from "kysely";

// Frozen: never edit a migration that has shipped; add a new one.

/**
 * Learning from use (issue 11, ADR 032, amendment 2026-12-01): whose words a piece of evidence
 * is. The distinct-people rule counted only who taught the words (the requester who accepted, the
 * responder who linked, the coordinator who merged), so one requester's words, linked by one
 * person and merged by another, were learned. An association now also needs two distinct writers.
 * The writer is the request's requester, or a survey's sender; unknown (null) once their account
 * is removed, as the request's requester becomes. Such evidence counts for no writer.
 *
 * A merged duplicate's evidence for a dataset one of the original's tasks links now names that
 * task, so it goes when the task no longer links it (reopened, declined, not held, a new answer).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable("search_match_evidence")
    .addColumn("writer_user_id", "uuid", (c) => c.references("users.id").onDelete("set null"))
    .execute();
  // Raw SQL: the backfill reads the request's requester and, for a survey, its sender.
  await sql`
    UPDATE search_match_evidence e
    SET writer_user_id = coalesce(r.requester_user_id, s.sender_user_id)
    FROM requests r
    LEFT JOIN surveys s ON s.request_id = r.id
    WHERE r.id = e.request_id`.execute(db);
  // A merged duplicate's evidence came from the original's accepted datasets (no task) or its
  // tasks' links: name the task that links the dataset where the requester did not accept it.
  await sql`
    UPDATE search_match_evidence e
    SET task_id = (
      SELECT min(t.id::text)::uuid
      FROM requests dup
      JOIN tasks t ON t.request_id = dup.duplicate_of
      JOIN task_datasets td ON td.task_id = t.id AND td.dataset_id = e.dataset_id
      WHERE dup.id = e.request_id)
    WHERE e.source = 'duplicate_merged' AND e.task_id IS NULL
      AND NOT EXISTS (
        SELECT 1 FROM requests dup JOIN request_datasets rd ON rd.request_id = dup.duplicate_of AND rd.dataset_id = e.dataset_id
        WHERE dup.id = e.request_id)`.execute(db);
  // Evidence of a task that is no longer answered (reopened before this change) follows its state.
  await sql`
    DELETE FROM search_match_evidence e
    USING tasks t
    WHERE t.id = e.task_id AND t.status NOT IN ('answered', 'published')`.execute(db);
  await db.schema.createIndex("search_match_evidence_writer").on("search_match_evidence").column("writer_user_id").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex("search_match_evidence_writer").execute();
  await db.schema.alterTable("search_match_evidence").dropColumn("writer_user_id").execute();
}
