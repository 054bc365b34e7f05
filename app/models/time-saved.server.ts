import { sql, type Transaction } from "kysely";
import type { Database, TimeSavedBasis, TimeSavedReason, TimeSavedScenario } from "../../db/schema";
import { ConflictError } from "./errors.server";
import { recordEvent } from "./event.server";
import { inTransaction } from "./transaction.server";

/**
 * The time-saved ledger (ADR 025): append-only rows, one per organisation spared, each with its
 * reason, the basis it was counted on and a short JSON of the facts (no personal data), the
 * assumption version in force and its three scenario figures. Credit is conservative, so the
 * figure survives an audit; a wrong row is corrected by a reversing row, never by an update.
 */

export interface AssumptionSet {
  version: number;
  /** Minutes per answer spared, by kind of organisation and scenario. */
  minutes: Record<"municipality" | "region", Record<TimeSavedScenario, number>>;
  /** The share of a survey question's own estimate each scenario counts (central is always 100). */
  questionPercent: Record<TimeSavedScenario, number>;
}

/** The assumptions in force: the newest version (a version without scenario rows counts its one figure in all three). */
export async function currentAssumptions(trx: Transaction<Database>): Promise<AssumptionSet> {
  const version = await trx
    .selectFrom("time_saved_assumptions")
    .select(["version", "minutes_per_existing_data_answer as minutes", "question_percent_low", "question_percent_high"])
    .orderBy("version", "desc")
    .limit(1)
    .executeTakeFirstOrThrow();
  const rows = await trx
    .selectFrom("time_saved_assumption_minutes")
    .select(["organisation_type", "scenario", "minutes"])
    .where("version", "=", version.version)
    .execute();
  const flat = { low: version.minutes, central: version.minutes, high: version.minutes };
  const minutes = { municipality: { ...flat }, region: { ...flat } };
  for (const row of rows) minutes[row.organisation_type][row.scenario] = row.minutes;
  return {
    version: version.version,
    minutes,
    questionPercent: { low: version.question_percent_low, central: 100, high: version.question_percent_high },
  };
}

/** The three figures a row for an organisation of this kind carries. */
function requestFigures(assumptions: AssumptionSet, organisationType: string) {
  const set = assumptions.minutes[organisationType === "region" ? "region" : "municipality"];
  return { minutes: set.central, minutes_low: set.low, minutes_high: set.high };
}

interface Credit {
  organisationId: string;
  basis: TimeSavedBasis;
  detail: Record<string, string | number>;
  datasetId?: string | null;
}

/** Appends one row per credit, with the figures of the assumptions in force for the organisation's kind. */
async function appendCredits(
  trx: Transaction<Database>,
  input: { requestId: string; reason: TimeSavedReason; actorUserId: string | null; credits: Credit[] },
) {
  if (input.credits.length === 0) return 0;
  const assumptions = await currentAssumptions(trx);
  const types = await organisationTypes(
    trx,
    input.credits.map((c) => c.organisationId),
  );
  await trx
    .insertInto("time_saved")
    .values(
      input.credits.map((credit) => ({
        request_id: input.requestId,
        organisation_id: credit.organisationId,
        ...requestFigures(assumptions, types.get(credit.organisationId) ?? "municipality"),
        reason: input.reason,
        basis: credit.basis,
        basis_detail: JSON.stringify(credit.detail),
        dataset_id: credit.datasetId ?? null,
        assumption_version: assumptions.version,
        actor_user_id: input.actorUserId,
      })),
    )
    .execute();
  return input.credits.length;
}

async function organisationTypes(trx: Transaction<Database>, ids: string[]) {
  if (ids.length === 0) return new Map<string, string>();
  const rows = await trx.selectFrom("organisations").select(["id", "type"]).where("id", "in", ids).execute();
  return new Map(rows.map((o) => [o.id, o.type as string]));
}

/**
 * The organisations a request asks: the tasks' organisations once routed (the coordinator's
 * routing is what was really asked), else the targets the requester chose.
 */
