import { describe, expect, it } from "vitest";
import { db } from "../../db/client.server";
import { createTestDataset } from "../factories/dataset";
import { createTestSurvey, testQuestion } from "../factories/survey";
import { createTestUser } from "../factories/user";
import { chromiumMissing, expectAccessible } from "../support/browser";
import { usePortalAndBrowser, waitForPortalIndexing } from "../support/e2e";
import { loginAs } from "../support/login";

const e2e = usePortalAndBrowser();

const specificationId = async (name: string) =>
  (await db.selectFrom("specifications").select("id").where("name", "=", name).executeTakeFirstOrThrow()).id;

describe.skipIf(chromiumMissing)("a sent survey's questions and the specifications they ask for", () => {
  it("are confirmed by a coordinator on the survey's page by keyboard, one question at a time, with axe-core", async () => {
    const dataset = await createTestDataset({
      title: "Grillplatser i Tidaholm",
      description: "Kommunens grillplatser och rastplatser med läge.",
      keywords: ["grillplatser", "rastplatser"],
      publisherKommunkod: "1498",
      conformsTo: ["https://www.dataportal.se/specifications/grillplatser/1.0"],
    });
    await waitForPortalIndexing([dataset.id]);
    const survey = await createTestSurvey({
      send: true,
      questions: [
        testQuestion({ text: "Hur många anställda har kommunen?" }),
        testQuestion({ text: "Var finns kommunens grillplatser?", answerType: "text", unit: null }),
      ],
    });
    const coordinator = await createTestUser({ role: "coordinator", name: "Cecilia Coordinator" });
    const context = await e2e.browser.newContext({ baseURL: e2e.portal.url, viewport: { width: 1280, height: 900 } });
    await loginAs(context, e2e.portal.url, coordinator.id);
    const page = await context.newPage();
    page.setDefaultTimeout(8_000);
    await page.goto(`/enkater/${survey.surveyId}`);

    // Each question says what it asks for; none is opened (and no matcher asked) until chosen.
    await expect.poll(() => page.getByText("Efterfrågad specifikation: ingen kopplad").count()).toBe(2);
    await expectAccessible(page);
    await page.getByRole("link", { name: "Koppla specifikation till fråga 2" }).focus();
    await page.keyboard.press("Enter");
    await page.waitForURL(new RegExp(`fraga=${survey.questionIds[1]}`));
    const section = page.getByRole("region", { name: "Specifikation för fråga 2" });
    await section.getByText("1 matchad datamängd anger den").waitFor();
    await expectAccessible(page);
    // Nothing chosen from the register: the error summary names the field and leads to this question's select.
    await section.getByRole("button", { name: "Koppla vald specifikation" }).click();
    const summary = page.getByRole("alert");
    const target = await summary.getByRole("link", { name: /Välj en specifikation ur listan/ }).getAttribute("href");
    expect(await section.locator(target!).evaluate((element) => element.tagName)).toBe("SELECT");
    await expectAccessible(page);
    await section.getByRole("button", { name: "Koppla Grillplatser 1.0" }).focus();
    await page.keyboard.press("Enter");
    await page.getByRole("status").getByText("Specifikationen är kopplad.").waitFor();
    const linked = await db
      .selectFrom("survey_questions")
      .select(["text", "specification_id"])
      .where("id", "=", survey.questionIds[1])
      .executeTakeFirstOrThrow();
    expect(linked).toEqual({ text: "Var finns kommunens grillplatser?", specification_id: await specificationId("Grillplatser") });
    await context.close();
  });

  it("is not offered to the survey's sender or a visitor", async () => {
    const sender = await createTestUser({ name: "Siri Sender" });
    const survey = await createTestSurvey({ send: true, senderId: sender.id });
    const context = await e2e.browser.newContext({ baseURL: e2e.portal.url });
    const page = await context.newPage();
    page.setDefaultTimeout(8_000);
    await page.goto(`/enkater/${survey.surveyId}`);
    await page.getByRole("heading", { level: 1 }).waitFor();
    expect(await page.getByRole("link", { name: /Koppla specifikation/ }).count()).toBe(0);
    await loginAs(context, e2e.portal.url, sender.id);
    await page.goto(`/enkater/${survey.surveyId}`);
    await page.getByRole("heading", { level: 1 }).waitFor();
    expect(await page.getByRole("link", { name: /Koppla specifikation/ }).count()).toBe(0);
    await context.close();
  });
});
