import type { Kysely, Transaction } from "kysely";
import { db } from "../../db/client.server";
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

export async function listEventsForEntity(input: { entityType: string; entityId: string }) {
  return db
    .selectFrom("events")
    .leftJoin("users", "users.id", "events.actor_user_id")
    .select([
      "events.id",
      "events.occurred_at as occurredAt",
      "events.action",
      "events.from_state as fromState",
      "events.to_state as toState",
      "events.reason",
      "events.data",
      "users.name as actorName",
    ])
    .where("events.entity_type", "=", input.entityType)
    .where("events.entity_id", "=", input.entityId)
    .orderBy("events.occurred_at")
    .orderBy("events.id")
    .execute();
}
