import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { db } from "../../db/client.server";
import { createTestDataset } from "../factories/dataset";
import { createTestRequest } from "../factories/request";
import { createTestSurvey, testQuestion } from "../factories/survey";
import { createTestUser } from "../factories/user";
import { chromiumMissing, expectAccessible } from "../support/browser";
import { usePortalAndBrowser, waitForPortalIndexing } from "../support/e2e";
import { loginAs } from "../support/login";

const e2e = usePortalAndBrowser();

/** With SCREENSHOTS set (a folder), the page at a desktop's and a phone's width, for a look by eye. */
async function screenshots(page: Page, name: string) {
  const folder = process.env.SCREENSHOTS;
  if (!folder) return;
  for (const width of [1280, 390]) {
    await page.setViewportSize({ width, height: 900 });
    await page.screenshot({ path: `${folder}/${name}-${width}.png`, fullPage: true });
  }
  await page.setViewportSize({ width: 1280, height: 900 });
}

const linkOf = async (requestId: string) =>
  (await db.selectFrom("requests").select("specification_id").where("id", "=", requestId).executeTakeFirstOrThrow()).specification_id;

const specificationId = async (name: string) =>
  (await db.selectFrom("specifications").select("id").where("name", "=", name).executeTakeFirstOrThrow()).id;

