import { z } from "zod";

// Messages are i18n keys (app/i18n/specification-links.messages.ts); the page translates them.

/** The specification chosen for a request or question: a suggestion's button or the register's select. */
export const linkSpecificationSchema = z.object({
  specificationId: z.string().trim().min(1, "errors.specificationChoose").pipe(z.uuid("errors.specificationUnknown")),
});

/** Removing the link names nothing but the intent; read through parseForm for its same-origin check. */
export const unlinkSpecificationSchema = z.object({ intent: z.literal("unlink_specification") });

/** The search over the register, from the page's address (`?specifikation=…`): a few words at most. */
export const specificationQuerySchema = z.object({
  // PostgreSQL text cannot hold NUL: a search holding one is no search.
  specifikation: z
    .string()
    .trim()
    .max(200)
    .refine((value) => !value.includes("\u0000"))
    .catch("")
    .default(""),
});

/** The survey editor's address: the register's search, and the question whose choice was searched for (kept open). */
export const surveySpecificationParamsSchema = specificationQuerySchema.extend({
  fraga: z.uuid().optional().catch(undefined),
});

/** The forms' intents on the triage page and in the survey editor. */
export const specificationLinkIntents = ["link_specification", "unlink_specification"] as const;
