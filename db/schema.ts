import type { ColumnType, Generated, Insertable } from "kysely";

/**
 * The typed shape of the PostgreSQL schema, written once by hand and kept in step with
 * db/migrations. Columns the database fills are `Generated<>`; nullable columns are `T | null`.
 */

export type Timestamp = ColumnType<Date, Date | string, Date | string>;
/** A timestamp the database fills by default (`DEFAULT now()`). */
export type GeneratedTimestamp = ColumnType<Date, Date | string | undefined, Date | string>;

export const organisationTypes = ["municipality", "region", "authority", "company", "research", "other"] as const;
export type OrganisationType = (typeof organisationTypes)[number];

export const membershipRoles = ["responder", "coordinator", "admin"] as const;
export type MembershipRole = (typeof membershipRoles)[number];

export const locales = ["sv", "en"] as const;
export type Locale = (typeof locales)[number];

export interface OrganisationTable {
  id: Generated<string>;
  slug: string;
  name: string;
  type: OrganisationType;
  /** SCB kommunkod for municipalities (e.g. 1490 Borås), county code for the region. */
  kommunkod: string | null;
  org_number: string | null;
  contact_email: string | null;
  /** The publisher URI a harvested catalogue uses for this organisation. */
  uri: string | null;
  /** False for publishers a harvest created, until a coordinator confirms them. */
  confirmed: Generated<boolean>;
  created_at: GeneratedTimestamp;
}

export interface UserTable {
  id: Generated<string>;
  email: string;
  name: string;
  password_hash: string;
  locale: Generated<Locale>;
  created_at: GeneratedTimestamp;
  updated_at: GeneratedTimestamp;
}

export interface MembershipTable {
  id: Generated<string>;
  user_id: string;
  organisation_id: string;
  role: MembershipRole;
  created_at: GeneratedTimestamp;
}

export interface SessionTable {
  /** Hex SHA-256 of the session token; the token itself is never stored. */
  id: string;
  user_id: string;
  expires_at: Timestamp;
  created_at: GeneratedTimestamp;
}

export interface EventTable {
  id: Generated<number>;
  occurred_at: GeneratedTimestamp;
  actor_user_id: string | null;
  entity_type: string;
  entity_id: string;
  action: string;
  from_state: string | null;
  to_state: string | null;
  reason: string | null;
  data: ColumnType<unknown, unknown | undefined, unknown>;
}

/** Owned by rate-limiter-flexible's PostgreSQL store; created by our migration. */
export interface RateLimitTable {
  key: string;
  points: number;
  expire: string | null;
}

export type LangMap = Record<string, string>;

export interface Distribution {
  uri: string | null;
  title: LangMap;
  format: string | null;
  accessUrl: string | null;
  downloadUrl: string | null;
  licence: string | null;
}

export interface ContactPoint {
  name: string | null;
  email: string | null;
  url: string | null;
}

export interface CatalogueSourceTable {
  id: Generated<string>;
  name: string;
  kind: "dcat" | "ckan";
  location: string;
  publisher_organisation_id: string | null;
  schedule: Generated<"manual" | "daily">;
  created_at: GeneratedTimestamp;
  /** A run that would remove more than this share of the active datasets waits for a coordinator. */
  removal_threshold_percent: Generated<number>;
  /** Registered by the demo seed; DEMO_DATA=off removes exactly these. */
  is_demo: Generated<boolean>;
}

export interface HarvestRunTable {
  id: Generated<string>;
  source_id: string;
  status: Generated<HarvestRunStatus>;
  started_at: GeneratedTimestamp;
  finished_at: Timestamp | null;
  added: Generated<number>;
  updated: Generated<number>;
  unchanged: Generated<number>;
  removed: Generated<number>;
  failed: Generated<number>;
  /** The error in Swedish (the command line's words, and all a run written before keys has). */
  error: string | null;
  /** The error's message-catalogue key and parameters, told in the reader's language. */
  error_key: string | null;
  error_params: ColumnType<Record<string, string | number> | null, string | null | undefined, string | null>;
  errors: ColumnType<HarvestRunNote[], string | undefined, string>;
  /** Datasets a held run would remove once a coordinator confirms. */
  pending_removals: Generated<number>;
  warnings: ColumnType<HarvestRunNote[], string | undefined, string>;
}

