import { describe, expect, it } from "vitest";
import { chromiumMissing } from "../support/browser";
import { usePortalAndBrowser } from "../support/e2e";

const e2e = usePortalAndBrowser();

describe.skipIf(chromiumMissing)("the error page in the reader's language", () => {
  // The browser holds the catalogue of the reader's language only (ADR 027); when the portal's own
  // data fails on a page change, the error page must still be in it, not message keys or Swedish.
  it("tells an English reader in English that something went wrong when the page's data fails after a click", async () => {
    const context = await e2e.browser.newContext({ baseURL: e2e.portal.url });
    const page = await context.newPage();
    page.setDefaultTimeout(10_000);
    await page.goto("/requests");
    await page.getByRole("button", { name: "In English" }).click();
    await expect.poll(() => page.locator("html").getAttribute("lang")).toBe("en");
    await page.waitForLoadState("networkidle");

    await page.route(/\.data(\?|$)/, (route) => route.fulfill({ status: 500, contentType: "text/plain", body: "down" }));
    await page.getByRole("link", { name: "Datasets", exact: true }).first().click();
    const heading = page.getByRole("heading", { level: 1 });
    await expect.poll(() => heading.innerText()).toBe("Something went wrong");
    expect(await page.locator("main").innerText()).not.toMatch(/\berror\.\d|\bnav\./);
    await context.close();
  });
});
