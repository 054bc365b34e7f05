import path from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getOrCreateCatalogueSource } from "../../app/models/catalogue-source.server";
import { harvestCatalogueSource } from "../../app/models/harvest.server";
import { chromiumMissing, expectAccessible, launchChromium } from "../support/browser";
import { startPortal, type RunningPortal } from "../support/portal";

let portal: RunningPortal;
let browser: Browser;

beforeAll(async () => {
  if (chromiumMissing) return;
  // The Västra Götaland catalogue, harvested before the portal starts; its outbox worker indexes it.
  const location = path.resolve("test/fixtures/catalogs/catalog-vg-public.rdf");
  await harvestCatalogueSource(await getOrCreateCatalogueSource({ location, name: "Västra Götaland" }));
  [portal, browser] = await Promise.all([startPortal(), launchChromium()]);
  for (let i = 0; i < 50; i++) {
    const health = (await (await fetch(`${portal.url}/healthz`)).json()) as { search: { documents?: number } };
    if ((health.search.documents ?? 0) >= 351) break;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
});

afterAll(async () => {
  await browser?.close();
  await portal?.stop();
});

describe.skipIf(chromiumMissing)("the dataset catalogue", () => {
  it("finds datasets as the visitor types, narrows by publisher and opens a dataset", async () => {
    const context = await browser.newContext({ baseURL: portal.url });
    const page = await context.newPage();
    await page.goto("/");
    await page.getByRole("link", { name: "Datamängder" }).click();
    await page.getByRole("heading", { name: "Datamängder", level: 1 }).waitFor();
    await expectAccessible(page);

    await page.getByLabel("Sök bland datamängder").pressSequentially("badplatser i Borås", { delay: 20 });
    await page.getByRole("status").getByText(/datamängder för ”badplatser i Borås”/).waitFor();
    const first = page.locator(".result-title").first();
    expect(await first.textContent()).toMatch(/Borås/);
    await expectAccessible(page);

    await page.getByLabel("Sök bland datamängder").fill("badplatser");
    await page.getByRole("status").getByText(/datamängder för ”badplatser”$/).waitFor();
    await page.getByRole("group", { name: "Utgivare" }).getByLabel(/^Skövde/).check();
    await expect.poll(() => page.url()).toMatch(/publisher=Sk%C3%B6vde/);
    await expect.poll(async () => (await page.locator(".result-list li").allTextContents()).every((t) => t.includes("Skövde"))).toBe(true);

    await page.locator(".result-title").first().click();
    await page.getByRole("heading", { name: "Distributioner (filer och API:er)" }).waitFor();
    expect(await page.getByText("Utgivare:").textContent()).toMatch(/Skövde/);
    await expectAccessible(page);
    await context.close();
  });

  it("searches without JavaScript too", async () => {
    const context = await browser.newContext({ baseURL: portal.url, javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto("/datasets");
    await page.getByLabel("Sök bland datamängder").fill("laddstolpar skövde");
    await page.getByRole("button", { name: "Sök", exact: true }).click();
    await page.getByText(/datamängder för ”laddstolpar skövde”/).waitFor();
    expect(await page.locator(".result-title").first().textContent()).toMatch(/ladd/i);
    await context.close();
  });
});
