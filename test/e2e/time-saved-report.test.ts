import { describe, expect, it } from "vitest";
import { db } from "../../db/client.server";
import { acceptDatasetAsAnswer } from "../../app/models/request.server";
import { createTestDataset } from "../factories/dataset";
import { newRequestInput } from "../factories/request";
import { createTestUser } from "../factories/user";
import { chromiumMissing, expectAccessible } from "../support/browser";
import { usePortalAndBrowser } from "../support/e2e";
import { loginAs } from "../support/login";

const e2e = usePortalAndBrowser();

/** The time-saved report, the assumptions, the methodology and the home page's summary in a browser, axe clean (issue 10, ADR 025). */
describe.skipIf(chromiumMissing)("the time-saved report", () => {
  it("shows a coordinator the hours, lets them add an assumption version, and shows anyone the methodology", async () => {
    const requester = await createTestUser();
    const dataset = await createTestDataset({ title: "Badplatser i Borås", publisherKommunkod: "1490" });
    await acceptDatasetAsAnswer({
      requesterUserId: requester.id,
      request: newRequestInput({ targetScope: "all" }),
      datasetUri: dataset.uri,
    });

    // Anyone: the home page's summary and the methodology.
    const visitor = await e2e.browser.newContext({ baseURL: e2e.portal.url });
    const home = await visitor.newPage();
    await home.goto("/");
    const summary = home.getByRole("region", { name: /^Sparad tid \d{4}$/ });
    await summary.getByText("4", { exact: true }).waitFor();
    await expectAccessible(home);
    await summary.getByRole("link", { name: "Så räknas sparad tid" }).click();
    await home.getByRole("heading", { name: "Så räknas sparad tid", level: 1 }).waitFor();
    await home.getByRole("heading", { name: /Antaganden som gäller nu \(version 2\)/ }).waitFor();
    await expectAccessible(home);
    await home.goto("/admin/tidsbesparing");
    await home.waitForURL(/\/login/);
    await visitor.close();

    const coordinator = await createTestUser({ role: "coordinator" });
    const context = await e2e.browser.newContext({ baseURL: e2e.portal.url });
    await loginAs(context, e2e.portal.url, coordinator.id);
    const page = await context.newPage();
    await page.goto("/");
    // The admin pages are under one menu in the header (issue 13).
    await page.getByText("Administration", { exact: true }).click();
    // Exact names: "Så räknas sparad tid" on the home page also holds "sparad tid", and is the first
    // such link until the menu has opened (under load the click took it to the methodology).
    await page.getByRole("link", { name: "Sparad tid", exact: true }).first().click();
    await page.getByRole("heading", { name: "Sparad tid", level: 1, exact: true }).waitFor();
    // Borås alone was spared: 4 hours central, 2 low, 8 high, side by side.
    const scenarios = page.getByRole("table", { name: "Sparad tid i timmar enligt de tre antagandena, sida vid sida." });
    expect(await scenarios.getByRole("row").allInnerTexts()).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^Lågt\s+2\s+1$/),
        expect.stringMatching(/^Mellan\s+4\s+1$/),
        expect.stringMatching(/^Högt\s+8\s+1$/),
      ]),
    );
    // The chart drawn on the server: an image named as its table, Borås's bar with its hours as text.
    const chart = page.getByRole("img", { name: /Per kommun och region/ });
    await chart.waitFor();
    expect(await chart.getAttribute("aria-describedby")).toBeTruthy();
    expect(await chart.locator("text").allTextContents()).toEqual(expect.arrayContaining(["Borås", "4"]));
    expect(await chart.locator('path[fill="#00507a"]').count()).toBe(1);
    await page.getByRole("table", { name: "Per kommun och region" }).getByRole("link", { name: "Borås" }).waitFor();
    await expectAccessible(page);

    await page.getByRole("link", { name: "Ändra antagandena" }).click();
    await page.getByRole("heading", { name: "Antaganden för sparad tid", level: 1 }).waitFor();
    await expectAccessible(page);
    await page.getByLabel("Kommun, mellan scenario (minuter)").fill("-1");
    await page.getByRole("button", { name: "Spara som ny version" }).click();
    await page.getByRole("alert").waitFor();
    expect(await page.getByLabel("Kommun, mellan scenario (minuter)").inputValue()).toBe("-1");
    await expectAccessible(page);
    await page.getByLabel("Kommun, mellan scenario (minuter)").fill("200");
    await page.getByLabel("Varför ändras antagandena? Ange källan.").fill("Egen mätning 2026.");
    await page.getByRole("button", { name: "Spara som ny version" }).click();
    await page.getByRole("status").getByText("Sparat som version 3.").waitFor();
    const versions = await db.selectFrom("time_saved_assumptions").select("version").orderBy("version").execute();
    expect(versions.map((v) => v.version)).toEqual([1, 2, 3]);
    await context.close();
  });
});
