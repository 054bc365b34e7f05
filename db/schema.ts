import type { ColumnType, Generated, Insertable, Selectable, Updateable } from "kysely";

/**
 * The typed shape of the PostgreSQL schema, written once by hand and kept in step with
 * db/migrations. Columns the database fills are `Generated<>`; nullable columns are `T | null`.
 */

export type Timestamp = ColumnType<Date, Date | string, Date | string>;
/** A timestamp the database fills by default (`DEFAULT now()`). */
export type GeneratedTimestamp = ColumnType<Date, Date | string | undefined, Date | string>;

export const organisationTypes = [
  "municipality",
  "region",
  "authority",
  "company",
  "research",
  "other",
] as const;
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
  id: Generated<string>;
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

export interface Database {
  organisations: OrganisationTable;
  users: UserTable;
  memberships: MembershipTable;
  sessions: SessionTable;
  events: EventTable;
  rate_limits: RateLimitTable;
}

export type Organisation = Selectable<OrganisationTable>;
export type NewOrganisation = Insertable<OrganisationTable>;
export type User = Selectable<UserTable>;
export type UserUpdate = Updateable<UserTable>;
export type Membership = Selectable<MembershipTable>;
export type Session = Selectable<SessionTable>;
export type AuditEvent = Selectable<EventTable>;
