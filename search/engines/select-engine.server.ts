import { db } from "../../db/client.server";
import { config, type Config } from "../../db/config.server";
import type { SearchEngine } from "./engine";
import { createMeilisearchEngine } from "./meilisearch.server";
import { createPostgresEngine } from "./postgres/engine.server";

/**
 * The engine the environment asks for: Meilisearch when MEILI_URL is set (with MEILI_API_KEY or
 * MEILI_MASTER_KEY, and MEILI_INDEX for the index name), the built-in PostgreSQL engine otherwise.
 */
export function searchEngineFromEnvironment(settings: Config = config()): SearchEngine {
  if (settings.meilisearch) {
    const { url, apiKey, indexUid } = settings.meilisearch;
    return createMeilisearchEngine(db, { host: url, apiKey, indexUid });
  }
  return createPostgresEngine(db);
}

// One engine per process, kept on globalThis like the database pool.
const globalForSearch = globalThis as unknown as { __fragaSearchEngine?: SearchEngine };

export function getSearchEngine(): SearchEngine {
  return (globalForSearch.__fragaSearchEngine ??= searchEngineFromEnvironment());
}
