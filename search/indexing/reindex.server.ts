import { db } from "../../db/client.server";
import {
  buildAnswerDocuments,
  buildDatasetDocuments,
  buildRequestDocuments,
  listAnswerIds,
  listDatasetIds,
  listRequestIds,
} from "./documents.server";
import type { SearchEngine } from "../engines/engine";

const PAGE = 500;

/**
 * Rebuilds an index from nothing: empties it, then indexes every current dataset, every request
 * that can still be supported and every answered survey question from the database. Outbox rows written meanwhile are left for the
 * worker (indexing twice is harmless).
 */
export async function reindexAll(
  engine: SearchEngine,
  options: { onProgress?: (indexed: number) => void } = {},
): Promise<{ indexed: number; datasets: number; requests: number; answers: number }> {
  await engine.clear();
  const counts = { datasets: 0, requests: 0, answers: 0 };
  const kinds = [
    { count: "datasets", list: listDatasetIds, build: buildDatasetDocuments },
    { count: "requests", list: listRequestIds, build: buildRequestDocuments },
    { count: "answers", list: listAnswerIds, build: buildAnswerDocuments },
  ] as const;
  for (const { count, list, build } of kinds) {
    let after: string | null = null;
    for (;;) {
      const ids: string[] = await list(db, after, PAGE);
      if (ids.length === 0) break;
      const { documents } = await build(db, ids);
      await engine.upsert(documents);
      counts[count] += documents.length;
      after = ids[ids.length - 1];
      options.onProgress?.(counts.datasets + counts.requests + counts.answers);
    }
  }
  return { indexed: counts.datasets + counts.requests + counts.answers, ...counts };
}
