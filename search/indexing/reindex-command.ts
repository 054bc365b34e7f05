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
  const { datasets, requests, answers } = await reindexAll(engine, {
    onProgress: (count) => process.stdout.write(`\r  ${count} documents indexed`),
  });
  process.stdout.write("\n");
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(`Done: ${datasets} datasets, ${requests} requests and ${answers} answered survey questions in ${seconds} s.`);
  return 0;
});
