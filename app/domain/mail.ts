/**
 * The words of e-mail (issue 9, "E-mail"): what a mail is about, and how each user wants mail of
 * each kind. Plain values the browser may import (the account page lists them). ADR 017, ADR 021.
 */

/**
 * The kinds a user chooses for: each may come at once, in a daily digest, or never.
 * `task_change` is every answer and status change of a request the user asked or follows (a
 * municipality's outcome, a reopening, the request closed).
 */
export const preferenceMailKinds = [
  "new_task",
  "task_change",
  "comment",
  "merge",
  "task_reminder",
  "task_overdue",
  "deadline_changed",
] as const;
export type PreferenceMailKind = (typeof preferenceMailKinds)[number];

/**
 * Mail about the account itself (a sign-up link, "someone used your address"): it must reach the
 * owner whatever they chose, so it has no preference and no unsubscribe link.
 */
export const accountSecurityMailKinds = ["sign_up_confirm", "sign_up_existing"] as const;
export type AccountSecurityMailKind = (typeof accountSecurityMailKinds)[number];

/** The daily digest itself: the mail that carries the kinds a user chose to get once a day. */
export const DIGEST_MAIL_KIND = "daily_digest";

/**
 * Kinds of their own in the outbox that follow another kind's choice: a request closed by a
 * coordinator or withdrawn by its requester is one of its status changes (`task_change`); a task
 * withdrawn with its request is news about the municipality's tasks (`new_task`).
 */
const choiceOf = {
  request_closed: "task_change",
  request_withdrawn: "task_change",
  task_withdrawn: "new_task",
} as const satisfies Record<string, PreferenceMailKind>;

export const mailKinds = [
  ...preferenceMailKinds,
  ...(Object.keys(choiceOf) as (keyof typeof choiceOf)[]),
  ...accountSecurityMailKinds,
  DIGEST_MAIL_KIND,
] as const;
export type MailKind = (typeof mailKinds)[number];

export const mailDeliveries = ["immediately", "daily", "never"] as const;
export type MailDelivery = (typeof mailDeliveries)[number];

/** What a user who never chose gets: everything at once. */
export const DEFAULT_MAIL_DELIVERY: MailDelivery = "immediately";

/**
 * The kinds only some users get (a municipality's responders); the account page says so, and
 * still lets anyone choose, so a new membership needs no second visit.
 */
export const responderMailKinds = [
  "new_task",
  "task_reminder",
  "task_overdue",
  "deadline_changed",
] as const satisfies readonly PreferenceMailKind[];

export function isPreferenceMailKind(kind: string): kind is PreferenceMailKind {
  return (preferenceMailKinds as readonly string[]).includes(kind);
}

/** The kind whose choice decides how mail of this kind goes; null for mail nobody can switch off. */
export function preferenceKindOf(kind: string | null | undefined): PreferenceMailKind | null {
  if (!kind) return null;
  if (isPreferenceMailKind(kind)) return kind;
  return kind in choiceOf ? choiceOf[kind as keyof typeof choiceOf] : null;
}

export function isAccountSecurityMailKind(kind: string): kind is AccountSecurityMailKind {
  return (accountSecurityMailKinds as readonly string[]).includes(kind);
}

/**
 * What a signed unsubscribe link switches off: one kind, or (from a digest) every kind the user
 * gets in the digest.
 */
export const unsubscribeScopes = [...preferenceMailKinds, DIGEST_MAIL_KIND] as const;
export type UnsubscribeScope = (typeof unsubscribeScopes)[number];

export function isUnsubscribeScope(value: string): value is UnsubscribeScope {
  return (unsubscribeScopes as readonly string[]).includes(value);
}

/** An unsubscribe link works this many days after its mail was written (ADR 021). */
export const UNSUBSCRIBE_LINK_DAYS = 90;
