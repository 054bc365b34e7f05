import { z } from "zod";

// Messages are i18n keys (app/i18n/messages.ts, request-page.messages.ts); the forms translate them.

/** Long enough for a careful answer with links, short enough that one comment cannot flood the page. */
export const COMMENT_MAX_LENGTH = 5000;
export const HIDE_REASON_MAX_LENGTH = 500;

/**
 * The public number in `/requests/<number>`: digits only, no leading zero, within PostgreSQL's
 * integer, so "12abc", "012" and "99999999999" are a 404 rather than a database error.
 */
export const requestNumberParam = z
  .string()
  .regex(/^[1-9][0-9]{0,9}$/)
  .transform(Number)
  .pipe(z.number().int().max(2_147_483_647));

const commentBody = z
  .string()
  // Line endings from browsers are CRLF; counting them as one character matches what the user sees.
  .transform((value) => value.replace(/\r\n/g, "\n").trim())
  .pipe(z.string().min(1, "requestPage.errors.commentRequired").max(COMMENT_MAX_LENGTH, "requestPage.errors.commentTooLong"));

export const voteSchema = z.object({ intent: z.enum(["vote", "unvote"]) });

export const followSchema = z.object({ intent: z.enum(["follow", "unfollow"]) });

export const addCommentSchema = z.object({ intent: z.literal("comment"), body: commentBody });

export const editCommentSchema = z.object({
  intent: z.literal("editComment"),
  commentId: z.uuid(),
  body: commentBody,
});

export const deleteCommentSchema = z.object({ intent: z.literal("deleteComment"), commentId: z.uuid() });

export const hideCommentSchema = z.object({
  intent: z.literal("hideComment"),
  commentId: z.uuid(),
  reason: z
    .string()
    .trim()
    .min(1, "requestPage.errors.hideReasonRequired")
    .max(HIDE_REASON_MAX_LENGTH, "requestPage.errors.hideReasonTooLong"),
});

/** The requester's reason for withdrawing, shown on the page and in the mails; optional. */
export const WITHDRAW_REASON_MAX_LENGTH = 2000;

export const withdrawSchema = z.object({
  intent: z.literal("withdraw"),
  reason: z.string().trim().max(WITHDRAW_REASON_MAX_LENGTH, "requestPage.errors.withdrawReasonTooLong").optional().default(""),
});

export const requestPageIntents = [
  "vote",
  "unvote",
  "follow",
  "unfollow",
  "comment",
  "editComment",
  "deleteComment",
  "hideComment",
  "report",
  "withdraw",
] as const;
export type RequestPageIntent = (typeof requestPageIntents)[number];
export const requestPageIntent = z.enum(requestPageIntents);
