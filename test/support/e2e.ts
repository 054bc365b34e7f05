import type { Browser } from "playwright-core";
import { afterAll, afterEach, beforeAll } from "vitest";
import { db } from "../../db/client.server";
import { getOrCreateCatalogueSource } from "../../app/models/catalogue-source.server";
import { harvestCatalogueSource } from "../../app/models/harvest.server";
import { chromiumMissing, launchChromium } from "./browser";
import { startPortal, type RunningPortal } from "./portal";
import { catalogFixture } from "./catalogs";

/** How long the portal's outbox worker may take to index the harvested fixtures. */
const INDEXING_TIMEOUT_MS = 20_000;

/**
 * A browser test file's portal (started as `npm start` starts it, on the file's own database) and
 * Chromium, for all its tests. With `catalogues`, those fixture files are harvested first and the
 * tests start once the search index holds them; if it does not within 20 s, the file fails here,
 * naming the datasets still waiting, instead of in a search a test makes later.
 */
export function usePortalAndBrowser(options: { catalogues?: string[] } = {}) {
  const session = {} as { portal: RunningPortal; browser: Browser };
  beforeAll(async () => {
    if (chromiumMissing) return;
    const sourceIds: string[] = [];
    for (const file of options.catalogues ?? []) {
      const location = catalogFixture(file);
      const sourceId = await getOrCreateCatalogueSource({ location, name: file });
      const harvest = await harvestCatalogueSource(sourceId);
      if (harvest.status !== "succeeded" || harvest.added === 0) {
        throw new Error(`Harvesting the fixture ${file} gave ${JSON.stringify(harvest)}: the browser tests need its datasets.`);
      }
      sourceIds.push(sourceId);
    }
    [session.portal, session.browser] = await Promise.all([startPortal(), launchChromium()]);
    if (sourceIds.length > 0) await waitUntilIndexed(session.portal, sourceIds);
  });
  // A browser test that fails in CI and nowhere else can only be understood from what it left:
  // the text of every page still open and the portal's last words join the failure (as an error of
  // this hook, so the run's summary of failed tests prints them beside the test's own error).
  afterEach(async ({ task }) => {
    if (task.result?.state !== "fail" || !session.browser) return;
    const description = await describeFailure(session);
    // Closed, so a later failure in the file does not report this test's pages as its own.
    await Promise.all(session.browser.contexts().map((context) => context.close()));
    throw new Error(description);
  });
  afterAll(async () => {
    await session.browser?.close();
    await session.portal?.stop();
  });
  return session;
}

/**
 * Waits until the portal's own outbox worker has indexed these datasets or requests (no outbox row
 * of them left). A test does not drain in its own process: with the portal's worker draining at
 * the same moment, its drain finds the lock taken and returns before anything is indexed.
 */
export async function waitForPortalIndexing(entityIds: string[]) {
  const deadline = Date.now() + INDEXING_TIMEOUT_MS;
  for (;;) {
    const waiting = await db.selectFrom("search_outbox").select("entity_id").where("entity_id", "in", entityIds).execute();
    if (waiting.length === 0) return;
    if (Date.now() > deadline)
      throw new Error(`The portal did not index ${waiting.map((row) => row.entity_id).join(", ")} within ${INDEXING_TIMEOUT_MS / 1000} s.`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function describeFailure(session: { portal: RunningPortal; browser: Browser }) {
  const pages = session.browser.contexts().flatMap((context) => context.pages());
  const described = await Promise.all(
    pages.map(async (page) => {
      const text = await page
        .locator("main")
        .innerText({ timeout: 2_000 })
        .catch(() => page.locator("body").innerText({ timeout: 2_000 }))
        .catch((error: Error) => `(no text: ${error.message})`);
      return `Page ${page.url()}:\n${text.slice(0, 3_000)}`;
    }),
  );
  return [
    "The failed browser test left:",
    ...described,
    "Portal output (last 3,000 characters):",
    session.portal.output().slice(-3_000),
  ].join("\n\n");
}

/**
 * The portal's outbox worker indexes what was harvested before it started. Indexed means both: no
 * outbox row of these sources' datasets is left (a row stays while the engine refuses or is down),
 * and the engine counts at least that many documents (Meilisearch applies writes after accepting them).
 */
async function waitUntilIndexed(portal: RunningPortal, sourceIds: string[]) {
  const datasets = await db
    .selectFrom("datasets")
    .select(["id", "uri"])
    .where("source_id", "in", sourceIds)
    .where("removed_at", "is", null)
    .execute();
  const ids = datasets.map((d) => d.id);
  const uriOf = new Map(datasets.map((d) => [d.id, d.uri]));
  const state = async () => {
    const rows = await db
      .selectFrom("search_outbox")
      .select(["entity_id", "attempts", "last_error", "dead_at"])
      .where("entity_type", "=", "dataset")
      .where("entity_id", "in", ids)
      .execute();
    const waiting = rows
      .map((row) => ({ ...row, uri: uriOf.get(row.entity_id) }))
      .sort((a, b) => String(a.uri).localeCompare(String(b.uri)));
    const health = (await (await fetch(`${portal.url}/healthz`)).json()) as { search: { engine?: string; documents?: number } };
    return { waiting, health };
  };
  const deadline = Date.now() + INDEXING_TIMEOUT_MS;
  for (;;) {
    const { waiting, health } = await state();
    const documents = health.search.documents ?? 0;
    if (waiting.length === 0 && documents >= ids.length) return;
    if (Date.now() > deadline) {
      const listed = waiting
        .slice(0, 20)
        .map(
          (row) =>
            `  ${row.uri}${row.dead_at ? " (set aside)" : ""}${row.attempts ? `, ${row.attempts} attempt(s)` : ""}${row.last_error ? `: ${row.last_error}` : ""}`,
        );
      throw new Error(
        [
          `The portal did not index the harvested fixtures within ${INDEXING_TIMEOUT_MS / 1000} s: the search engine (${health.search.engine ?? "unknown"}) ` +
            `counts ${documents} document(s) for ${ids.length} dataset(s), and ${waiting.length} dataset(s) are still in the outbox` +
            (waiting.length ? ":" : "."),
          ...listed,
          ...(waiting.length > listed.length ? [`  … and ${waiting.length - listed.length} more`] : []),
          "Portal output:",
          portal.output().slice(-2000),
        ].join("\n"),
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
