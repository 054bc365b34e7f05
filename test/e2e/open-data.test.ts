import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestRequest } from "../factories/request";
import { chromiumMissing, expectAccessible, launchChromium } from "../support/browser";
import { startPortal, type RunningPortal } from "../support/portal";

/** The register's feed and CSV links follow its filter, and the API page lists the files (issue 12, ADR 038). */

let portal: RunningPortal;
let browser: Browser;

beforeAll(async () => {
  if (chromiumMissing) return;
  await createTestRequest({ title: "Badplatser i Borås", targetKommunkoder: ["1490"] });
  await createTestRequest({ title: "Laddplatser i Skövde", targetKommunkoder: ["1496"] });
  [portal, browser] = await Promise.all([startPortal(), launchChromium()]);
});

afterAll(async () => {
  await browser?.close();
  await portal?.stop();
});

describe.skipIf(chromiumMissing)("the portal's own open data in a real browser", () => {
  it("the register's feed and CSV carry the chosen filter, in the links and in the head", async () => {
    const context = await browser.newContext({ baseURL: portal.url, locale: "sv-SE" });
    const page = await context.newPage();
    await page.goto("/requests");
    await page.getByLabel("Ställd till").selectOption({ label: "Borås" });
    await page.waitForURL(/kommunkod=1490/);
    const feed = page.getByRole("link", { name: /Prenumerera på förfrågningarna/ });
    await expect.poll(() => feed.getAttribute("href")).toBe("/requests.atom?kommunkod=1490");
    expect(await page.getByRole("link", { name: /som CSV/ }).getAttribute("href")).toBe("/requests.csv?kommunkod=1490");
    expect(await page.locator('head link[rel="alternate"][type="application/atom+xml"]').getAttribute("href")).toBe(
      "/requests.atom?kommunkod=1490",
    );
    await expectAccessible(page);
    const atom = await page.evaluate(async () => (await fetch("/requests.atom?kommunkod=1490")).text());
    expect(atom).toContain("<![CDATA[Badplatser i Borås]]>");
    expect(atom).not.toContain("Laddplatser i Skövde");
    await context.close();
  });

  it("the API page lists the feeds, the catalogue and each CSV file's columns, accessibly", async () => {
    const context = await browser.newContext({ baseURL: portal.url, locale: "sv-SE" });
    const page = await context.newPage();
    await page.goto("/api");
    await page.getByRole("heading", { name: "Flöden, CSV-filer och datakatalog" }).waitFor();
    await page.getByRole("table", { name: "Kolumner i /requests.csv" }).getByRole("rowheader", { name: "Sista svarsdag" }).waitFor();
    expect(await page.getByRole("link", { name: "/catalog.rdf" }).getAttribute("href")).toBe("/catalog.rdf");
    await expectAccessible(page);
    await context.close();
  });
});
