import { sql, type Transaction } from "kysely";
import type { Database } from "../../db/schema";
import { recordEvent } from "./event.server";
import { creditPublishedTasks } from "./time-saved.server";
import { recordTaskLinkEvidence } from "../../search/learning/evidence.server";

/**
 * A task's answer may name a dataset by an address the catalogue did not hold yet (a pending
 * link, issue 9). When a harvest writes a dataset of that URI, the link becomes a real one, in the
 * harvest's own transaction, with an event on the task. A task that already links the dataset
 * keeps its one link and the pending duplicate goes. A published task whose dataset so arrives is
 * credited in the time-saved ledger for the answers it spared others (time-saved.server.ts).
 */
export async function resolvePendingDatasetLinks(trx: Transaction<Database>, datasetIds: string[]) {
  if (datasetIds.length === 0) return 0;
  // Raw SQL: INSERT … SELECT … ON CONFLICT DO NOTHING, which Kysely's builder cannot say as one
  // statement. An answer may link the same dataset in a transaction not yet committed: the insert
  // waits for it and then does nothing, where an UPDATE of the pending row would abort the harvest.
  const { rows } = await sql<{ task_id: string; dataset_id: string; uri: string; linked_by: string | null }>`
    INSERT INTO task_datasets (task_id, dataset_id, linked_by, created_at)
    SELECT td.task_id, d.id, td.linked_by, td.created_at
    FROM task_datasets AS td JOIN datasets AS d ON d.uri = td.pending_uri
    WHERE td.pending_uri IS NOT NULL AND d.id = ANY(${datasetIds}::uuid[])
    ON CONFLICT (task_id, dataset_id) DO NOTHING
    RETURNING task_id, dataset_id, linked_by, (SELECT uri FROM datasets WHERE datasets.id = task_datasets.dataset_id) AS uri`.execute(trx);
  const resolved = await trx
    .deleteFrom("task_datasets")
    .where("pending_uri", "is not", null)
    .where("pending_uri", "in", (eb) => eb.selectFrom("datasets").select("uri").where("id", "in", datasetIds))
    .returning("task_id")
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
  // The answer's words now mean the arrived dataset too: evidence the matcher learns from (ADR 032).
  for (const taskId of new Set(rows.map((row) => row.task_id))) {
    const linkedBy = rows.find((row) => row.task_id === taskId && row.linked_by)?.linked_by;
    if (!linkedBy) continue;
    const task = await trx.selectFrom("tasks").select(["request_id", "status"]).where("id", "=", taskId).executeTakeFirstOrThrow();
    // A reopened task's links are a draft: its answer, when given again, teaches them (ADR 032).
    if (task.status !== "answered" && task.status !== "published") continue;
    const linked = await trx
      .selectFrom("task_datasets")
      .select("dataset_id")
      .where("task_id", "=", taskId)
      .where("dataset_id", "is not", null)
      .execute();
    await recordTaskLinkEvidence(trx, {
      userId: linkedBy,
      taskId,
      requestId: task.request_id,
      datasetIds: linked.map((l) => l.dataset_id!),
    });
  }
  // A published task's dataset has arrived: the answers it spared others are credited (ADR 023),
  // also when an answer linked the same dataset first and the pending link merely went.
  await creditPublishedTasks(trx, { taskIds: resolved.map((row) => row.task_id), actorUserId: null });
  return rows.length;
}