/** One dataset's error or note in a run: the Swedish text, and (since keys are stored) its key and parameters. */
export interface HarvestRunNote {
  identity: string;
  message: string;
  key?: string;
  params?: Record<string, string | number>;
}

export interface HarvestRunRemovalTable {
  run_id: string;
  dataset_id: string;
}

/** `held` waits for a coordinator (too many removals); `discarded` was set aside, nothing removed. */
export type HarvestRunStatus = "running" | "succeeded" | "failed" | "held" | "discarded";

export interface DatasetTable {
  id: Generated<string>;
  uri: string;
  uri_is_derived: Generated<boolean>;
  source_id: string;
  publisher_organisation_id: string | null;
  title: ColumnType<LangMap, string, string>;
  description: ColumnType<LangMap, string | undefined, string>;
  keywords: ColumnType<Record<string, string[]>, string | undefined, string>;
  themes: Generated<string[]>;
  formats: Generated<string[]>;
  conforms_to: Generated<string[]>;
  distributions: ColumnType<Distribution[], string | undefined, string>;
  contact_point: ColumnType<ContactPoint | null, string | null, string | null>;
  licence: string | null;
  landing_page: string | null;
  modified: string | null;
  /** The language of untagged ("") text, from the catalogue's dct:language; null when unknown. */
  untagged_language: ColumnType<string | null, string | null | undefined, string | null>;
  content_hash: string;
  /** conforms_to as the coverage grid compares it (issue 14): generated by the database, never written. */
  specification_keys: ColumnType<string[], never, never>;
  first_seen_at: GeneratedTimestamp;
  updated_at: GeneratedTimestamp;
  removed_at: Timestamp | null;
}

export interface SearchOutboxTable {
  id: Generated<number>;
  /** `meaning`: the meaning model was learned again (entity_id: its id); an index with its own vectors refreshes them (ADR 035). */
  entity_type: "dataset" | "request" | "answer" | "meaning";
  entity_id: string;
  enqueued_at: GeneratedTimestamp;
  attempts: Generated<number>;
  last_error: string | null;
  /** A row whose document was refused waits until then (growing backoff). */
  next_attempt_at: GeneratedTimestamp;
  /** Set when the row gave up after its attempts; an admin may retry it. */
  dead_at: Date | null;
}

export type MailStatus = "queued" | "sent" | "failed";

/** Mail written in the transaction of what it tells; a job delivers it when SMTP_URL is set. */
export interface MailOutboxTable {
  id: Generated<string>;
  to_address: string;
  subject: string;
  text_body: string;
  /** `failed` gave up after its attempts; an admin may queue it again. */
  status: Generated<MailStatus>;
  attempts: Generated<number>;
  last_error: string | null;
  next_attempt_at: GeneratedTimestamp;
  created_at: GeneratedTimestamp;
  sent_at: Timestamp | null;
  /** What the mail is about (e.g. `sign_up_existing`), for limits per recipient; null for others. */
  kind: string | null;
  /** The user it is for, when it goes to an account (preferences, unsubscribe link); null for others. */
  user_id: string | null;
  /** Extra headers it is sent with (RFC 8058 List-Unsubscribe, List-Unsubscribe-Post). */
  headers: ColumnType<Record<string, string> | null, string | null | undefined, string | null>;
}

export type MailDelivery = "immediately" | "daily" | "never";

/** A user's choice for one kind of mail; no row means "immediately" (app/domain/mail.ts). */
export interface MailPreferenceTable {
  user_id: string;
  kind: string;
  delivery: MailDelivery;
  updated_at: GeneratedTimestamp;
}

/** Mail kept for the user's next daily digest; deleted by the transaction that writes the digest. */
export interface MailDigestItemTable {
  id: Generated<number>;
  user_id: string;
  kind: string;
  subject: string;
  text_body: string;
  created_at: GeneratedTimestamp;
}

/** Secrets the portal makes for itself when the operator sets none (e.g. the unsubscribe links' key). */
export interface PortalSecretTable {
  name: string;
  value: string;
  created_at: GeneratedTimestamp;
}

/** A browser the user has signed in from (OWASP device cookie); only its token's SHA-256 is kept. */
export interface TrustedDeviceTable {
  id: string;
  user_id: string;
  created_at: GeneratedTimestamp;
  last_used_at: GeneratedTimestamp;
  expires_at: GeneratedTimestamp;
}