describe.skipIf(chromiumMissing)("the specification a request asks for, in triage", () => {
  it("is confirmed from the matcher's suggestion and changed from the searched register by keyboard, and shown on the request page", async () => {
    const dataset = await createTestDataset({
      title: "Badplatser i Vara kommun",
      description: "Kommunens badplatser med läge och badvattenkvalitet.",
      keywords: ["badplatser", "badvatten"],
      publisherKommunkod: "1470",
      conformsTo: ["https://www.dataportal.se/specifications/badplatser/1.0"],
    });
    await waitForPortalIndexing([dataset.id]);
    const coordinator = await createTestUser({ role: "coordinator", name: "Cecilia Coordinator" });
    const waiting = await createTestRequest({
      title: "Badplatser i Vara kommun",
      body: "Var finns badplatser i Vara kommun, och hur är badvattnet?",
      status: "submitted",
      targetKommunkoder: ["1470"],
    });
    const context = await e2e.browser.newContext({ baseURL: e2e.portal.url, viewport: { width: 1280, height: 900 } });
    await loginAs(context, e2e.portal.url, coordinator.id);
    const page = await context.newPage();
    page.setDefaultTimeout(8_000);
    await page.goto(`/admin/triage/${waiting.number}`);

    const section = page.getByRole("region", { name: "Specifikation" });
    await section.getByText("Ingen specifikation är kopplad.").waitFor();
    await section.getByText("1 matchad datamängd anger den").waitFor();
    await expectAccessible(page);

    // The suggestion's link, then Tab to its button, then Enter: the keyboard's way through the list.
    await section.getByRole("link", { name: "Badplatser 1.0" }).focus();
    await page.keyboard.press("Tab");
    const confirm = section.getByRole("button", { name: "Koppla Badplatser 1.0" });
    expect(await confirm.evaluate((button) => button === document.activeElement)).toBe(true);
    await page.keyboard.press("Enter");
    await page.getByRole("status").getByText("Specifikationen är kopplad.").waitFor();
    expect(await linkOf(waiting.id)).toBe(await specificationId("Badplatser"));
    await section.getByText("kopplad", { exact: false }).first().waitFor();

    // Search the register (a GET form: the same without JavaScript), then choose from the shorter list.
    await section.getByRole("searchbox", { name: "Sök i registret" }).focus();
    await page.keyboard.type("toalett");
    await page.keyboard.press("Enter");
    await page.waitForURL(/specifikation=toalett/);
    const select = section.getByRole("combobox", { name: /^Specifikation/ });
    await expect.poll(() => select.locator("option").count()).toBe(2);
    expect(await select.inputValue()).toBe(await specificationId("Offentliga toaletter"));
    await select.focus();
    await page.keyboard.press("Tab");
    await page.keyboard.press("Enter");
    await page.getByRole("status").getByText("Specifikationen är kopplad.").waitFor();
    expect(await linkOf(waiting.id)).toBe(await specificationId("Offentliga toaletter"));
    await expectAccessible(page);
    await screenshots(page, "triage-specification");

    // A choice left empty says what to do, in Swedish, at the top and at the field.
    await page.goto(`/admin/triage/${waiting.number}`);
    await section.getByRole("combobox", { name: /^Specifikation/ }).selectOption("");
    await section.getByRole("button", { name: "Koppla vald specifikation" }).press("Enter");
    await page.getByRole("alert").getByText("Välj en specifikation ur listan.").waitFor();
    await expectAccessible(page);

    // The public request page names the specification and tells the link in its history.
    await page.goto(`/requests/${waiting.number}`);
    await page.getByRole("link", { name: "Offentliga toaletter" }).waitFor();
    await page.getByText("Förfrågan kopplades till specifikationen Badplatser 1.0").waitFor();
    await page.getByText("Förfrågan kopplades till specifikationen Offentliga toaletter").waitFor();
    await expectAccessible(page);

    await page.goto(`/admin/triage/${waiting.number}`);
    await section.getByRole("button", { name: "Ta bort kopplingen till Offentliga toaletter" }).press("Enter");
    await page.getByRole("status").getByText("Kopplingen till specifikationen är borttagen.").waitFor();
    expect(await linkOf(waiting.id)).toBeNull();
    await context.close();
  });

  it("works without JavaScript: the register is searched by the address and chosen from a plain select", async () => {
    const coordinator = await createTestUser({ role: "coordinator", name: "Nora Noscript" });
    const waiting = await createTestRequest({ title: "Grillplatser i parkerna", status: "submitted", targetKommunkoder: ["1490"] });
    const context = await e2e.browser.newContext({
      baseURL: e2e.portal.url,
      viewport: { width: 1280, height: 900 },
      javaScriptEnabled: false,
    });
    await loginAs(context, e2e.portal.url, coordinator.id);
    const page = await context.newPage();
    page.setDefaultTimeout(8_000);
    await page.goto(`/admin/triage/${waiting.number}`);
    const section = page.getByRole("region", { name: "Specifikation" });
    await section.getByRole("searchbox", { name: "Sök i registret" }).fill("grill");
    await section.getByRole("button", { name: "Sök", exact: true }).click();
    await page.waitForURL(/specifikation=grill/);
    const select = section.getByRole("combobox", { name: /^Specifikation/ });
    expect(await select.locator("option").allInnerTexts()).toEqual(["Välj en specifikation", "Grillplatser 1.0 (Antagen)"]);
    await section.getByRole("button", { name: "Koppla vald specifikation" }).click();
    await page.getByRole("status").getByText("Specifikationen är kopplad.").waitFor();
    expect(await linkOf(waiting.id)).toBe(await specificationId("Grillplatser"));
    await context.close();
  });

  it("lets a survey's sender link a question in the survey editor by keyboard, the searched question kept open", async () => {
    const sender = await createTestUser({ name: "Siri Sender" });
    const survey = await createTestSurvey({
      senderId: sender.id,
      questions: [
        testQuestion({ text: "Hur många anställda har kommunen?" }),
        testQuestion({ text: "Var finns kommunens grillplatser?", answerType: "text", unit: null }),
      ],
    });
    const context = await e2e.browser.newContext({ baseURL: e2e.portal.url, viewport: { width: 1280, height: 900 } });
    await loginAs(context, e2e.portal.url, sender.id);
    const page = await context.newPage();
    page.setDefaultTimeout(8_000);
    await page.goto(`/enkater/${survey.surveyId}/redigera`);
    await page.getByText("Var finns kommunens grillplatser?", { exact: false }).first().focus();
    await page.keyboard.press("Enter");
    const section = page.getByRole("region", { name: "Specifikation för fråga 2" });
    await section.getByRole("searchbox", { name: "Sök i registret" }).focus();
    await page.keyboard.type("grill");
    await page.keyboard.press("Enter");
    await page.waitForURL(/specifikation=grill/);
    // The search kept this question's details open (`?fraga=`), its choice narrowed to one.
    const select = section.getByRole("combobox", { name: /^Specifikation/ });
    await expect.poll(() => select.locator("option").count()).toBe(2);
    await expectAccessible(page);
    await screenshots(page, "survey-question-specification");
    await select.focus();
    await page.keyboard.press("Tab");
    await page.keyboard.press("Enter");
    await page.getByRole("status").getByText("Ändringarna är sparade.").waitFor();
    const linked = await db
      .selectFrom("survey_questions")
      .select("specification_id")
      .where("id", "=", survey.questionIds[1])
      .executeTakeFirstOrThrow();
    expect(linked.specification_id).toBe(await specificationId("Grillplatser"));
    await context.close();
  });
});
