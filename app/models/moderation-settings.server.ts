import type { Kysely, Transaction } from "kysely";
import { db } from "../../db/client.server";
import type { Database } from "../../db/schema";
import { can, type Actor } from "../auth/permissions";
import { ForbiddenError } from "./errors.server";
import { recordEvent } from "./event.server";
import { inTransaction } from "./transaction.server";

/**
 * The coordinators' moderation setting (issue 13, ADR 040): whether new requests are public at
 * once (the default, as Fider and Alaveteli have it) or only after triage. Changing it changes no
 * request already submitted: it is read when a request is created.
 */

export interface ModerationSettings {
  publishAfterTriage: boolean;
  updatedAt: Date;
}

export async function getModerationSettings(trx: Transaction<Database> | Kysely<Database> = db): Promise<ModerationSettings> {
  return trx
    .selectFrom("moderation_settings")
    .select(["publish_after_triage as publishAfterTriage", "updated_at as updatedAt"])
    .executeTakeFirstOrThrow();
}

/** Whether a request submitted now waits for triage before others see it. */
export async function publishesAfterTriage(trx: Transaction<Database> | Kysely<Database> = db): Promise<boolean> {
  return (await getModerationSettings(trx)).publishAfterTriage;
}

/** A coordinator switches publishing after triage on or off; the change is in the event. */
export async function updateModerationSettings(input: { actor: Actor; publishAfterTriage: boolean }, trx?: Transaction<Database>) {
  if (!can(input.actor, "triage:request:any")) throw new ForbiddenError();
  return inTransaction(trx, async (trx) => {
    const before = await trx
      .selectFrom("moderation_settings")
      .select(["publish_after_triage as publishAfterTriage", "updated_at as updatedAt"])
      .forUpdate()
      .executeTakeFirstOrThrow();
    // Saving the same choice changes nothing: who changed it last, and when, stay those of the last event.
    if (before.publishAfterTriage === input.publishAfterTriage) return before;
    const after = await trx
      .updateTable("moderation_settings")
      .set({ publish_after_triage: input.publishAfterTriage, updated_by: input.actor.id, updated_at: new Date() })
      .returning(["publish_after_triage as publishAfterTriage", "updated_at as updatedAt"])
      .executeTakeFirstOrThrow();
    await recordEvent(trx, {
      actorUserId: input.actor.id,
      entityType: "settings",
      entityId: "moderation",
      action: "update_moderation_settings",
      data: { from: { publishAfterTriage: before.publishAfterTriage }, to: { publishAfterTriage: after.publishAfterTriage } },
    });
    return after;
  });
}
