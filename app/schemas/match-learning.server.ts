import { z } from "zod";

// Messages are i18n keys (app/i18n/match-learning.messages.ts); the page translates them.

/** A piece of evidence by its id (a bigserial); anything else is no piece there is. */
export const removeEvidenceSchema = z.object({ evidenceId: z.string().regex(/^[1-9]\d{0,17}$/, "error.404.text") });

export const matchLearningIntents = ["remove"] as const;
