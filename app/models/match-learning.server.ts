import { db } from "../../db/client.server";
import { listDatasetEvidence } from "../../search/learning/evidence.server";

/**
 * What the matcher learned from use (issue 11, ADR 032), per dataset: the coordinators' view of
 * the evidence. The evidence is written by the commands themselves (request.server.ts,
 * task.server.ts) through search/learning, which owns its table.
 */
export async function listLearnedDatasets() {
  return listDatasetEvidence(db, { limit: 200 });
}
