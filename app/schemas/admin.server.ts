import { z } from "zod";

// Messages are i18n keys (app/i18n/messages.ts, admin-search.messages.ts); the forms translate them.

/** Sending one kept mail again (admin: mail). */
export const retryMailSchema = z.object({
  intent: z.literal("retry", "errors.mailInvalid"),
  mailId: z.string().regex(/^[1-9][0-9]{0,17}$/, "errors.mailInvalid"),
});

/** One dead search-outbox row by id, or every dead row, or the meaning model learned again (admin: search). */
export const retrySearchRowSchema = z
  .object({
    intent: z.enum(["retry", "retry-all", "retry-meaning"], { message: "adminSearch.invalidRow" }),
    rowId: z.coerce
      .number({ message: "adminSearch.invalidRow" })
      .int({ message: "adminSearch.invalidRow" })
      .positive({ message: "adminSearch.invalidRow" })
      .max(Number.MAX_SAFE_INTEGER, { message: "adminSearch.invalidRow" })
      .optional(),
  })
  .refine((form) => form.intent !== "retry" || form.rowId !== undefined, { message: "adminSearch.invalidRow" });
