/**
 * The child process of `harvestInChildProcess`: `node --import tsx --max-old-space-size=N
 * app/jobs/harvest-worker.server.ts <sourceId> <runId>`. Sends its progress and the run's summary
 * to the parent.
 */
import { closeSharedDatabase } from "../../db/connection.server";
import { harvestCatalogueSource } from "../models/harvest.server";
import type { HarvestWorkerMessage } from "./harvest-child.server";

const [sourceId, runId] = process.argv.slice(2);
const send = (message: HarvestWorkerMessage) => new Promise<void>((resolve) => process.send!(message, () => resolve()));
try {
  const summary = await harvestCatalogueSource(sourceId, {
    runId,
    // Progress is a hint: not awaited, so a busy parent never slows the harvest.
    onProgress: (progress) => void send({ type: "progress", progress }),
  });
  await send({ type: "summary", summary });
} finally {
  await closeSharedDatabase();
}
process.exit(0);
