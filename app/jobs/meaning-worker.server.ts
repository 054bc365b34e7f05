/**
 * The child process of `recomputeCatalogueMeaning`: `node --import tsx
 * app/jobs/meaning-worker.server.ts`. Learns the meaning model (minutes of synchronous arithmetic
 * at 100,000 datasets) away from the web server's event loop and sends its summary to the parent.
 */
import { db } from "../../db/client.server";
import { closeSharedDatabase } from "../../db/connection.server";
import { recomputeMeaning, type MeaningSummary } from "../../search/meaning/model.server";

const send = (summary: MeaningSummary) => new Promise<void>((resolve) => process.send!(summary, () => resolve()));
try {
  await send(await recomputeMeaning(db));
} finally {
  await closeSharedDatabase();
}
process.exit(0);
