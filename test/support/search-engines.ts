import { randomBytes } from "node:crypto";
import { Meilisearch } from "meilisearch";
import { db } from "../../db/client.server";
import type { SearchEngine } from "../../search/engines/engine";
import { createMeilisearchEngine } from "../../search/engines/meilisearch.server";
import { createPostgresEngine } from "../../search/engines/postgres/engine.server";

export interface TestEngine {
  name: string;
  create: () => SearchEngine;
  /** Why the engine's suite is skipped here, or null when it runs. */
  skip: string | null;
  /** Removes what the suite left in the engine (Meilisearch's per-run index). */
  dispose: () => Promise<void>;
}

/**
 * Every engine a contract suite runs against: the built-in engine always; Meilisearch when
 * MEILI_URL reaches a server, with a fresh index per run that `dispose` deletes.
 */
export function availableEngines(suite: string): TestEngine[] {
  const host = process.env.MEILI_URL;
  const apiKey = process.env.MEILI_API_KEY ?? process.env.MEILI_MASTER_KEY;
  const indexUid = `fraga_test_${randomBytes(4).toString("hex")}`;
  return [
    { name: "built-in (PostgreSQL)", create: () => createPostgresEngine(db), skip: null, dispose: async () => {} },
    {
      name: "Meilisearch",
      create: () => createMeilisearchEngine(db, { host: host!, apiKey, indexUid }),
      skip: host
        ? null
        : `MEILI_URL is not set: no Meilisearch server is reachable here, so its ${suite} tests are skipped. Set MEILI_URL (and MEILI_MASTER_KEY) to run them.`,
      dispose: async () => {
        if (host) await new Meilisearch({ host, apiKey }).deleteIndexIfExists(indexUid).catch(() => {});
      },
    },
  ];
}