export async function organisationsAsked(trx: Transaction<Database>, requestId: string) {
  const tasks = await trx.selectFrom("tasks").select("organisation_id").where("request_id", "=", requestId).execute();
  if (tasks.length) return new Set(tasks.map((t) => t.organisation_id));
  const targets = await trx.selectFrom("request_targets").select("organisation_id").where("request_id", "=", requestId).execute();
  return new Set(targets.map((t) => t.organisation_id));
}

/**
 * A request answered by datasets already in the catalogue: credits only the organisations it asked
 * whose own dataset answered (the dataset's publisher, or its catalogue source's, is that
 * organisation), or, when a dataset of the region answered, every organisation it asked (the
 * region's dataset covers its municipalities). A Borås dataset accepted for a request to all 49
 * municipalities spares Borås alone: the others were never going to write Borås's answer.
 */
export async function creditExistingData(
  trx: Transaction<Database>,
  input: { requestId: string; datasetIds: string[]; actorUserId: string | null },
) {
  if (input.datasetIds.length === 0) return 0;
  const asked = await organisationsAsked(trx, input.requestId);
  const datasets = await trx
    .selectFrom("datasets")
    .innerJoin("catalogue_sources", "catalogue_sources.id", "datasets.source_id")
    .innerJoin("organisations", (join) =>
      join.on((eb) =>
        eb("organisations.id", "=", eb.fn.coalesce("datasets.publisher_organisation_id", "catalogue_sources.publisher_organisation_id")),
      ),
    )
    .select(["datasets.id", "datasets.uri", "organisations.id as publisherId", "organisations.slug", "organisations.type"])
    .where("datasets.id", "in", input.datasetIds)
    .orderBy("datasets.uri")
    .execute();
  const credits = new Map<string, Credit>();
  for (const d of datasets) {
    if (asked.has(d.publisherId)) {
      credits.set(d.publisherId, {
        organisationId: d.publisherId,
        basis: "own_dataset",
        datasetId: d.id,
        detail: { dataset: d.uri, publisher: d.slug },
      });
    }
  }
  for (const d of datasets.filter((d) => d.type === "region")) {
    for (const organisationId of [...asked].sort()) {
      if (credits.has(organisationId)) continue;
      credits.set(organisationId, {
        organisationId,
        basis: "regional_dataset",
        datasetId: d.id,
        detail: { dataset: d.uri, publisher: d.slug },
      });
    }
  }
  return appendCredits(trx, {
    requestId: input.requestId,
    reason: "existing_dataset",
    actorUserId: input.actorUserId,
    credits: [...credits.values()],
  });
}

/**
 * A duplicate merged into its original: credits only the organisations both requests would have
 * asked, since only they are spared writing the same answer twice.
 */
export async function creditMergedDuplicate(
  trx: Transaction<Database>,
  input: { duplicateId: string; originalId: string; originalNumber: number; actorUserId: string | null },
) {
  const [duplicate, original] = await Promise.all([organisationsAsked(trx, input.duplicateId), organisationsAsked(trx, input.originalId)]);
  const both = [...duplicate].filter((id) => original.has(id)).sort();
  return appendCredits(trx, {
    requestId: input.duplicateId,
    reason: "duplicate_merged",
    actorUserId: input.actorUserId,
    credits: both.map((organisationId) => ({
      organisationId,
      basis: "asked_by_both",
      detail: { original: input.originalNumber, askedByDuplicate: duplicate.size, askedByOriginal: original.size },
    })),
  });
}

/** The reasons a survey question spared an organisation: an earlier answer reused, or open data. */
const sparedQuestionReasons = ["survey_question_reused", "survey_question_open_data"] as const;

/** A survey question one organisation was not asked, because open data or its earlier answer gave it (ADR 026). */
export interface SparedQuestion {
  questionId: string;
  /** The request the survey is, when it has one. */
  requestId?: string | null;
  organisationId: string;
  /** The question's own estimate; the central figure. */
  minutes: number;
  reason: (typeof sparedQuestionReasons)[number];
  /** The dataset that answered (open data). */
  datasetId?: string | null;
  /** Short facts, no personal data: e.g. { survey, earlierSurvey, answeredOn }. */
  detail?: Record<string, string | number>;
}

