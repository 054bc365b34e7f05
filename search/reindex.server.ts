import { db } from "../db/client.server";
import { buildDatasetDocuments, listDatasetIds } from "./documents.server";
import type { SearchEngine } from "./engine";

const PAGE = 500;

/**
 * Rebuilds an index from nothing: empties it, then indexes every current dataset from the
 * database. Outbox rows written meanwhile are left for the worker (indexing twice is harmless).
 */
export async function reindexAll(
  engine: SearchEngine,
  options: { onProgress?: (indexed: number) => void } = {},
): Promise<{ indexed: number }> {
  await engine.clear();
  let indexed = 0;
  let after: string | null = null;
  for (;;) {
    const ids = await listDatasetIds(db, after, PAGE);
    if (ids.length === 0) break;
    const { documents } = await buildDatasetDocuments(db, ids);
    await engine.upsert(documents);
    indexed += documents.length;
    after = ids[ids.length - 1];
    options.onProgress?.(indexed);
  }
  return { indexed };
}
