import { z } from "zod";
import { BENEFIT_SOURCES_MAX, BENEFIT_SUMMARY_MAX_LENGTH } from "../domain/specification-benefit";

// Messages are i18n keys (app/i18n/specification-benefit.messages.ts); the page translates them.

/** The coordinators' summary form: the text, the ticked sources (request ids) and the version it was opened on. */
export const benefitSummaryFormSchema = z.object({
  text: z
    .string()
    .default("")
    .transform((value) => value.replace(/\r\n?/g, "\n").trim())
    .pipe(z.string().max(BENEFIT_SUMMARY_MAX_LENGTH, "errors.benefitSummaryTooLong")),
  sourceRequestIds: z.array(z.uuid("errors.benefitSourceUnknown")).max(BENEFIT_SOURCES_MAX, "errors.benefitSourceUnknown").default([]),
  version: z.coerce.number("errors.invalidValue").int("errors.invalidValue").min(0, "errors.invalidValue"),
});

export const benefitSummaryLists = ["sourceRequestIds"] as const;