/**
 * Appends one ledger row per question × organisation spared, with the question's own estimate as
 * the central minutes and the assumptions' low/high shares of it. Called by the survey commands in
 * their transaction; writes no event of its own (the survey's change has it).
 */
export async function recordSparedQuestions(trx: Transaction<Database>, rows: SparedQuestion[], actorUserId: string | null = null) {
  if (rows.length === 0) return 0;
  const assumptions = await currentAssumptions(trx);
  const share = (minutes: number, percent: number) => Math.round((minutes * percent) / 100);
  await trx
    .insertInto("time_saved")
    .values(
      rows.map((row) => ({
        request_id: row.requestId ?? null,
        question_id: row.questionId,
        organisation_id: row.organisationId,
        minutes: row.minutes,
        minutes_low: share(row.minutes, assumptions.questionPercent.low),
        minutes_high: share(row.minutes, assumptions.questionPercent.high),
        reason: row.reason,
        basis: row.reason === "survey_question_open_data" ? ("open_data" as const) : ("earlier_answer" as const),
        basis_detail: JSON.stringify(row.detail ?? {}),
        dataset_id: row.datasetId ?? null,
        assumption_version: assumptions.version,
        actor_user_id: actorUserId,
      })),
    )
    .execute();
  return rows.length;
}

/**
 * The organisation answered by hand questions a survey had spared it (it corrected the reused
 * answer or the open data): their credit for the request is reversed, each row not reversed yet.
 */
export async function reverseSparedQuestionCredit(
  trx: Transaction<Database>,
  input: { requestId: string; organisationId: string; questionIds: string[]; actorUserId: string },
) {
  if (input.questionIds.length === 0) return [];
  await lockLedgerReversals(trx);
  const credited = await creditsStanding(trx, input.requestId, sparedQuestionReasons)
    .where("organisation_id", "=", input.organisationId)
    .where("question_id", "in", input.questionIds)
    .execute();
  return reverseTimeSaved(trx, {
    rowIds: credited.map((row) => row.id),
    why: "Organisationen rättade det återanvända svaret och svarade själv.",
    actorUserId: input.actorUserId,
  });
}

/**
 * A coordinator rejected a request its requester had answered at once with a dataset (spam, ADR
 * 040): no organisation was spared anything, so the credit for it is reversed, each row not reversed yet.
 */
export async function reverseExistingDataCredit(trx: Transaction<Database>, input: { requestId: string; actorUserId: string }) {
  await lockLedgerReversals(trx);
  const credited = await creditsStanding(trx, input.requestId, ["existing_dataset"]).execute();
  return reverseTimeSaved(trx, {
    rowIds: credited.map((row) => row.id),
    why: "En samordnare avvisade förfrågan.",
    actorUserId: input.actorUserId,
  });
}

/** Two corrections of one row must not both pass the check: reversals run one at a time, until the transaction ends. */
async function lockLedgerReversals(trx: Transaction<Database>) {
  // Raw SQL: Kysely has no builder for advisory locks. Taken again by the same transaction, it is held already.
  await sql`SELECT pg_advisory_xact_lock(hashtext('fraga:time-saved-reversal'))`.execute(trx);
}

/**
 * The request's ledger rows of these reasons that still count: not reversals, not reversed. Read
 * under lockLedgerReversals, so a row a coordinator reverses by hand meanwhile is not read as standing.
 */
function creditsStanding(trx: Transaction<Database>, requestId: string, reasons: readonly TimeSavedReason[]) {
  return trx
    .selectFrom("time_saved")
    .select("id")
    .where("request_id", "=", requestId)
    .where("reason", "in", reasons)
    .where("reverses_id", "is", null)
    .where((eb) => eb.not(eb.exists(eb.selectFrom("time_saved as r").select("r.id").whereRef("r.reverses_id", "=", "time_saved.id"))));
}

/** A row already reversed, or itself a reversal, or none with that number: it cannot be reversed (again). */
export class NotReversibleError extends ConflictError {
  constructor(
    readonly rowId: number,
    exists = true,
  ) {
    super(exists ? "errors.ledgerRowNotReversible" : "errors.ledgerRowNotFound");
  }
}

