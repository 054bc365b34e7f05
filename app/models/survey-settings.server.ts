import type { Transaction } from "kysely";
import { db } from "../../db/client.server";
import type { Database } from "../../db/schema";
import { can, type Actor } from "../auth/permissions";
import { surveyAnswerTypes, type SurveyAnswerType } from "../domain/surveys";
import { ForbiddenError } from "./errors.server";
import { recordEvent } from "./event.server";
import { inTransaction } from "./transaction.server";

/**
 * The coordinators' survey settings (issue 10, ADR 026): the answer time a new question of each
 * type is prefilled with, how long an earlier answer counts as current (older ones are offered,
 * marked old), and how far back "asked recently by another survey" looks. A change applies to
 * what is created after it; a question's own estimate and the ledger rows already written stay.
 */

export interface SurveySettings {
  validityMonths: number;
  recentlyAskedMonths: number;
  minutes: Record<SurveyAnswerType, number>;
}

export async function getSurveySettings(): Promise<SurveySettings & { updatedAt: Date }> {
  const [settings, defaults] = await Promise.all([
    db
      .selectFrom("survey_settings")
      .select(["validity_months as validityMonths", "recently_asked_months as recentlyAskedMonths", "updated_at as updatedAt"])
      .executeTakeFirstOrThrow(),
    db.selectFrom("survey_answer_time_defaults").select(["answer_type as answerType", "minutes"]).execute(),
  ]);
  const minutes = Object.fromEntries(surveyAnswerTypes.map((type) => [type, defaults.find((d) => d.answerType === type)?.minutes ?? 0]));
  return { ...settings, minutes: minutes as Record<SurveyAnswerType, number> };
}

export function updateSurveySettings(input: { actor: Actor } & SurveySettings, trx?: Transaction<Database>) {
  if (!can(input.actor, "triage:request:any")) throw new ForbiddenError();
  return inTransaction(trx, async (trx) => {
    const before = await trx
      .selectFrom("survey_settings")
      .select(["validity_months", "recently_asked_months"])
      .forUpdate()
      .executeTakeFirstOrThrow();
    const beforeMinutes = await trx.selectFrom("survey_answer_time_defaults").select(["answer_type", "minutes"]).forUpdate().execute();
    await trx
      .updateTable("survey_settings")
      .set({
        validity_months: input.validityMonths,
        recently_asked_months: input.recentlyAskedMonths,
        updated_by: input.actor.id,
        updated_at: new Date(),
      })
      .execute();
    for (const type of surveyAnswerTypes) {
      await trx
        .insertInto("survey_answer_time_defaults")
        .values({ answer_type: type, minutes: input.minutes[type], updated_by: input.actor.id })
        .onConflict((oc) =>
          oc.column("answer_type").doUpdateSet({ minutes: input.minutes[type], updated_by: input.actor.id, updated_at: new Date() }),
        )
        .execute();
    }
    await recordEvent(trx, {
      actorUserId: input.actor.id,
      entityType: "settings",
      entityId: "surveys",
      action: "update_survey_settings",
      data: {
        from: {
          validityMonths: before.validity_months,
          recentlyAskedMonths: before.recently_asked_months,
          minutes: Object.fromEntries(beforeMinutes.map((row) => [row.answer_type, row.minutes])),
        },
        to: { validityMonths: input.validityMonths, recentlyAskedMonths: input.recentlyAskedMonths, minutes: input.minutes },
      },
    });
  });
}