/** Sign-in failures per key (account × client, account, address) and the wait they set. */
export interface SignInThrottleTable {
  key: string;
  failures: number;
  window_ends_at: Timestamp;
  wait_until: Timestamp;
}

/** A sign-up waiting for its e-mail link; only the SHA-256 of the link's token is the id. */
export interface SignUpConfirmationTable {
  id: string;
  email: string;
  name: string;
  password_hash: string;
  locale: Locale;
  created_at: GeneratedTimestamp;
  expires_at: Timestamp;
}

// The domain's words as the columns hold them (their CHECK constraints are in the migrations).
// The lists the app reads, the lifecycle and the labels are in app/domain (ADR 017); db/ imports
// nothing from app/, so these unions repeat them and test/domain/vocabulary.test.ts fails when
// the two differ.
export type RequestKind = "data" | "survey";
export type RequestStatus =
  "submitted" | "open" | "answered" | "partly_answered" | "closed" | "answered_by_existing_data" | "duplicate" | "rejected" | "withdrawn";
export type RequesterType = "company" | "research" | "authority" | "citizen";
export type RequesterShownAs = "name" | "organisation" | "anonymous";
export type TargetScope = "all" | "chosen" | "region";
export type TaskStatus = "pending" | "in_progress" | "answered" | "published" | "not_held" | "declined";

export interface RequestTable {
  id: Generated<string>;
  number: Generated<number>;
  kind: Generated<RequestKind>;
  title: string;
  body: string;
  purpose: string;
  requester_user_id: string | null;
  requester_type: RequesterType;
  requester_shown_as: Generated<RequesterShownAs>;
  requester_organisation_name: string | null;
  target_scope: TargetScope;
  wished_format: string | null;
  update_frequency: string | null;
  status: Generated<RequestStatus>;
  status_reason: string | null;
  duplicate_of: string | null;
  /** A date (YYYY-MM-DD); pg returns it as a string (see connection.server.ts). */
  due_date: string | null;
  tags: Generated<string[]>;
  vote_count: Generated<number>;
  comment_count: Generated<number>;
  follower_count: Generated<number>;
  created_at: GeneratedTimestamp;
  updated_at: GeneratedTimestamp;
  answered_at: Timestamp | null;
  /** The specification the request asks for (issue 14), confirmed by a coordinator. */
  specification_id: Generated<string | null>;
  /**
   * Submitted while coordinators publish only after triage (issue 13, ADR 040): seen by its
   * requester and coordinators alone until triage routes it. The rule is db/request-visibility.ts.
   */
  held_for_review: Generated<boolean>;
}

export interface RequestTargetTable {
  request_id: string;
  organisation_id: string;
}

export interface RequestDatasetTable {
  request_id: string;
  dataset_id: string;
  linked_by: string | null;
  reason: "accepted_answer" | "linked";
  created_at: GeneratedTimestamp;
}

export interface VoteTable {
  request_id: string;
  user_id: string;
  created_at: GeneratedTimestamp;
}

export interface FollowTable {
  request_id: string;
  user_id: string;
  created_at: GeneratedTimestamp;
}

export interface CommentTable {
  id: Generated<string>;
  request_id: string;
  author_user_id: string | null;
  body: string;
  created_at: GeneratedTimestamp;
  updated_at: GeneratedTimestamp;
  deleted_at: Timestamp | null;
  hidden_at: Timestamp | null;
  hidden_by: string | null;
  hidden_reason: string | null;
}

export interface TaskTable {
  id: Generated<string>;
  request_id: string;
  organisation_id: string;
  status: Generated<TaskStatus>;
  assignee_user_id: string | null;
  due_date: string;
  answer_text: string | null;
  decline_reason: string | null;
  created_at: GeneratedTimestamp;
  updated_at: GeneratedTimestamp;
  /** Raised by every change; a save naming an older version is refused (optimistic concurrency). */
  version: Generated<number>;
  /** When the task last reached an outcome; null while it is not done. */
  answered_at: Timestamp | null;
  decline_reason_id: string | null;
  /** The day the task was routed (created), in Swedish time; PostgreSQL keeps it (ADR 024). */
  routed_day: ColumnType<string, never, never>;
  /** The day of `answered_at` in Swedish time, null with it; PostgreSQL keeps it (ADR 024). */
  answered_day: ColumnType<string | null, never, never>;
  /** When the reminder before the due date was mailed; cleared when the due date moves later. */
  reminder_sent_at: Timestamp | null;
  /** When the overdue notice was mailed; cleared when the due date moves later. */
  overdue_sent_at: Timestamp | null;
}