/**
 * Corrects ledger rows by appending, for each, a row that negates it (same organisation, reason,
 * request and question; the figures negated), with why in its basis detail and an audit event.
 * Nothing is updated: the wrong row and its correction both stay, and their sum is zero.
 */
export async function reverseTimeSaved(trx: Transaction<Database>, input: { rowIds: number[]; why: string; actorUserId: string | null }) {
  const ids = [...new Set(input.rowIds)].sort((a, b) => a - b);
  if (ids.length === 0) return [];
  await lockLedgerReversals(trx);
  const rows = await trx
    .selectFrom("time_saved")
    .select([
      "id",
      "reverses_id",
      (eb) => eb.exists(eb.selectFrom("time_saved as r").select("r.id").whereRef("r.reverses_id", "=", "time_saved.id")).as("reversed"),
    ])
    .where("id", "in", ids)
    .orderBy("id")
    .execute();
  if (rows.length !== ids.length)
    throw new NotReversibleError(
      ids.find((id) => !rows.some((r) => r.id === id))!,
      false,
    );
  for (const row of rows) if (row.reverses_id !== null || row.reversed) throw new NotReversibleError(row.id);
  // Copied in SQL from the rows themselves: the timestamp keeps its microseconds, which a JavaScript Date would drop.
  const written = await trx
    .insertInto("time_saved")
    .columns([
      "occurred_at",
      "request_id",
      "question_id",
      "organisation_id",
      "minutes",
      "minutes_low",
      "minutes_high",
      "reason",
      "basis",
      "basis_detail",
      "dataset_id",
      "assumption_version",
      "actor_user_id",
      "reverses_id",
    ])
    .expression((eb) =>
      eb
        .selectFrom("time_saved as t")
        .select([
          // In the reversed row's period, so each period's sums lose exactly what was wrongly credited in it.
          "t.occurred_at",
          "t.request_id",
          "t.question_id",
          "t.organisation_id",
          sql<number>`-t.minutes`.as("minutes"),
          sql<number>`-t.minutes_low`.as("minutes_low"),
          sql<number>`-t.minutes_high`.as("minutes_high"),
          "t.reason",
          sql<string>`'reversal'`.as("basis"),
          sql<string>`${JSON.stringify({ why: input.why })}::jsonb || jsonb_build_object('correctedAt', now())`.as("basis_detail"),
          "t.dataset_id",
          "t.assumption_version",
          eb.val(input.actorUserId).as("actor_user_id"),
          "t.id",
        ])
        .where("t.id", "in", ids)
        .orderBy("t.id"),
    )
    .returning(["id", "reverses_id"])
    .execute();
  for (const row of written) {
    await recordEvent(trx, {
      actorUserId: input.actorUserId,
      entityType: "time_saved",
      entityId: String(row.reverses_id),
      action: "reverse",
      reason: input.why,
      data: { reversalId: row.id },
    });
  }
  return written.map((row) => row.id);
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
  const types = await organisationTypes(trx, [task.organisation_id]);
  await trx
    .insertInto("time_saved")
    .values(
      spared.map((s) => ({
        request_id: s.requestId,
        organisation_id: task.organisation_id,
        task_id: task.id,
        basis: s.basis,
        ...requestFigures(assumptions, types.get(task.organisation_id) ?? "municipality"),
        reason: "published_dataset" as const,
        assumption_version: assumptions.version,
        actor_user_id: actorUserId,
      })),
    )
    .execute();
  return spared.length;
}

/** A coordinator corrects one ledger row (its number from the CSV) with a reason: one reversing row and its event. */
export async function reverseLedgerRow(input: { actorUserId: string; rowId: number; why: string }, trx?: Transaction<Database>) {
  return inTransaction(trx, async (trx) => {
    const [reversalId] = await reverseTimeSaved(trx, { rowIds: [input.rowId], why: input.why, actorUserId: input.actorUserId });
    return { reversalId };
  });
}
