import { z } from "zod";
import { contentReportReasons, contentReportResolutions } from "../domain/moderation";

// Messages are i18n keys (app/i18n/moderation.messages.ts); the forms translate them (issue 13, ADR 040).

export const REPORT_NOTE_MAX_LENGTH = 1000;
export const RESOLVE_REASON_MAX_LENGTH = 500;

/** The coordinators' setting: requests public at once, or only after triage. */
export const moderationSettingsSchema = z.object({
  publishing: z.enum(["immediately", "after_triage"], "moderation.errors.publishingRequired"),
});

/** An empty field is "not given". */
const blankAsNull = (value: unknown) => (value === undefined || (typeof value === "string" && value.trim() === "") ? null : value);

/** A report of the request (no commentId) or of one of its comments. */
export const reportSchema = z.object({
  intent: z.literal("report"),
  commentId: z.preprocess(blankAsNull, z.uuid().nullable()),
  reason: z.enum(contentReportReasons, "moderation.errors.reasonRequired"),
  note: z.preprocess(
    blankAsNull,
    z
      .string()
      .transform((value) => value.replace(/\r\n/g, "\n").trim())
      .pipe(z.string().max(REPORT_NOTE_MAX_LENGTH, "moderation.errors.noteTooLong"))
      .nullable(),
  ),
});

/** A coordinator's resolution of an item's reports, from the triage queue. */
export const resolveReportsSchema = z
  .object({
    intent: z.literal("resolveReports"),
    requestId: z.uuid(),
    commentId: z.preprocess(blankAsNull, z.uuid().nullable()),
    resolution: z.enum(contentReportResolutions),
    reason: z.preprocess(
      blankAsNull,
      z.string().trim().max(RESOLVE_REASON_MAX_LENGTH, "moderation.errors.resolveReasonTooLong").nullable(),
    ),
  })
  // Hiding a comment and rejecting a request say why, as those commands always do.
  .refine((form) => form.resolution === "dismissed" || form.reason !== null, {
    path: ["reason"],
    message: "moderation.errors.resolveReasonRequired",
  });