/** The coordinators' deadline settings: one row (ADR 022). */
export interface DeadlineSettingsTable {
  id: Generated<boolean>;
  /** The answer time a routed request's tasks get unless the coordinator gives another. */
  default_working_days: Generated<number>;
  /** How many Swedish working days before a task's due date its reminder goes. */
  reminder_working_days: Generated<number>;
  updated_by: string | null;
  updated_at: GeneratedTimestamp;
}

/** The coordinators' moderation settings: one row (issue 13, ADR 040). */
export interface ModerationSettingsTable {
  id: Generated<boolean>;
  /** New requests wait for triage before anyone but their requester and coordinators sees them. */
  publish_after_triage: Generated<boolean>;
  updated_by: string | null;
  updated_at: GeneratedTimestamp;
}

export type ContentReportReason = "spam" | "offensive" | "personal_data" | "other";
export type ContentReportResolution = "dismissed" | "hidden" | "rejected";

/** A signed-in user's report of a request (comment_id null) or a comment, once per user and item (ADR 040). */
export interface ContentReportTable {
  id: Generated<string>;
  request_id: string;
  comment_id: string | null;
  reporter_user_id: string;
  reason: ContentReportReason;
  note: string | null;
  created_at: GeneratedTimestamp;
  resolved_at: Timestamp | null;
  resolved_by: string | null;
  resolution: ContentReportResolution | null;
}

/** Why a municipality may decline a task; coordinators keep the list, retiring rather than deleting. */
export interface DeclineReasonTable {
  id: Generated<string>;
  label_sv: string;
  label_en: string;
  position: Generated<number>;
  active: Generated<boolean>;
  created_at: GeneratedTimestamp;
  updated_at: GeneratedTimestamp;
}

/** A dataset an answer links: one in the catalogue, or an address the catalogue lacks yet (pending). */
export interface TaskDatasetTable {
  id: Generated<string>;
  task_id: string;
  dataset_id: string | null;
  pending_uri: string | null;
  linked_by: string | null;
  created_at: GeneratedTimestamp;
}

export interface TimeSavedAssumptionTable {
  version: number;
  /** The central minutes for a municipality, kept for readers of version 1; the full set is in time_saved_assumption_minutes. */
  minutes_per_existing_data_answer: number;
  /** The share of a survey question's own estimate the low and high scenarios count (central: 100). */
  question_percent_low: Generated<number>;
  question_percent_high: Generated<number>;
  note: string;
  created_by: string | null;
  created_at: GeneratedTimestamp;
}

export interface TimeSavedTable {
  id: Generated<number>;
  occurred_at: GeneratedTimestamp;
  request_id: string | null;
  question_id: string | null;
  organisation_id: string;
  minutes: number;
  reason: TimeSavedReason;
  assumption_version: number;
  actor_user_id: string | null;
  /** The task whose publication spared this answer (reason `published_dataset`, ADR 023). */
  task_id: string | null;
  /** On what a `published_dataset` row was counted: a merged duplicate request, or another requester's vote. */
  basis: TimeSavedBasis | null;
  /** The low and high scenarios' figures beside the central `minutes` (ADR 025); null on rows written before them. */
  minutes_low: number | null;
  minutes_high: number | null;
  /** The dataset that answered (existing data). */
  dataset_id: string | null;
  /** A short JSON of the facts the credit rests on (no personal data). */
  basis_detail: ColumnType<Record<string, unknown> | null, string | null, never>;
  /** The row this one reverses, with negated figures (a correction; the ledger is append-only). */
  reverses_id: number | null;
}

export type TimeSavedReason =
  "existing_dataset" | "reused_answer" | "duplicate_merged" | "published_dataset" | "survey_question_reused" | "survey_question_open_data";
