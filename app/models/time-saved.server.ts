import type { Transaction } from "kysely";
import type { Database } from "../../db/schema";

/**
 * Appends ledger rows: one per organisation spared, with the minutes of the assumptions in force
 * (the newest version), so a later change of assumptions never rewrites what was written.
 */
export async function recordTimeSaved(
  trx: Transaction<Database>,
  input: {
    requestId: string;
    organisationIds: string[];
    reason: "existing_dataset" | "duplicate_merged";
    actorUserId: string | null;
  },
) {
  if (input.organisationIds.length === 0) return;
  const assumptions = await trx
    .selectFrom("time_saved_assumptions")
    .select(["version", "minutes_per_existing_data_answer as minutes"])
    .orderBy("version", "desc")
    .limit(1)
    .executeTakeFirstOrThrow();
  await trx
    .insertInto("time_saved")
    .values(
      input.organisationIds.map((organisation_id) => ({
        request_id: input.requestId,
        organisation_id,
        minutes: assumptions.minutes,
        reason: input.reason,
        assumption_version: assumptions.version,
        actor_user_id: input.actorUserId,
      })),
    )
    .execute();
}
