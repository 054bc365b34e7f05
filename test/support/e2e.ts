import path from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll } from "vitest";
import { getOrCreateCatalogueSource } from "../../app/models/catalogue-source.server";
import { harvestCatalogueSource } from "../../app/models/harvest.server";
import { chromiumMissing, launchChromium } from "./browser";
import { startPortal, type RunningPortal } from "./portal";

/**
 * A browser test file's portal (started as `npm start` starts it, on the file's own database) and
 * Chromium, for all its tests. With `catalogues`, those fixture files are harvested first and the
 * tests start once the search index holds them.
 */
export function usePortalAndBrowser(options: { catalogues?: string[] } = {}) {
  const session = {} as { portal: RunningPortal; browser: Browser };
  beforeAll(async () => {
    if (chromiumMissing) return;
    let datasets = 0;
    for (const file of options.catalogues ?? []) {
      const location = path.resolve("test/fixtures/catalogs", file);
      datasets += (await harvestCatalogueSource(await getOrCreateCatalogueSource({ location, name: file }))).added;
    }
    [session.portal, session.browser] = await Promise.all([startPortal(), launchChromium()]);
    // The portal's outbox worker indexes what was harvested before it started.
    for (let i = 0; datasets > 0 && i < 100; i++) {
      const health = (await (await fetch(`${session.portal.url}/healthz`)).json()) as { search: { documents?: number } };
      if ((health.search.documents ?? 0) >= datasets) break;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  });
  afterAll(async () => {
    await session.browser?.close();
    await session.portal?.stop();
  });
  return session;
}
