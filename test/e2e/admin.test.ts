import { describe, expect, it } from "vitest";
import { createTestUser } from "../factories/user";
import { chromiumMissing, expectAccessible } from "../support/browser";
import { usePortalAndBrowser } from "../support/e2e";
import { startCatalogueServer } from "../support/catalogue-server";
import { loginAs } from "../support/login";

// The fixture catalogue server listens on loopback; the operator's allow-list lets it through (ADR 009).
process.env.CATALOGUE_ALLOWED_INTERNAL_HOSTS = "127.0.0.1";

const e2e = usePortalAndBrowser();

describe.skipIf(chromiumMissing)("users and roles page", () => {
  it("lets a coordinator make a user responder for Borås, with clear errors for bad input", async () => {
    const coordinator = await createTestUser({ role: "coordinator", name: "Cora Samordnare" });
    await createTestUser({ name: "Bo Borås", email: "bo@boras.example.se" });
    const context = await e2e.browser.newContext({ baseURL: e2e.portal.url });
    await loginAs(context, e2e.portal.url, coordinator.id);
    const page = await context.newPage();

    await page.goto("/");
    // The admin pages are under one menu in the header (issue 13).
    await page.getByText("Administration", { exact: true }).click();
    await page.getByRole("link", { name: "Användare och roller" }).click();
    await page.getByRole("heading", { name: "Användare och roller", level: 1 }).waitFor();
    await expectAccessible(page);
    // A coordinator cannot hand out the administrator role.
    expect(await page.getByLabel("Roll", { exact: true }).locator("option").allTextContents()).toEqual([
      "Svarar för organisationen",
      "Samordnare",
    ]);

    await page.getByLabel("Användarens e-postadress").fill("finns-inte@example.se");
    await page.getByLabel("Organisation").selectOption({ label: "Borås (1490)" });
    await page.getByRole("button", { name: "Ge roll" }).click();
    await page.getByRole("alert").getByText("Det finns ingen användare med den e-postadressen.").waitFor();
    expect(await page.getByLabel("Användarens e-postadress").inputValue()).toBe("finns-inte@example.se");
    await expectAccessible(page);

    await page.getByLabel("Användarens e-postadress").fill("bo@boras.example.se");
    await page.getByRole("button", { name: "Ge roll" }).click();
    await page.getByRole("status").getByText("Bo Borås har fått rollen Svarar för organisationen i Borås.").waitFor();
    const row = page.getByRole("row", { name: /Bo Borås/ });
    await row.getByText("Svarar för organisationen – Borås").waitFor();
    await expectAccessible(page);

    await row.getByRole("button", { name: "Ta bort Svarar för organisationen i Borås för Bo Borås" }).click();
    await page.getByRole("status").getByText("Rollen är borttagen.").waitFor();
    await page
      .getByRole("row", { name: /Bo Borås/ })
      .getByText("Inga roller")
      .waitFor();
    await context.close();
  });

  it("lets a coordinator add a catalogue source, harvest it and read the run", async () => {
    const catalogues = await startCatalogueServer({
      "/dcat.ttl": { file: "catalogs/se_fornpunkt_dcat3.ttl", contentType: "text/turtle" },
    });
    const coordinator = await createTestUser({ role: "coordinator" });
    const context = await e2e.browser.newContext({ baseURL: e2e.portal.url });
    await loginAs(context, e2e.portal.url, coordinator.id);
    const page = await context.newPage();
    try {
      await page.goto("/");
      // The admin pages are under one menu in the header (issue 13).
      await page.getByText("Administration", { exact: true }).click();
      await page.getByRole("link", { name: "Katalogkällor" }).click();
      await page.getByRole("heading", { name: "Katalogkällor", level: 1 }).waitFor();
      await expectAccessible(page);

      await page.getByRole("button", { name: "Lägg till källa" }).click();
      await page.getByRole("alert").getByText("Skriv ett namn på källan.").waitFor();
      await expectAccessible(page);

      await page.getByLabel("Namn", { exact: false }).first().fill("FornPunkt");
      await page.getByLabel("Adress").fill(`${catalogues.base}/dcat.ttl`);
      await page.getByRole("button", { name: "Lägg till källa" }).click();
      await page.getByRole("status").getByText("Källan FornPunkt är tillagd och skördas nu.").waitFor();

      // The harvest runs as a job; the page shows it once done.
      await expect
        .poll(
          async () => {
            await page.reload();
            return page.getByRole("row", { name: /FornPunkt/ }).textContent();
          },
          { timeout: 20_000 },
        )
        .toMatch(/Lyckades/);
      await page.getByRole("link", { name: "Visa skördningar för FornPunkt" }).click();
      await page.getByRole("heading", { name: "Skördningar" }).waitFor();
      await page.getByText("5 nya, 0 ändrade, 0 borttagna, 0 fel").waitFor();
      await expectAccessible(page);
    } finally {
      catalogues.close();
      await context.close();
    }
  });
});
