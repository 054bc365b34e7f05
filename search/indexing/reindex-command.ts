/**
 * `npm run search:reindex`: rebuilds the search index (Meilisearch when MEILI_URL is set, else the
 * built-in engine) from the database, for a new engine, new index settings or an index in doubt.
 */
import { runWithDatabase } from "../../db/command.server";

runWithDatabase(async () => {
  const { searchEngineFromEnvironment } = await import("../engines/select-engine.server");
  const { reindexAll } = await import("./reindex.server");
  const engine = searchEngineFromEnvironment();
  const started = performance.now();
  console.log(`Rebuilding the ${engine.name} search index …`);
  const { datasets, requests } = await reindexAll(engine, {
    onProgress: (count) => process.stdout.write(`\r  ${count} documents indexed`),
  });
  process.stdout.write("\n");
  console.log(`Done: ${datasets} datasets and ${requests} requests in ${((performance.now() - started) / 1000).toFixed(1)} s.`);
  return 0;
});
