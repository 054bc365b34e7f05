/**
 * The limits of a specification's benefit summary (issue 14, ADR 043), shared by the model, the
 * form's schema and the form itself (the textarea's maxlength), so the three cannot disagree.
 */

/** Longest summary a coordinator may save (the table's check constraint says the same). */
export const BENEFIT_SUMMARY_MAX_LENGTH = 4000;

/** Sources one summary may cite: more than a reader can follow, and a bound on a hand-made form. */
export const BENEFIT_SOURCES_MAX = 500;

export interface AskersCount {
  /** Distinct people; a request whose requester's account is gone counts as one of its own. */
  requesters: number;
  /** Distinct organisations named by the requesters (a citizen names none). */
  organisations: number;
}

/** The demand for one specification, as app/models/specification-benefit.server.ts counts it. */
export interface SpecificationDemand extends AskersCount {
  /** Requests linked to the specification itself. */
  requests: number;
  /** Questions of sent surveys linked to it. */
  surveyQuestions: number;
  byRequesterType: Record<"company" | "research" | "authority" | "citizen", AskersCount>;
  /** Distinct people who voted for, or follow, any asking request (a requester votes and follows their own). */
  voters: number;
  followers: number;
}
