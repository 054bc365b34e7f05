import { z } from "zod";
import { formInteger } from "./form.server";
import { apiMessage } from "../i18n/api-message";

// The report's query (an API's message is a sentence, ADR 016) and the coordinators' assumptions
// form (messages are i18n keys, app/i18n/time-saved.messages.ts).

const MIN_YEAR = 2000;
const MAX_YEAR = 2100;
const YEAR_MESSAGE = apiMessage("api.year", { min: MIN_YEAR, max: MAX_YEAR });

/** `?year=2026`, or every year when absent or empty. */
export const timeSavedReportQuerySchema = z.object({
  year: z
    .preprocess(
      (value) => (value === null || value === "" ? undefined : value),
      z.coerce.number({ error: YEAR_MESSAGE }).int(YEAR_MESSAGE).min(MIN_YEAR, YEAR_MESSAGE).max(MAX_YEAR, YEAR_MESSAGE).optional(),
    )
    .transform((value) => value ?? null),
});

const minutes = formInteger("errors.assumptionMinutesInvalid", 0, 2400);
const percent = formInteger("errors.assumptionPercentInvalid", 0, 500);

/** A new version of the assumptions: minutes per kind × scenario, the survey question shares, and why. */
export const assumptionsFormSchema = z
  .object({
    municipalityLow: minutes,
    municipalityCentral: minutes,
    municipalityHigh: minutes,
    regionLow: minutes,
    regionCentral: minutes,
    regionHigh: minutes,
    questionPercentLow: percent,
    questionPercentHigh: percent,
    note: z.string("errors.assumptionNoteRequired").trim().min(1, "errors.assumptionNoteRequired").max(2_000, "errors.fieldTooLong"),
  })
  .superRefine((form, ctx) => {
    // Only among figures that are valid on their own: a wrong figure has its own message.
    const valid = (value: number) => Number.isInteger(value) && value >= 0 && value <= 2400;
    for (const kind of ["municipality", "region"] as const) {
      const figures = [form[`${kind}Low`], form[`${kind}Central`], form[`${kind}High`]];
      if (!figures.every(valid)) continue;
      if (form[`${kind}Low`] > form[`${kind}Central`] || form[`${kind}Central`] > form[`${kind}High`]) {
        ctx.addIssue({ code: "custom", path: [`${kind}Central`], message: "errors.assumptionScenarioOrder" });
      }
    }
    const percents = [form.questionPercentLow, form.questionPercentHigh];
    if (
      percents.every((p) => Number.isInteger(p) && p >= 0 && p <= 500) &&
      (form.questionPercentLow > 100 || form.questionPercentHigh < 100)
    ) {
      ctx.addIssue({ code: "custom", path: ["questionPercentLow"], message: "errors.assumptionScenarioOrder" });
    }
  })
  .transform((form) => ({
    note: form.note,
    minutes: {
      municipality: { low: form.municipalityLow, central: form.municipalityCentral, high: form.municipalityHigh },
      region: { low: form.regionLow, central: form.regionCentral, high: form.regionHigh },
    },
    questionPercent: { low: form.questionPercentLow, high: form.questionPercentHigh },
  }));

/** A coordinator's correction of one ledger row: its number (the CSV's `id`) and why. */
export const reverseLedgerRowSchema = z.object({
  rowId: z.coerce
    .number("errors.ledgerRowInvalid")
    .int("errors.ledgerRowInvalid")
    .min(1, "errors.ledgerRowInvalid")
    .max(Number.MAX_SAFE_INTEGER, "errors.ledgerRowInvalid"),
  why: z.string("errors.ledgerReasonRequired").trim().min(1, "errors.ledgerReasonRequired").max(500, "errors.fieldTooLong"),
});
