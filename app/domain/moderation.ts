/**
 * The words of moderation (issue 13, ADR 040). Plain values, so the browser bundle may import
 * them; db/schema.ts repeats them as the columns' literal types (db/ imports nothing from app/),
 * and the database checks them (migration 2026-12-06T0800_moderation). ADR 017.
 */

import type { RequestStatus } from "./requests";

/** Why a user may report a request or a comment: a short list, in this order on the form. */
export const contentReportReasons = ["spam", "offensive", "personal_data", "other"] as const;
export type ContentReportReason = (typeof contentReportReasons)[number];

/** How a coordinator resolves an item's reports: dismissed, the comment hidden, the request rejected. */
export const contentReportResolutions = ["dismissed", "hidden", "rejected"] as const;
export type ContentReportResolution = (typeof contentReportResolutions)[number];

/**
 * Whether the request waits for a coordinator to publish it by hand: held for review and answered
 * at once by a dataset, which nothing routes (routing publishes the others). listHeldAnswers asks
 * the same in SQL.
 */
export function awaitsPublishing(request: { heldForReview: boolean; status: RequestStatus }): boolean {
  return request.heldForReview && request.status === "answered_by_existing_data";
}
