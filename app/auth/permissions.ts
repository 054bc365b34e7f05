import type { MembershipRole } from "../../db/schema";

/**
 * Who may do what, in one place. Every signed-in user is a requester; memberships add the
 * responder role (for that organisation only), coordinator and admin (for the whole region).
 *
 * Permission strings read `verb:entity:scope`, and the scope says what the check needs (ADR 010):
 * - `own`: the actor's own things (their vote, their comment, their account); the role decides,
 *   and the model checks that the thing is theirs.
 * - `org`: the things of an organisation the actor belongs to; the check needs that organisation
 *   and holds only for a membership in it with one of the roles.
 * - `any`: anything of the kind, anywhere; the role decides.
 */
export type Role = "requester" | MembershipRole;

const everyone = ["requester", "responder", "coordinator", "admin"] as const;

export const permissions = {
  "read:account:own": everyone,
  "update:account:own": everyone,
  "submit:request:own": everyone,
  "vote:request:own": everyone,
  "comment:request:own": everyone,
  "follow:request:own": everyone,
  "report:content:own": everyone,
  "withdraw:request:own": everyone,
  "hide:comment:any": ["coordinator", "admin"],
  "answer:task:org": ["responder"],
  "answer:task:any": ["coordinator", "admin"],
  "triage:request:any": ["coordinator", "admin"],
  "manage:membership:any": ["coordinator", "admin"],
  "manage:admin-role:any": ["admin"],
  "manage:catalogue:any": ["coordinator", "admin"],
  "manage:decline-reason:any": ["coordinator", "admin"],
  "read:time-saved-report:any": ["coordinator", "admin"],
  "manage:time-saved-assumptions:any": ["coordinator", "admin"],
  "correct:time-saved-ledger:any": ["coordinator", "admin"],
  "manage:settings:any": ["admin"],
  "read:match-learning:any": ["coordinator", "admin"],
  "manage:match-learning:any": ["coordinator", "admin"],
  "manage:specification:any": ["coordinator", "admin"],
} as const satisfies Record<`${string}:${string}:${"own" | "org" | "any"}`, readonly Role[]>;

export type Permission = keyof typeof permissions;
/** Permissions that hold only within one organisation: checking them needs that organisation. */
export type OrganisationPermission = Extract<Permission, `${string}:org`>;
/** Permissions the actor's roles decide alone. */
export type RolePermission = Exclude<Permission, OrganisationPermission>;
export interface OrganisationScope {
  organisationId: string;
}

export interface Actor {
  id: string;
  memberships: { organisationId: string; role: MembershipRole }[];
}

export function rolesOf(actor: Actor): Role[] {
  return ["requester", ...new Set(actor.memberships.map((m) => m.role))];
}

export function isOrganisationPermission(permission: Permission): permission is OrganisationPermission {
  return permission.endsWith(":org");
}

/**
 * Whether the actor holds the permission. An `…:org` permission takes the organisation the action
 * concerns, and the compiler insists: a responder of Borås can never act for Skövde, nor for
 * "whichever organisation" when none was named.
 */
export function can(actor: Actor | null, permission: OrganisationPermission, scope: OrganisationScope): boolean;
export function can(actor: Actor | null, permission: RolePermission): boolean;
export function can(actor: Actor | null, permission: Permission, scope?: Partial<OrganisationScope>): boolean {
  if (!actor) return false;
  const allowed: readonly Role[] = permissions[permission];
  if (isOrganisationPermission(permission)) {
    // Called from untyped code without an organisation: nothing to be a member of, so no.
    const organisationId = scope?.organisationId;
    if (!organisationId) return false;
    return actor.memberships.some((m) => allowed.includes(m.role) && m.organisationId === organisationId);
  }
  return rolesOf(actor).some((role) => allowed.includes(role));
}

/** Roles a granter may hand out in the admin page. */
export function grantableRoles(actor: Actor): MembershipRole[] {
  if (!can(actor, "manage:membership:any")) return [];
  return can(actor, "manage:admin-role:any") ? ["responder", "coordinator", "admin"] : ["responder", "coordinator"];
}
