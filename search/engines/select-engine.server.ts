import { db } from "../../db/client.server";
import type { SearchEngine } from "./engine";
import { createMeilisearchEngine } from "./meilisearch.server";
import { createPostgresEngine } from "./postgres/engine.server";

/**
 * The engine the environment asks for: Meilisearch when MEILI_URL is set (with MEILI_API_KEY or
 * MEILI_MASTER_KEY, and MEILI_INDEX for the index name), the built-in PostgreSQL engine otherwise.
 */
export function searchEngineFromEnvironment(env: NodeJS.ProcessEnv = process.env): SearchEngine {
  if (env.MEILI_URL) {
    return createMeilisearchEngine(db, {
      host: env.MEILI_URL,
      apiKey: env.MEILI_API_KEY ?? env.MEILI_MASTER_KEY,
      indexUid: env.MEILI_INDEX,
    });
  }
  return createPostgresEngine(db);
}

// One engine per process, kept on globalThis like the database pool.
const globalForSearch = globalThis as unknown as { __fragaSearchEngine?: SearchEngine };

export function getSearchEngine(): SearchEngine {
  return (globalForSearch.__fragaSearchEngine ??= searchEngineFromEnvironment());
}