export type TimeSavedBasis =
  "vote" | "merged_duplicate" | "own_dataset" | "regional_dataset" | "asked_by_both" | "earlier_answer" | "open_data" | "reversal";
export type TimeSavedScenario = "low" | "central" | "high";

/** Minutes per answer spared, per assumption version × kind of organisation × scenario (ADR 025). */
export interface TimeSavedAssumptionMinutesTable {
  version: number;
  organisation_type: "municipality" | "region";
  scenario: TimeSavedScenario;
  minutes: number;
}

/** The ledger summed by month (Swedish time) × organisation spared × reason, kept by a trigger on insert (ADR 025). */
export interface TimeSavedMonthlyTable {
  month: string;
  organisation_id: string;
  reason: TimeSavedReason;
  /** Net answers spared: a reversal subtracts its row. */
  rows: number;
  minutes: number;
  minutes_low: number;
  minutes_high: number;
}

/** The ledger summed by month × requester as the request shows them publicly ('' for none). */
export interface TimeSavedRequesterMonthlyTable {
  month: string;
  requester_type: string;
  requester_organisation: string;
  rows: number;
  minutes: number;
  minutes_low: number;
  minutes_high: number;
}

export interface TimeSavedQuestionMonthlyTable {
  month: string;
  question_id: string;
  rows: number;
  minutes: number;
}

export interface TimeSavedDatasetMonthlyTable {
  month: string;
  dataset_id: string;
  rows: number;
  minutes: number;
}

/**
 * Swedish working days counted up to and including each day, filled by the app from its holiday
 * library: the working days between two dates are the difference of their rows (issue 9, ADR 024).
 */
export interface WorkingDayCalendarTable {
  day: string;
  working_days: number;
}

// Surveys (issue 10, ADR 026); the words are in app/domain/surveys.ts.
export type SurveyStatus = "draft" | "sent" | "closed";
export type SurveyAnswerType = "number" | "text" | "single_choice" | "multiple_choice" | "yes_no" | "date" | "dataset_link";
export type SurveyAnswerSource = "typed" | "reused_answer" | "open_data";
/** A survey answer's typed value: a number, a text, a date (YYYY-MM-DD), an address, choices or yes/no. */
export type SurveyAnswerValue = number | string | boolean | string[];

/** The coordinators' survey settings: one row. */
export interface SurveySettingsTable {
  id: Generated<boolean>;
  validity_months: Generated<number>;
  recently_asked_months: Generated<number>;
  updated_by: string | null;
  updated_at: GeneratedTimestamp;
}

/** The coordinators' default answer time per answer type; a new question is prefilled with it. */
export interface SurveyAnswerTimeDefaultTable {
  answer_type: SurveyAnswerType;
  minutes: number;
  updated_by: string | null;
  updated_at: GeneratedTimestamp;
}

export interface SurveyTable {
  id: Generated<string>;
  /** Null once the sender's account is deleted (as a request's requester). */
  sender_user_id: string | null;
  sender_organisation_id: string | null;
  title: string;
  purpose: Generated<string>;
  legal_basis: string | null;
  status: Generated<SurveyStatus>;
  target_scope: Generated<TargetScope>;
  deadline_working_days: Generated<number>;
  /** Set when sent (YYYY-MM-DD). */
  due_date: string | null;
  validity_months: Generated<number>;
  /** The request a sent survey is (kind `survey`); null while a draft. */
  request_id: string | null;
  version: Generated<number>;
  created_at: GeneratedTimestamp;
  updated_at: GeneratedTimestamp;
  sent_at: Timestamp | null;
  closed_at: Timestamp | null;
}

export interface SurveyQuestionTable {
  id: Generated<string>;
  survey_id: string;
  position: number;
  text: string;
  answer_type: SurveyAnswerType;
  unit: string | null;
  help_text: string | null;
  choices: ColumnType<string[], string | undefined, string>;
  estimated_minutes: number;
  confidential: Generated<boolean>;
  reuse_confirmed: Generated<boolean>;
  created_at: GeneratedTimestamp;
  /** The specification the question asks for (issue 14). */
  specification_id: Generated<string | null>;
}

export interface SurveyTargetTable {
  survey_id: string;
  organisation_id: string;
}

