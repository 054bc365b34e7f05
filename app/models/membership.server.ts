import { db } from "../../db/client.server";
import type { MembershipRole } from "../../db/schema";
import { ConflictError, NotFoundError } from "./errors.server";
import { recordEvent } from "./event.server";

export class MembershipExistsError extends ConflictError {
  constructor() {
    super("errors.membershipExists");
  }
}

/** Removing the membership would leave the portal without anyone holding the role. */
export class LastRoleHolderError extends ConflictError {
  constructor(readonly role: "admin" | "coordinator") {
    super(role === "admin" ? "errors.lastAdmin" : "errors.lastCoordinator");
  }
}

/** Roles the portal cannot run without: only SQL could give them back. */
const REQUIRED_ROLES = ["admin", "coordinator"] as const;

export async function createMembership(input: { actorUserId: string; userId: string; organisationId: string; role: MembershipRole }) {
  return db.transaction().execute(async (trx) => {
    const membership = await trx
      .insertInto("memberships")
      .values({ user_id: input.userId, organisation_id: input.organisationId, role: input.role })
      .onConflict((oc) => oc.constraint("memberships_user_org_role_key").doNothing())
      .returning("id")
      .executeTakeFirst();
    if (!membership) throw new MembershipExistsError();
    await recordEvent(trx, {
      actorUserId: input.actorUserId,
      entityType: "user",
      entityId: input.userId,
      action: "grant_role",
      toState: input.role,
      data: { organisationId: input.organisationId, membershipId: membership.id },
    });
    return membership;
  });
}

/**
 * Removes a membership; returns false when it did not exist (already removed). Refuses, with
 * LastRoleHolderError, to remove the last administrator or coordinator role — one's own included.
 */
export async function deleteMembership(input: { actorUserId: string; membershipId: string; allowAdmin: boolean }) {
  return db.transaction().execute(async (trx) => {
    const target = await trx.selectFrom("memberships").select(["id", "role"]).where("id", "=", input.membershipId).executeTakeFirst();
    if (!target) throw new NotFoundError();
    const role = REQUIRED_ROLES.find((r) => r === target.role);
    if (role) {
      // Every holder of the role is locked, so two removals at once cannot each see the other
      // as the one who remains.
      const holders = await trx.selectFrom("memberships").select("id").where("role", "=", role).orderBy("id").forUpdate().execute();
      if (!holders.some((h) => h.id !== target.id)) throw new LastRoleHolderError(role);
    }
    const removed = await trx
      .deleteFrom("memberships")
      .where("id", "=", input.membershipId)
      // Only administrators may take the administrator role away.
      .$if(!input.allowAdmin, (qb) => qb.where("role", "!=", "admin"))
      .returning(["user_id", "organisation_id", "role"])
      .executeTakeFirst();
    // Only an administrator may see an administrator's role to remove it.
    if (!removed) throw new NotFoundError();
    await recordEvent(trx, {
      actorUserId: input.actorUserId,
      entityType: "user",
      entityId: removed.user_id,
      action: "revoke_role",
      fromState: removed.role,
      data: { organisationId: removed.organisation_id, membershipId: input.membershipId },
    });
    return { userId: removed.user_id, organisationId: removed.organisation_id, role: removed.role };
  });
}
