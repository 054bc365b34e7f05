import type { Page } from "playwright-core";
import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import { db } from "../../db/client.server";
import { chromiumMissing, expectAccessible } from "../support/browser";
import { usePortalAndBrowser } from "../support/e2e";

const e2e = usePortalAndBrowser({ catalogues: ["catalog-vg-public.rdf"] });

async function screenshots(page: Page, name: string) {
  const folder = process.env.SCREENSHOTS;
  if (!folder) return;
  for (const width of [1280, 390]) {
    await page.setViewportSize({ width, height: 900 });
    await page.screenshot({ path: `${folder}/${name}-${width}.png`, fullPage: true });
  }
  await page.setViewportSize({ width: 1280, height: 900 });
}

describe.skipIf(chromiumMissing)("dataset search results", () => {
  it("show the description's first line, formats, licence and update date, with the searched words marked", async () => {
    const page = await e2e.browser.newPage({ baseURL: e2e.portal.url, viewport: { width: 1280, height: 900 } });
    page.setDefaultTimeout(8_000);
    await page.goto("/datasets?q=badplatser");
    const first = page.locator(".dataset-result").first();
    await first.waitFor();
    const title = await first.locator(".result-title").innerText();
    const dataset = await db
      .selectFrom("datasets")
      .select(["description", "formats", "licence"])
      .where(sql<boolean>`title->>'sv' = ${title} OR title->>'' = ${title}`)
      .where("removed_at", "is", null)
      .executeTakeFirstOrThrow();
    const description = (dataset.description.sv ?? Object.values(dataset.description)[0] ?? "").trim().split("\n")[0];
    if (description && description.length <= 240) expect(await first.locator(".dataset-result__description").innerText()).toBe(description);
    expect(await page.locator(".dataset-result mark").count()).toBeGreaterThan(0);
    expect((await page.locator(".dataset-result mark").first().innerText()).toLowerCase()).toMatch(/^badplats/);
    const facts = await page.locator(".dataset-result__facts").allInnerTexts();
    expect(facts.join("\n")).toMatch(/Format: /);
    if (dataset.licence) expect(await first.locator(".dataset-result__facts").innerText()).toContain("Licens: ");
    // Licences by name, never their URI.
    expect(facts.join("\n")).not.toMatch(/Licens: https?:/);
    await expectAccessible(page);
    await screenshots(page, "dataset-results");
    await page.close();
  });

  // On a phone the filters stack above the results and fill a screen or two.
  it("lead a phone's reader past the filters to the results by a link; a wide screen needs none", async () => {
    const page = await e2e.browser.newPage({ baseURL: e2e.portal.url, viewport: { width: 390, height: 800 } });
    page.setDefaultTimeout(8_000);
    await page.goto("/datasets?q=badplatser");
    const skip = page.getByRole("link", { name: /^Förbi filtren till träffarna: \d+ datamängder$/ });
    await skip.focus();
    await page.keyboard.press("Enter");
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe("results");
    const first = page.locator(".dataset-result").first();
    expect(await first.evaluate((element) => element.getBoundingClientRect().top < window.innerHeight)).toBe(true);
    await expectAccessible(page);
    await page.setViewportSize({ width: 1280, height: 900 });
    expect(await skip.isVisible()).toBe(false);
    await page.close();
  });
});