export interface SurveyAnswerTable {
  id: Generated<string>;
  survey_id: string;
  question_id: string;
  organisation_id: string;
  value: ColumnType<SurveyAnswerValue, string, string>;
  source: SurveyAnswerSource;
  reused_answer_id: string | null;
  dataset_id: string | null;
  answered_by: string | null;
  answered_at: GeneratedTimestamp;
}

export type SpecificationStatus = "proposed" | "adopted" | "retired";
export type SpecificationOrigin = "national" | "regional";

/** A specification of a kind of dataset (issue 14, ADR 042); its history is its events. */
export interface SpecificationTable {
  id: Generated<string>;
  name: string;
  /** "" when the specification names no version. */
  version: Generated<string>;
  /** What datasets name in dct:conformsTo; absolute http(s) when set. */
  uri: string | null;
  schema_url: string | null;
  description: Generated<string>;
  fields: Generated<string[]>;
  maintainer: Generated<string>;
  status: Generated<SpecificationStatus>;
  origin: SpecificationOrigin;
  seed_key: string | null;
  source_url: string | null;
  replaced_by_id: string | null;
  created_by: string | null;
  created_at: GeneratedTimestamp;
  updated_at: GeneratedTimestamp;
}

/** The matcher's judgement that a dataset is of a specification's kind without declaring it (issue 14). */
export interface SpecificationKindMatchTable {
  specification_id: string;
  dataset_id: string;
  organisation_id: string;
  score: number;
  judged_at: GeneratedTimestamp;
}

/** A specification's benefit summary (issue 14, ADR 043); its history is its events. */
export interface SpecificationBenefitSummaryTable {
  specification_id: string;
  text: string;
  /** Counts the saves: a save made on an older version is refused. */
  version: Generated<number>;
  updated_by: string | null;
  updated_at: GeneratedTimestamp;
}

/** A request whose benefit text a specification's summary was written from. */
export interface SpecificationBenefitSourceTable {
  specification_id: string;
  request_id: string;
}

export interface Database {
  specifications: SpecificationTable;
  specification_kind_matches: SpecificationKindMatchTable;
  specification_benefit_summaries: SpecificationBenefitSummaryTable;
  specification_benefit_sources: SpecificationBenefitSourceTable;
  organisations: OrganisationTable;
  users: UserTable;
  memberships: MembershipTable;
  sessions: SessionTable;
  events: EventTable;
  rate_limits: RateLimitTable;
  mail_outbox: MailOutboxTable;
  mail_preferences: MailPreferenceTable;
  mail_digest_items: MailDigestItemTable;
  portal_secrets: PortalSecretTable;
  trusted_devices: TrustedDeviceTable;
  sign_in_throttle: SignInThrottleTable;
  sign_up_confirmations: SignUpConfirmationTable;
  catalogue_sources: CatalogueSourceTable;
  harvest_runs: HarvestRunTable;
  harvest_run_removals: HarvestRunRemovalTable;
  datasets: DatasetTable;
  search_outbox: SearchOutboxTable;
  requests: RequestTable;
  request_targets: RequestTargetTable;
  request_datasets: RequestDatasetTable;
  votes: VoteTable;
  follows: FollowTable;
  comments: CommentTable;
  tasks: TaskTable;
  decline_reasons: DeclineReasonTable;
  task_datasets: TaskDatasetTable;
  deadline_settings: DeadlineSettingsTable;
  moderation_settings: ModerationSettingsTable;
  content_reports: ContentReportTable;
  time_saved_assumptions: TimeSavedAssumptionTable;
  time_saved: TimeSavedTable;
  time_saved_assumption_minutes: TimeSavedAssumptionMinutesTable;
  time_saved_monthly: TimeSavedMonthlyTable;
  time_saved_requester_monthly: TimeSavedRequesterMonthlyTable;
  time_saved_dataset_monthly: TimeSavedDatasetMonthlyTable;
  time_saved_question_monthly: TimeSavedQuestionMonthlyTable;
  working_day_calendar: WorkingDayCalendarTable;
  survey_settings: SurveySettingsTable;
  survey_answer_time_defaults: SurveyAnswerTimeDefaultTable;
  surveys: SurveyTable;
  survey_questions: SurveyQuestionTable;
  survey_targets: SurveyTargetTable;
  survey_answers: SurveyAnswerTable;
}

export type NewOrganisation = Insertable<OrganisationTable>;
