import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { createTestRequest } from "../factories/request";
import { chromiumMissing, expectAccessible } from "../support/browser";
import { usePortalAndBrowser } from "../support/e2e";

const e2e = usePortalAndBrowser();

async function screenshots(page: Page, name: string) {
  const folder = process.env.SCREENSHOTS;
  if (!folder) return;
  for (const width of [1280, 390]) {
    await page.setViewportSize({ width, height: 900 });
    await page.screenshot({ path: `${folder}/${name}-${width}.png`, fullPage: true });
  }
  await page.setViewportSize({ width: 1280, height: 900 });
}

describe.skipIf(chromiumMissing)("the home page", () => {
  it("offers a search box and the way to ask, with counts in the plural each language needs", async () => {
    await createTestRequest({ title: "Cykelbanor med en röst", status: "open", votes: 1 });
    await createTestRequest({ title: "Cykelbanor med två röster", status: "open", votes: 2 });
    const page = await e2e.browser.newPage({ baseURL: e2e.portal.url, viewport: { width: 1280, height: 900 } });
    page.setDefaultTimeout(8_000);
    await page.goto("/");
    const wanted = page.getByRole("region", { name: "Mest efterfrågat just nu" });
    expect(await wanted.getByRole("listitem").filter({ hasText: "Cykelbanor med en röst" }).innerText()).toMatch(/1 röst$/);
    expect(await wanted.getByRole("listitem").filter({ hasText: "Cykelbanor med två röster" }).innerText()).toMatch(/2 röster$/);
    await page.getByRole("link", { name: "Ställ en fråga" }).waitFor();
    await expectAccessible(page);
    await screenshots(page, "home-sv");

    await page.getByRole("button", { name: "In English" }).click();
    await page.locator("html[lang=en]").waitFor();
    const wantedEn = page.getByRole("region", { name: "Most wanted right now" });
    expect(await wantedEn.getByRole("listitem").filter({ hasText: "Cykelbanor med en röst" }).innerText()).toMatch(/1 vote$/);
    expect(await wantedEn.getByRole("listitem").filter({ hasText: "Cykelbanor med två röster" }).innerText()).toMatch(/2 votes$/);
    await expectAccessible(page);
    await page.getByRole("button", { name: "På svenska" }).click();
    await page.locator("html[lang=sv]").waitFor();

    await page.getByRole("searchbox", { name: "Sök bland datamängderna" }).fill("badplatser");
    await page.getByRole("button", { name: "Sök", exact: true }).click();
    await page.waitForURL(/\/datasets\?q=badplatser$/);
    await page.close();
  });
});
