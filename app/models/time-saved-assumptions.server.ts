import { sql } from "kysely";
import { db } from "../../db/client.server";
import type { TimeSavedScenario } from "../../db/schema";
import { recordEvent } from "./event.server";

/**
 * The coordinators' time-saved assumptions (ADR 025): every change is a new version, so a ledger
 * row keeps the version it was counted under and no change ever rewrites it.
 */

export const scenarios = ["low", "central", "high"] as const satisfies readonly TimeSavedScenario[];
export const assumptionOrganisationTypes = ["municipality", "region"] as const;
export type AssumptionOrganisationType = (typeof assumptionOrganisationTypes)[number];

export interface AssumptionVersion {
  version: number;
  note: string;
  createdAt: Date;
  minutes: Record<AssumptionOrganisationType, Record<TimeSavedScenario, number>>;
  questionPercent: Record<TimeSavedScenario, number>;
}

/** Every version, newest first (the methodology page's history and the admin page). */
export async function listAssumptionVersions(): Promise<AssumptionVersion[]> {
  const [versions, minutes] = await Promise.all([
    db
      .selectFrom("time_saved_assumptions")
      .select(["version", "note", "created_at", "minutes_per_existing_data_answer", "question_percent_low", "question_percent_high"])
      .orderBy("version", "desc")
      .execute(),
    db.selectFrom("time_saved_assumption_minutes").select(["version", "organisation_type", "scenario", "minutes"]).execute(),
  ]);
  return versions.map((v) => {
    const flat = {
      low: v.minutes_per_existing_data_answer,
      central: v.minutes_per_existing_data_answer,
      high: v.minutes_per_existing_data_answer,
    };
    const set = { municipality: { ...flat }, region: { ...flat } };
    for (const m of minutes) if (m.version === v.version) set[m.organisation_type][m.scenario] = m.minutes;
    return {
      version: v.version,
      note: v.note,
      createdAt: v.created_at,
      minutes: set,
      questionPercent: { low: v.question_percent_low, central: 100, high: v.question_percent_high },
    };
  });
}

export interface NewAssumptions {
  note: string;
  minutes: Record<AssumptionOrganisationType, Record<TimeSavedScenario, number>>;
  questionPercent: { low: number; high: number };
}

/** A coordinator's change: a new version (the next number) with its event; earlier versions and ledger rows stay as they are. */
export async function saveAssumptions(input: { actorUserId: string; assumptions: NewAssumptions }) {
  const { assumptions } = input;
  return db.transaction().execute(async (trx) => {
    // Two coordinators saving at once get consecutive versions, not a key conflict. Raw SQL: no builder for advisory locks.
    await sql`SELECT pg_advisory_xact_lock(hashtext('fraga:time-saved-assumptions'))`.execute(trx);
    const latest = await trx
      .selectFrom("time_saved_assumptions")
      .select((eb) => eb.fn.max("version").as("version"))
      .executeTakeFirstOrThrow();
    const version = (latest.version ?? 0) + 1;
    await trx
      .insertInto("time_saved_assumptions")
      .values({
        version,
        minutes_per_existing_data_answer: assumptions.minutes.municipality.central,
        question_percent_low: assumptions.questionPercent.low,
        question_percent_high: assumptions.questionPercent.high,
        note: assumptions.note,
        created_by: input.actorUserId,
      })
      .execute();
    await trx
      .insertInto("time_saved_assumption_minutes")
      .values(
        assumptionOrganisationTypes.flatMap((organisation_type) =>
          scenarios.map((scenario) => ({
            version,
            organisation_type,
            scenario,
            minutes: assumptions.minutes[organisation_type][scenario],
          })),
        ),
      )
      .execute();
    await recordEvent(trx, {
      actorUserId: input.actorUserId,
      entityType: "time_saved_assumptions",
      entityId: String(version),
      action: "create_version",
      toState: String(version),
      reason: assumptions.note,
      data: { minutes: assumptions.minutes, questionPercent: assumptions.questionPercent },
    });
    return { version };
  });
}
