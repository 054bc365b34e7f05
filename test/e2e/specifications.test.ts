import { beforeAll, describe, expect, it } from "vitest";
import { createTestDataset } from "../factories/dataset";
import { createTestUser } from "../factories/user";
import { chromiumMissing, expectAccessible } from "../support/browser";
import { usePortalAndBrowser } from "../support/e2e";
import { loginAs } from "../support/login";

const e2e = usePortalAndBrowser();

/** The register of specifications and the coverage grid in a browser, by keyboard, axe clean (issue 14, ADR 042). */
describe.skipIf(chromiumMissing)("specifications and their coverage", () => {
  beforeAll(async () => {
    await createTestDataset({
      title: "Grillplatser i Borås",
      publisherKommunkod: "1490",
      conformsTo: ["https://dataportal.se/specifications/grillplatser/1.0"],
    });
  });

  it(
    "shows anyone the register and the grid, filtered by keyboard to one municipality and what it lacks",
    { timeout: 90_000 },
    async () => {
      const context = await e2e.browser.newContext({ baseURL: e2e.portal.url });
      const page = await context.newPage();
      await page.goto("/");
      // Linked from every page's footer, beside the API.
      await page.getByRole("contentinfo").getByRole("link", { name: "Specifikationer" }).click();
      await page.getByRole("heading", { name: "Specifikationer", level: 1 }).waitFor();
      await page.getByRole("table", { name: "Specifikationer i registret" }).getByRole("link", { name: "Grillplatser" }).waitFor();
      await expectAccessible(page);

      await page.getByRole("link", { name: "Vilka kommuner publicerar vad" }).click();
      await page.getByRole("heading", { name: "Vilka kommuner publicerar vad", level: 1 }).waitFor();
      const grid = page.getByRole("region", { name: "Kommuner (rader) och specifikationer (kolumner)" });
      // 49 municipalities and the region, each a row with a header.
      expect(await grid.getByRole("rowheader").count()).toBe(50);
      // The cell says in words what it shows, for a screen reader as for the eye.
      const boras = grid.getByRole("row", { name: /^Borås/ });
      await expect(boras.getByText("Följer specifikationen, 1 datamängd").count()).resolves.toBe(1);
      await expectAccessible(page);

      // By keyboard: choose Borås, tick "only those that lack", press the button.
      await page.getByLabel("Kommun", { exact: true }).focus();
      await page.keyboard.press("Tab");
      await page.keyboard.press("Tab");
      await page.keyboard.press("Space");
      await page.getByLabel("Kommun", { exact: true }).selectOption({ label: "Borås" });
      await page.getByLabel("Kommun", { exact: true }).focus();
      await page.keyboard.press("Tab");
      await page.keyboard.press("Tab");
      await page.keyboard.press("Tab");
      await page.keyboard.press("Enter");
      await page.getByRole("heading", { name: "Det här saknar Borås", level: 2 }).waitFor();
      expect(page.url()).toContain("kommun=1490");
      expect(page.url()).toContain("saknar=1");
      const lacks = page.getByRole("region", { name: "Det här saknar Borås" });
      expect(await lacks.getByRole("link", { name: /Badplatser/ }).count()).toBe(1);
      expect(await lacks.getByRole("link", { name: /Grillplatser/ }).count()).toBe(0);
      // The grid scrolls on its own and is reached by keyboard.
      expect(await grid.getAttribute("tabindex")).toBe("0");
      await expectAccessible(page);
      await context.close();
    },
  );

  it("lets a coordinator propose a specification and refuses an address that is not http(s), with nothing written", async () => {
    const coordinator = await createTestUser({ role: "coordinator" });
    const context = await e2e.browser.newContext({ baseURL: e2e.portal.url });
    await loginAs(context, e2e.portal.url, coordinator.id);
    const page = await context.newPage();
    await page.goto("/specifikationer");
    await page.getByRole("link", { name: "Ny specifikation" }).click();
    await page.getByRole("heading", { name: "Ny specifikation", level: 1 }).waitFor();
    await page.getByLabel(/^Namn/).fill("Hundrastgårdar");
    await page.getByLabel(/^Version/).fill("1.0");
    await page.getByLabel(/^Adress/).fill("vastkom.se/spec/hundrastgardar");
    await page.getByRole("button", { name: "Föreslå specifikationen" }).click();
    await page
      .getByRole("alert")
      .getByText(/fullständig http- eller https-adress/)
      .waitFor();
    await expectAccessible(page);
    await page.getByLabel(/^Adress/).fill("https://vastkom.se/spec/hundrastgardar/1.0");
    await page.getByRole("button", { name: "Föreslå specifikationen" }).click();
    await page.getByRole("heading", { name: "Hundrastgårdar 1.0", level: 1 }).waitFor();
    await page.getByText("Föreslagen", { exact: true }).waitFor();
    await expectAccessible(page);
    await page.getByRole("link", { name: "Ändra" }).click();
    await page.getByRole("button", { name: "Anta specifikationen" }).click();
    await page.getByRole("status").getByText("Specifikationen är antagen.").waitFor();
    await expectAccessible(page);
    await context.close();
  });
});
