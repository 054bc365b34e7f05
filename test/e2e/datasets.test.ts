import { describe, expect, it } from "vitest";
import { chromiumMissing, expectAccessible } from "../support/browser";
import { usePortalAndBrowser } from "../support/e2e";

const e2e = usePortalAndBrowser({ catalogues: ["catalog-vg-public.rdf"] });

describe.skipIf(chromiumMissing)("the dataset catalogue", () => {
  it("finds datasets as the visitor types, narrows by publisher and opens a dataset", async () => {
    const context = await e2e.browser.newContext({ baseURL: e2e.portal.url });
    const page = await context.newPage();
    await page.goto("/");
    await page.getByRole("link", { name: "Datamängder" }).click();
    await page.getByRole("heading", { name: "Datamängder", level: 1 }).waitFor();
    await expectAccessible(page);

    await page.getByLabel("Sök bland datamängder").pressSequentially("badplatser i Borås", { delay: 20 });
    await page
      .getByRole("status")
      .getByText(/datamängder för ”badplatser i Borås”/)
      .waitFor();
    const first = page.locator(".result-title").first();
    expect(await first.textContent()).toMatch(/Borås/);
    await expectAccessible(page);

    await page.getByLabel("Sök bland datamängder").fill("badplatser");
    await page
      .getByRole("status")
      .getByText(/datamängder för ”badplatser”$/)
      .waitFor();
    await page
      .getByRole("group", { name: "Utgivare" })
      .getByLabel(/^Skövde/)
      .check();
    await expect.poll(() => page.url()).toMatch(/publisher=Sk%C3%B6vde/);
    await expect.poll(async () => (await page.locator(".result-list li").allTextContents()).every((t) => t.includes("Skövde"))).toBe(true);

    await page.locator(".result-title").first().click();
    await page.getByRole("heading", { name: "Distributioner (filer och API:er)" }).waitFor();
    expect(await page.getByText("Utgivare:").textContent()).toMatch(/Skövde/);
    await expectAccessible(page);
    await context.close();
  });

  it("searches without JavaScript too", async () => {
    const context = await e2e.browser.newContext({ baseURL: e2e.portal.url, javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto("/datasets");
    await page.getByLabel("Sök bland datamängder").fill("laddstolpar skövde");
    await page.getByRole("button", { name: "Sök", exact: true }).click();
    await page.getByText(/datamängder för ”laddstolpar skövde”/).waitFor();
    expect(await page.locator(".result-title").first().textContent()).toMatch(/ladd/i);
    await context.close();
  });
});
