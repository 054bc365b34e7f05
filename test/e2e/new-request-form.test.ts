import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { db } from "../../db/client.server";
import { createTestUser } from "../factories/user";
import { chromiumMissing, expectAccessible } from "../support/browser";
import { usePortalAndBrowser } from "../support/e2e";
import { loginAs } from "../support/login";

const e2e = usePortalAndBrowser();

/** With SCREENSHOTS set to a folder, the changed page is kept at both widths for a human to look at. */
async function screenshots(page: Page, name: string) {
  const folder = process.env.SCREENSHOTS;
  if (!folder) return;
  for (const width of [1280, 390]) {
    await page.setViewportSize({ width, height: 900 });
    await page.screenshot({ path: `${folder}/${name}-${width}.png`, fullPage: true });
  }
  await page.setViewportSize({ width: 1280, height: 900 });
}

async function signedInPage(name: string, options: { javaScriptEnabled?: boolean } = {}) {
  const requester = await createTestUser({ name });
  const context = await e2e.browser.newContext({ baseURL: e2e.portal.url, viewport: { width: 1280, height: 900 }, ...options });
  await loginAs(context, e2e.portal.url, requester.id);
  const page = await context.newPage();
  // A step that cannot happen fails naming its locator, well inside the test's own time limit.
  page.setDefaultTimeout(8_000);
  return { requester, context, page };
}

async function targetsOf(requesterId: string) {
  return (
    await db
      .selectFrom("requests")
      .innerJoin("request_targets", "request_targets.request_id", "requests.id")
      .innerJoin("organisations", "organisations.id", "request_targets.organisation_id")
      .select("organisations.name")
      .where("requests.requester_user_id", "=", requesterId)
      .orderBy("organisations.name")
      .execute()
  ).map((row) => row.name);
}

