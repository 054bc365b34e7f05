import type { MembershipRole } from "../../db/schema";

/**
 * Who may do what, in one place. Every signed-in user is a requester; memberships add the
 * responder role (for that organisation only), coordinator and admin (for the whole region).
 * Permission strings read `action:entity:scope`: `own` = only for the user's own organisation(s).
 */
export type Role = "requester" | MembershipRole;

export const permissions = {
  "read:account:own": ["requester", "responder", "coordinator", "admin"],
  "submit:request:own": ["requester", "responder", "coordinator", "admin"],
  "vote:request:own": ["requester", "responder", "coordinator", "admin"],
  "comment:request:own": ["requester", "responder", "coordinator", "admin"],
  "follow:request:own": ["requester", "responder", "coordinator", "admin"],
  "hide:comment:any": ["coordinator", "admin"],
  "answer:task:own": ["responder"],
  "answer:task:any": ["coordinator", "admin"],
  "triage:request:any": ["coordinator", "admin"],
  "manage:membership:any": ["coordinator", "admin"],
  "manage:catalogue:any": ["coordinator", "admin"],
  "grant:role:admin": ["admin"],
  "manage:settings:any": ["admin"],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof permissions;

export interface Actor {
  id: string;
  memberships: { organisationId: string; role: MembershipRole }[];
}

export function rolesOf(actor: Actor): Role[] {
  return ["requester", ...new Set(actor.memberships.map((m) => m.role))];
}

/**
 * Whether the actor holds the permission. For `…:own` permissions pass the organisation the
 * action concerns: a responder of Borås can never act for Skövde.
 */
export function can(actor: Actor | null, permission: Permission, scope: { organisationId?: string } = {}) {
  if (!actor) return false;
  const allowed: readonly Role[] = permissions[permission];
  if (!permission.endsWith(":own") || allowed.includes("requester")) {
    return rolesOf(actor).some((role) => allowed.includes(role));
  }
  return actor.memberships.some(
    (m) => allowed.includes(m.role) && (scope.organisationId === undefined || m.organisationId === scope.organisationId),
  );
}

/** Roles a granter may hand out in the admin page. */
export function grantableRoles(actor: Actor): MembershipRole[] {
  if (!can(actor, "manage:membership:any")) return [];
  return can(actor, "grant:role:admin") ? ["responder", "coordinator", "admin"] : ["responder", "coordinator"];
}
