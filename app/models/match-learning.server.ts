import { db } from "../../db/client.server";
import { listDatasetEvidence, removeEvidence } from "../../search/learning/evidence.server";
import { can, type Actor } from "../auth/permissions";
import { ConflictError, ForbiddenError } from "./errors.server";
import { recordEvent } from "./event.server";

/**
 * What the matcher learned from use (issue 11, ADR 032), per dataset: the coordinators' view of
 * the evidence. The evidence is written by the commands themselves (request.server.ts,
 * task.server.ts) through search/learning, which owns its table.
 */
export async function listLearnedDatasets() {
  return listDatasetEvidence(db, { limit: 200 });
}

/**
 * A coordinator removes a piece of evidence they judge wrong (spam words, a mistaken link), with
 * its audit event on the dataset. The matcher's associations follow within seconds (the learned
 * index checks the evidence every 10 s).
 */
export async function removeLearningEvidence(input: { actor: Actor; evidenceId: string }) {
  if (!can(input.actor, "manage:match-learning:any")) throw new ForbiddenError();
  return db.transaction().execute(async (trx) => {
    const removed = await removeEvidence(trx, input.evidenceId);
    // Another coordinator (or a state change) removed it first: say so in the page, not a 404.
    if (!removed) throw new ConflictError("matchLearning.evidenceGone");
    await recordEvent(trx, {
      actorUserId: input.actor.id,
      entityType: "dataset",
      entityId: removed.dataset_id,
      action: "remove_match_evidence",
      data: {
        evidenceId: input.evidenceId,
        requestId: removed.request_id,
        taskId: removed.task_id,
        source: removed.source,
        taughtBy: removed.user_id,
        writtenBy: removed.writer_user_id,
        words: removed.words,
      },
    });
  });
}