describe.skipIf(chromiumMissing)("the new-request form", () => {
  it("asks for municipalities only when some are chosen, and filters them as the requester types (JavaScript)", async () => {
    const { requester, context, page } = await signedInPage("Jenny Javascript");
    await page.goto("/requests/new");
    await page.getByRole("heading", { name: "1. Vad behöver du?" }).waitFor();
    expect(await page.getByRole("checkbox", { name: "Borås" }).isVisible()).toBe(false);
    await expectAccessible(page);

    // The match panel sits beside the description it matches, not under the whole form.
    const body = (await page.getByLabel("Vilka data behöver du?").boundingBox())!;
    const panel = (await page.getByRole("heading", { name: "Finns det redan?" }).boundingBox())!;
    expect(panel.x).toBeGreaterThan(body.x + body.width);
    expect(Math.abs(panel.y - body.y)).toBeLessThan(300);

    await page.getByRole("radio", { name: "Vissa kommuner" }).check();
    await page.getByRole("button", { name: "Skicka förfrågan" }).click();
    await page
      .locator(".error-summary")
      .getByRole("link", { name: /Välj minst en kommun/ })
      .waitFor();
    expect(await page.locator(".error-summary").innerText()).not.toContain("?:");
    await expectAccessible(page);

    await page.getByLabel("Rubrik").fill("Gatubelysningens energiförbrukning");
    await page.getByLabel("Vilka data behöver du?").fill("Hur mycket el gatubelysningen drar per år och gata.");
    await page.getByLabel("Vad ska data användas till, och vilken nytta gör det?").fill("Energiplanering.");
    await page.getByRole("radio", { name: "Vissa kommuner" }).check();
    const filter = page.getByRole("searchbox", { name: "Sök kommun" });
    await filter.waitFor();
    await filter.fill("borå");
    await page.getByText("1 kommun visas").waitFor();
    expect(await page.getByRole("checkbox", { name: "Skövde" }).isVisible()).toBe(false);
    await page.getByRole("checkbox", { name: "Borås" }).check();
    await filter.fill("skö");
    await page.getByRole("checkbox", { name: "Skövde" }).check();
    await expectAccessible(page);
    await screenshots(page, "new-request-js");
    await page.getByRole("button", { name: "Skicka förfrågan" }).click();
    await page.waitForURL(/\/requests\/\d+$/);
    // Borås was filtered out of view when Skövde was chosen, and is still sent.
    expect(await targetsOf(requester.id)).toEqual(["Borås", "Skövde"]);
    await context.close();
  });

  it("works without JavaScript: the list is grouped by initial, shown for some municipalities, and errors read cleanly", async () => {
    const { requester, context, page } = await signedInPage("Nils Noscript", { javaScriptEnabled: false });
    await page.goto("/requests/new");
    expect(await page.getByRole("searchbox", { name: "Sök kommun" }).count()).toBe(0);
    expect(await page.getByRole("checkbox", { name: "Borås" }).isVisible()).toBe(false);
    await page.getByRole("radio", { name: "Vissa kommuner" }).check();
    await page.getByRole("group", { name: "A–F" }).getByRole("checkbox", { name: "Borås" }).waitFor();
    // axe-core cannot run where JavaScript is off: the JavaScript test checks the same page and its errors.
    await screenshots(page, "new-request-nojs");

    await page.getByRole("button", { name: "Skicka förfrågan" }).click();
    const summary = page.locator(".error-summary");
    await summary.waitFor();
    expect(await summary.innerText()).not.toContain("?:");
    await summary.getByRole("link", { name: /Välj minst en kommun/ }).waitFor();
    await screenshots(page, "new-request-errors");

    await page.getByLabel("Rubrik").fill("Cykelparkeringar");
    await page.getByLabel("Vilka data behöver du?").fill("Var finns cykelparkeringar och hur många platser har de?");
    await page.getByLabel("Vad ska data användas till, och vilken nytta gör det?").fill("En cykelkarta.");
    // The choice came back with the form, so the list is still shown.
    await page.getByRole("checkbox", { name: "Vänersborg" }).check();
    await page.getByRole("button", { name: "Skicka förfrågan" }).click();
    await page.waitForURL(/\/requests\/\d+$/);
    expect(await targetsOf(requester.id)).toEqual(["Vänersborg"]);
    await context.close();
  });

  it("is sent by keyboard alone in far fewer than the 56 Tab presses it took", async () => {
    const { requester, context, page } = await signedInPage("Kim Keyboard");
    await page.goto("/requests/new");
    await page.getByRole("heading", { name: "1. Vad behöver du?" }).waitFor();

    const focusedName = () => page.evaluate(() => document.activeElement?.getAttribute("name") ?? document.activeElement?.tagName ?? "");
    const focusedValue = () => page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.value ?? "");
    let presses = 0;
    // From the top of the page to the submit button, skipping nothing, writing nothing.
    while (!((await focusedName()) === "intent" && (await focusedValue()) === "submit")) {
      await page.keyboard.press("Tab");
      presses += 1;
      if (presses > 80) throw new Error("the submit button was never reached by Tab");
    }
    console.info(`new-request form: ${presses} Tab presses from the top of the page to "Skicka förfrågan"`);
    expect(presses).toBeLessThan(25);

    // Now fill it by keyboard: Tab into each field, type, arrow keys for the radio groups.
    await page.goto("/requests/new");
    await page.getByLabel("Rubrik").focus();
    await page.keyboard.type("Lekplatser");
    await page.keyboard.press("Tab");
    await page.keyboard.type("Var finns kommunens lekplatser och vilken utrustning har de?");
    await page.keyboard.press("Tab"); // the "show what exists" button
    await page.keyboard.press("Tab");
    await page.keyboard.type("En app för barnfamiljer.");
    await page.keyboard.press("Tab"); // "you ask as": company
    await page.keyboard.press("Tab"); // "show as": my name
    await page.keyboard.press("Tab"); // whom: all 49
    await page.keyboard.press("ArrowDown"); // some municipalities
    await page.keyboard.press("Tab");
    expect(await page.evaluate(() => (document.activeElement as HTMLInputElement).type)).toBe("search");
    await page.keyboard.type("Tjörn");
    await page.keyboard.press("Enter"); // only filters; the form is not sent
    await page.keyboard.press("Tab");
    await page.keyboard.press("Space");
    expect(await page.getByRole("checkbox", { name: "Tjörn" }).isChecked()).toBe(true);
    await page.getByRole("button", { name: "Skicka förfrågan" }).focus();
    await page.keyboard.press("Enter");
    await page.waitForURL(/\/requests\/\d+$/);
    expect(await targetsOf(requester.id)).toEqual(["Tjörn"]);
    await context.close();
  });
});
