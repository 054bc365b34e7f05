import { sql, type Transaction } from "kysely";
import type { Database, TimeSavedBasis } from "../../db/schema";

/** The assumptions in force: the newest version. */
function currentAssumptions(trx: Transaction<Database>) {
  return trx
    .selectFrom("time_saved_assumptions")
    .select(["version", "minutes_per_existing_data_answer as minutes"])
    .orderBy("version", "desc")
    .limit(1)
    .executeTakeFirstOrThrow();
}

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
  const assumptions = await currentAssumptions(trx);
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

/**
 * Credits a published task's organisation for the answers its one publication spared (ADR 023),
 * once the dataset is in the catalogue: when the task is published with a catalogue dataset, or
 * when a harvest brings the dataset a pending link named. Counted conservatively, one row each:
 * - every duplicate request merged into the task's request that asked this organisation too, and
 *   whose merge was not already credited to this organisation (the merge row counts the same
 *   spared answer);
 * - every other requester who voted for the request: not its requester, not the requester of a
 *   merged duplicate (counted through it), not a member of the organisation itself.
 * Followers are not counted (following is watching, not asking). A task is credited once: a task
 * with credit is skipped, whatever happens to it or its links later.
 */
export async function creditPublishedTasks(trx: Transaction<Database>, input: { taskIds: string[]; actorUserId: string | null }) {
  let rows = 0;
  for (const taskId of [...new Set(input.taskIds)].sort()) {
    // Two harvests may resolve two pending links of one task at once: the second waits, then sees the first's rows.
    // Raw SQL: Kysely has no builder for advisory locks.
    await sql`SELECT pg_advisory_xact_lock(hashtext('fraga:published-credit'), hashtext(${taskId}))`.execute(trx);
    rows += await creditPublishedTask(trx, taskId, input.actorUserId);
  }
  return rows;
}

async function creditPublishedTask(trx: Transaction<Database>, taskId: string, actorUserId: string | null) {
  const task = await trx
    .selectFrom("tasks")
    .innerJoin("requests", "requests.id", "tasks.request_id")
    .select(["tasks.id", "tasks.status", "tasks.organisation_id", "tasks.request_id", "requests.requester_user_id"])
    .where("tasks.id", "=", taskId)
    .executeTakeFirst();
  if (!task || task.status !== "published") return 0;
  const credited = await trx
    .selectFrom("time_saved")
    .select("id")
    .where("task_id", "=", taskId)
    .where("reason", "=", "published_dataset")
    .limit(1)
    .executeTakeFirst();
  if (credited) return 0;

  const duplicates = await trx
    .selectFrom("requests")
    .innerJoin("request_targets", "request_targets.request_id", "requests.id")
    .select(["requests.id", "requests.requester_user_id"])
    .where("requests.duplicate_of", "=", task.request_id)
    .where("requests.status", "=", "duplicate")
    .where("request_targets.organisation_id", "=", task.organisation_id)
    .execute();
  const mergeCredited = new Set(
    duplicates.length
      ? (
          await trx
            .selectFrom("time_saved")
            .select("request_id")
            .where("reason", "=", "duplicate_merged")
            .where("organisation_id", "=", task.organisation_id)
            .where(
              "request_id",
              "in",
              duplicates.map((d) => d.id),
            )
            .execute()
        ).map((row) => row.request_id)
      : [],
  );
  const notCounted = [task.requester_user_id, ...duplicates.map((d) => d.requester_user_id)].filter((id): id is string => id !== null);
  const voters = await trx
    .selectFrom("votes")
    .select("user_id")
    .where("request_id", "=", task.request_id)
    .$if(notCounted.length > 0, (qb) => qb.where("user_id", "not in", notCounted))
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom("memberships")
            .select("memberships.id")
            .whereRef("memberships.user_id", "=", "votes.user_id")
            .where("memberships.organisation_id", "=", task.organisation_id),
        ),
      ),
    )
    .orderBy("created_at")
    .execute();

  const spared: { requestId: string; basis: TimeSavedBasis }[] = [
    ...duplicates.filter((d) => !mergeCredited.has(d.id)).map((d) => ({ requestId: d.id, basis: "merged_duplicate" as const })),
    ...voters.map(() => ({ requestId: task.request_id, basis: "vote" as const })),
  ];
  if (spared.length === 0) return 0;
  const assumptions = await currentAssumptions(trx);
  await trx
    .insertInto("time_saved")
    .values(
      spared.map((s) => ({
        request_id: s.requestId,
        organisation_id: task.organisation_id,
        task_id: task.id,
        basis: s.basis,
        minutes: assumptions.minutes,
        reason: "published_dataset" as const,
        assumption_version: assumptions.version,
        actor_user_id: actorUserId,
      })),
    )
    .execute();
  return spared.length;
}
