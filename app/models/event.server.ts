import type { Kysely, Transaction } from "kysely";
import type { Database } from "../../db/schema";

/** Written inside the transaction of the state change it records, so neither exists alone. */
export async function recordEvent(
  trx: Transaction<Database> | Kysely<Database>,
  event: {
    actorUserId: string | null;
    entityType: string;
    entityId: string;
    action: string;
    fromState?: string | null;
    toState?: string | null;
    reason?: string | null;
    data?: Record<string, unknown>;
  },
) {
  await trx
    .insertInto("events")
    .values({
      actor_user_id: event.actorUserId,
      entity_type: event.entityType,
      entity_id: event.entityId,
      action: event.action,
      from_state: event.fromState ?? null,
      to_state: event.toState ?? null,
      reason: event.reason ?? null,
      data: JSON.stringify(event.data ?? {}),
    })
    .execute();
}
