import { sql, type Kysely } from "kysely";

// Frozen: never edit a migration that has shipped; add a new one.

/**
 * A survey's task answered in full kept a Swedish text ("Enkätens 3 frågor är besvarade."), shown
 * as the organisation's answer to every reader, in English too. The task now keeps no text (the
 * answers are the survey's) and the pages and the mail say it in each reader's language; the texts
 * written before are cleared, only where the whole text is that sentence on a survey's task.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    UPDATE tasks SET answer_text = NULL
    FROM surveys
    WHERE surveys.request_id = tasks.request_id
      AND tasks.answer_text ~ '^Enkätens [0-9]+ frågor är besvarade\\.$'`.execute(db);
}

export async function down(): Promise<void> {
  // The cleared sentence said nothing the survey's answers do not; it is not written back.
}
