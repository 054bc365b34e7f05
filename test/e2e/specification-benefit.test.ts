import { beforeAll, describe, expect, it } from "vitest";
import { db } from "../../db/client.server";
import { saveBenefitSummary } from "../../app/models/specification-benefit.server";
import { createTestRequest } from "../factories/request";
import { actorOf } from "../factories/task";
import { createTestUser } from "../factories/user";
import { chromiumMissing, expectAccessible } from "../support/browser";
import { usePortalAndBrowser } from "../support/e2e";
import { loginAs } from "../support/login";
import { createTestSpecification } from "../factories/specification";

const e2e = usePortalAndBrowser();

/** A specification's demand and nyttobeskrivning in a browser: read by anyone, summarised by a coordinator (issue 14, ADR 043). */
describe.skipIf(chromiumMissing)("a specification's benefit description", () => {
  let specificationId: string;
  let bathingApp: { id: string; number: number };

  beforeAll(async () => {
    const coordinator = await actorOf(await createTestUser({ role: "coordinator" }));
    ({ id: specificationId } = await createTestSpecification({
      actor: coordinator,
      name: "Hundrastgårdar",
      description: "Inhägnade ytor där hundar får springa lösa.",
      fields: ["namn", "läge"],
      maintainer: "VästKom",
    }));
    const link = (id: string) => db.updateTable("requests").set({ specification_id: specificationId }).where("id", "=", id).execute();
    bathingApp = await createTestRequest({
      title: "Hundrastgårdar till en app",
      purpose: "En app som visar **hundägare** var närmaste rastgård finns.",
      requesterUserId: (await createTestUser({ name: "Synlig Hundägare" })).id,
      requesterType: "company",
      requesterShownAs: "organisation",
      requesterOrganisationName: "Hundappen AB",
    });
    await link(bathingApp.id);
    const hidden = await createTestRequest({
      title: "Rastgårdar i forskning",
      purpose: "Studier av hur stadens grönytor används.",
      requesterUserId: (await createTestUser({ name: "Hemlig Forskare" })).id,
      requesterType: "research",
      requesterShownAs: "anonymous",
      requesterOrganisationName: "Hemliga institutet",
    });
    await link(hidden.id);
  });

  it("shows anyone the demand and every benefit text, never a name the requester hid", { timeout: 90_000 }, async () => {
    const context = await e2e.browser.newContext({ baseURL: e2e.portal.url });
    const page = await context.newPage();
    await page.goto(`/specifikationer/${specificationId}`);
    const section = page.getByRole("region", { name: "Efterfrågan och nytta" });
    await section.waitFor();
    await section.getByText("Ingen sammanfattning är skriven ännu.").waitFor();
    await expectAccessible(page);

    await section.getByRole("link", { name: "Läs beskrivningarna av nyttan (2 beskrivningar)" }).click();
    await page.getByRole("heading", { name: "Nyttobeskrivning: Hundrastgårdar 1.0", level: 1 }).waitFor();
    expect(await page.title()).toContain("Nyttobeskrivning: Hundrastgårdar 1.0");
    const byType = page.getByRole("region", { name: "Vilka som frågar" });
    await expect(
      byType
        .getByRole("row", { name: /^Företag/ })
        .getByRole("cell")
        .allTextContents(),
    ).resolves.toEqual(["1", "1"]);
    await page.getByRole("heading", { name: `Förfrågan ${bathingApp.number}: Hundrastgårdar till en app`, level: 3 }).waitFor();
    await page.getByText("Företag · Hundappen AB").waitFor();
    // The requester's Markdown, made safe on the server.
    await expect(page.locator("article strong", { hasText: "hundägare" }).count()).resolves.toBe(1);
    const text = await page.locator("main").innerText();
    expect(text).toContain("Studier av hur stadens grönytor används.");
    expect(text).not.toContain("Hemlig Forskare");
    expect(text).not.toContain("Hemliga institutet");
    expect(text).not.toContain("Synlig Hundägare");
    // A visitor is offered no way to edit.
    expect(await page.getByRole("link", { name: "Skriv en sammanfattning" }).count()).toBe(0);
    await expectAccessible(page);
    await context.close();
  });

  it(
    "lets a coordinator write the summary by keyboard; a colleague's save in between is not overwritten and the text stays in the form",
    { timeout: 90_000 },
    async () => {
      const coordinator = await createTestUser({ role: "coordinator" });
      const context = await e2e.browser.newContext({ baseURL: e2e.portal.url });
      await loginAs(context, e2e.portal.url, coordinator.id);
      const page = await context.newPage();
      await page.goto(`/specifikationer/${specificationId}/nytta`);
      await page.getByRole("link", { name: "Skriv en sammanfattning" }).click();
      await page.getByRole("heading", { name: "Ändra nyttobeskrivningens sammanfattning", level: 1 }).waitFor();
      await expectAccessible(page);

      await page.getByLabel("Sammanfattning", { exact: true }).fill("Hundägare och forskare behöver veta var rastgårdarna finns.");
      const source = page.getByRole("checkbox", { name: new RegExp(`Förfrågan ${bathingApp.number}:`) });
      await source.focus();
      await page.keyboard.press("Space");
      expect(await source.isChecked()).toBe(true);

      // A colleague saves while this form is open.
      await saveBenefitSummary({
        actor: await actorOf(await createTestUser({ role: "coordinator" })),
        specificationId,
        text: "Kollegans sammanfattning.",
        sourceRequestIds: [],
        version: 0,
      });
      await page.getByRole("button", { name: "Spara sammanfattningen" }).press("Enter");
      await page
        .getByRole("alert")
        .getByText(/Någon annan har sparat sammanfattningen/)
        .waitFor();
      expect(await page.getByLabel("Sammanfattning", { exact: true }).inputValue()).toBe(
        "Hundägare och forskare behöver veta var rastgårdarna finns.",
      );
      expect(await source.isChecked()).toBe(true);
      // The colleague's text is shown beside it, to compare.
      await page.getByRole("region", { name: "Sammanfattningen som den är sparad nu" }).getByText("Kollegans sammanfattning.").waitFor();
      await expectAccessible(page);

      // Having read the colleague's, the coordinator saves theirs on purpose.
      await page.getByRole("button", { name: "Spara sammanfattningen" }).press("Enter");
      await page.getByRole("status").getByText("Sammanfattningen är sparad.").waitFor();

      await page.goto(`/specifikationer/${specificationId}/nytta`);
      await page.getByText("Hundägare och forskare behöver veta var rastgårdarna finns.").waitFor();
      await page
        .getByRole("link", { name: `Förfrågan ${bathingApp.number}: Hundrastgårdar till en app` })
        .first()
        .waitFor();
      await page.getByText(/Senast ändrad .* av Samordnare\./).waitFor();
      await expectAccessible(page);

      // The specification's history says so, in words.
      await page.goto(`/specifikationer/${specificationId}`);
      await page.getByText("Nyttobeskrivningens sammanfattning ändrades", { exact: false }).first().waitFor();
      await context.close();
    },
  );
});
