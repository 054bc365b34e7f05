import type { Kysely } from "kysely";

// Frozen: never edit a migration that has shipped; add a new one.

/**
 * A survey sent without an organisation became a request shown by the sender's own name, which
 * the sender never chose: the survey form does not ask, and the survey's page hides a private
 * sender's name. Such requests are shown anonymously from now on (`sendSurvey`), and those already
 * sent are corrected here. Nothing tells a corrected row from one shown by name on purpose, since
 * no survey request ever was, so there is nothing to undo.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db
    .updateTable("requests")
    .set({ requester_shown_as: "anonymous" })
    .where("kind", "=", "survey")
    .where("requester_shown_as", "=", "name")
    .execute();
}

export async function down(): Promise<void> {}
