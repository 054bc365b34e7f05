/**
 * The words of a request, as the database stores them and every page, API and command uses them
 * (DESIGN.md, "Domain model"). Plain values without a validation library, so the browser bundle
 * may import them; the zod schemas built from them are in app/schemas. db/schema.ts repeats these
 * lists as the columns' literal types (db/ imports nothing from app/); test/domain checks that the
 * two agree. ADR 017.
 */

export const requestKinds = ["data", "survey"] as const;
export type RequestKind = (typeof requestKinds)[number];

/** In lifecycle order; the lifecycle itself (which may follow which) is in ./lifecycle.ts. */
export const requestStatuses = [
  "submitted",
  "open",
  "answered",
  "partly_answered",
  "closed",
  "answered_by_existing_data",
  "duplicate",
  "rejected",
  "withdrawn",
] as const;
export type RequestStatus = (typeof requestStatuses)[number];

export const requesterTypes = ["company", "research", "authority", "citizen"] as const;
export type RequesterType = (typeof requesterTypes)[number];

/** How the requester is named in public: their name, their organisation's, or not at all. */
export const requesterShownAs = ["name", "organisation", "anonymous"] as const;
export type RequesterShownAs = (typeof requesterShownAs)[number];

/** How often the requester wishes the data to be updated; free text is not accepted. */
export const updateFrequencies = ["once", "yearly", "quarterly", "monthly", "weekly", "daily", "realtime"] as const;
export type UpdateFrequency = (typeof updateFrequencies)[number];

/**
 * Whom a request asks (DESIGN.md: "chosen or all in VG"): every VG municipality, the region, or
 * the organisations the requester chose.
 */
export const targetScopes = ["all", "chosen", "region"] as const;
export type TargetScope = (typeof targetScopes)[number];

/** The organisations a request may ask at all, and a coordinator may route it to. */
export const targetableOrganisationTypes = ["municipality", "region"] as const;
export type TargetableOrganisationType = (typeof targetableOrganisationTypes)[number];

/**
 * The rule for whom a request asks, decided here once: a scope asks every organisation of its
 * types, except "chosen", which asks only the chosen organisations among its types. Request
 * creation, the register's "asked of" filter and its list of targets, and triage all read this.
 */
export const targetTypesOf: Record<TargetScope, readonly TargetableOrganisationType[]> = {
  all: ["municipality"],
  region: ["region"],
  chosen: targetableOrganisationTypes,
};

/** True for the scope whose organisations are the requester's choice (kept in request_targets). */
export function isChosenScope(scope: TargetScope): scope is "chosen" {
  return scope === "chosen";
}

export function isTargetableOrganisation(organisation: { type: string }): organisation is { type: TargetableOrganisationType } {
  return (targetableOrganisationTypes as readonly string[]).includes(organisation.type);
}

/**
 * Whether a request of `scope` asks `organisation`. `chosen` holds the ids the requester chose;
 * it is read only for the "chosen" scope.
 */
export function asksOrganisation(scope: TargetScope, organisation: { id?: string; type: string }, chosen: readonly string[] = []) {
  if (!(targetTypesOf[scope] as readonly string[]).includes(organisation.type)) return false;
  return !isChosenScope(scope) || (organisation.id !== undefined && chosen.includes(organisation.id));
}

/** The organisations a request of `scope` asks, out of a list of organisations. */
export function organisationsAsked<O extends { id?: string; type: string }>(
  scope: TargetScope,
  organisations: readonly O[],
  chosen: readonly string[] = [],
) {
  return organisations.filter((organisation) => asksOrganisation(scope, organisation, chosen));
}

/** For words read back from free-form columns (an audit event's from/to state). */
export function isRequestStatus(value: unknown): value is RequestStatus {
  return (requestStatuses as readonly unknown[]).includes(value);
}
