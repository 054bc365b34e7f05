import { sql, type Transaction } from "kysely";
import type { Database } from "../../db/schema";
import { recordEvent } from "./event.server";

/**
 * A task's answer may name a dataset by an address the catalogue did not hold yet (a pending
 * link, issue 9). When a harvest writes a dataset of that URI, the link becomes a real one, in the
 * harvest's own transaction, with an event on the task. A task that already links the dataset
 * keeps its one link and the pending duplicate goes.
 */
export async function resolvePendingDatasetLinks(trx: Transaction<Database>, datasetIds: string[]) {
  if (datasetIds.length === 0) return 0;
  // Raw SQL: UPDATE … FROM with a NOT EXISTS over the same table, which Kysely's builder cannot say as one statement.
  const { rows } = await sql<{ task_id: string; dataset_id: string; uri: string }>`
    UPDATE task_datasets AS td SET dataset_id = d.id, pending_uri = NULL
    FROM datasets AS d
    WHERE td.pending_uri IS NOT NULL AND td.pending_uri = d.uri AND d.id = ANY(${datasetIds}::uuid[])
      AND NOT EXISTS (SELECT 1 FROM task_datasets AS other WHERE other.task_id = td.task_id AND other.dataset_id = d.id)
    RETURNING td.task_id, d.id AS dataset_id, d.uri`.execute(trx);
  await trx
    .deleteFrom("task_datasets")
    .where("pending_uri", "is not", null)
    .where("pending_uri", "in", (eb) => eb.selectFrom("datasets").select("uri").where("id", "in", datasetIds))
    .execute();
  for (const row of rows) {
    await recordEvent(trx, {
      actorUserId: null,
      entityType: "task",
      entityId: row.task_id,
      action: "link_resolved",
      data: { datasetId: row.dataset_id, uri: row.uri },
    });
  }
  return rows.length;
}
