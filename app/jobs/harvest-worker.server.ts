/**
 * The child process of `harvestInChildProcess`: `node --import tsx --max-old-space-size=N
 * app/jobs/harvest-worker.server.ts <sourceId> <runId>`. Sends the run's summary to the parent.
 */
import { closeSharedDatabase } from "../../db/connection.server";
import { harvestCatalogueSource } from "../models/harvest.server";

const [sourceId, runId] = process.argv.slice(2);
try {
  const summary = await harvestCatalogueSource(sourceId, { runId });
  await new Promise<void>((resolve) => process.send!(summary, () => resolve()));
} finally {
  await closeSharedDatabase();
}
process.exit(0);
