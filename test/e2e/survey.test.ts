import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { db } from "../../db/client.server";
import { answerSurveyTask } from "../../app/models/survey-answer.server";
import { closeSurvey } from "../../app/models/survey-send.server";
import { createTestDataset } from "../factories/dataset";
import { createTestSurvey, testQuestion } from "../factories/survey";
import { actorOf } from "../factories/task";
import { createTestUser } from "../factories/user";
import { chromiumMissing, expectAccessible } from "../support/browser";
import { usePortalAndBrowser } from "../support/e2e";
import { loginAs } from "../support/login";

const e2e = usePortalAndBrowser();

async function signedInPage(userId: string, errors: string[], options: { javaScript?: boolean } = {}): Promise<Page> {
  const context = await e2e.browser.newContext({ baseURL: e2e.portal.url, locale: "sv-SE", javaScriptEnabled: options.javaScript ?? true });
  await loginAs(context, e2e.portal.url, userId);
  const page = await context.newPage();
  page.setDefaultTimeout(10_000);
  page.on("response", (response) => {
    const path = new URL(response.url()).pathname;
    // A refused form answers 400 by design; anything else of 400 and over is an error.
    if (response.status() >= 400 && response.status() !== 400 && path !== "/favicon.ico") errors.push(`${response.status()} ${path}`);
  });
  page.on("pageerror", (error) => errors.push(error.message));
  return page;
}

async function addQuestion(page: Page, text: string, type: string, unit = "") {
  const form = page.locator("form").filter({ has: page.getByRole("button", { name: "Lägg till en fråga" }) });
  await form.getByRole("textbox", { name: /^Fråga/ }).fill(text);
  await form.getByRole("combobox", { name: /^Svarstyp/ }).selectOption({ label: type });
  await form.getByRole("textbox", { name: /^Enhet/ }).fill(unit);
  await form.getByRole("button", { name: "Lägg till en fråga" }).click();
  await page.getByRole("group").or(page.locator("summary")).filter({ hasText: text }).first().waitFor();
}

describe.skipIf(chromiumMissing)("a survey asked once, in a real browser", () => {
  it("an authority sends a survey whose questions open data and an earlier answer already answer; Borås answers only the rest", async () => {
    // Borås answered the staff question in an earlier survey, and publishes its bathing sites.
    const responder = await createTestUser({ role: "responder", kommunkod: "1490", name: "Bo Borås" });
    const earlier = await createTestSurvey({
      send: true,
      title: "Bemanning 2026",
      kommunkoder: ["1490"],
      questions: [testQuestion({ text: "Hur många anställda har kommunen?" })],
    });
    await answerSurveyTask({
      actor: await actorOf(responder),
      taskId: earlier.tasks["1490"],
      answers: { [earlier.questionIds[0]]: "4310" },
    });
    // Closed, so its results are public and another sender may reuse them (ADR 026).
    await closeSurvey({ actor: earlier.sender, surveyId: earlier.surveyId, mayCloseAny: false });
    await createTestDataset({
      title: "Badplatser i Borås",
      description: "Kommunens badplatser.",
      keywords: ["badplatser"],
      publisherKommunkod: "1490",
    });
    await expect.poll(async () => (await db.selectFrom("search_outbox").select("id").execute()).length, { timeout: 20_000 }).toBe(0);

    const authority = await createTestUser({ name: "Ada Myndighet" });
    const errors: string[] = [];
    const page = await signedInPage(authority.id, errors);
    await page.goto("/enkater");
    await page.getByRole("heading", { name: "Enkäter", level: 1 }).waitFor();
    await expectAccessible(page);
    await page.getByRole("link", { name: "Skapa en enkät" }).click();
    await page.getByRole("textbox", { name: /^Rubrik/ }).fill("Kommunernas verksamhet");
    await page.getByRole("textbox", { name: /^Syfte/ }).fill("Uppföljning av verksamheten");
    await expectAccessible(page);
    await page.getByRole("button", { name: "Skapa utkast" }).click();
    await page.getByRole("heading", { name: "Redigera enkäten", level: 1 }).waitFor();

    await page.getByRole("radio", { name: "De kommuner jag väljer" }).check();
    // A new draft asks the chosen municipalities, so their list is open.
    await page.getByRole("checkbox", { name: "Borås", exact: true }).check();
    await page.getByRole("button", { name: "Spara mottagarna" }).click();
    await page.getByText("1 mottagare").waitFor();

    // A bad estimate is refused with a message and the text kept.
    const form = page.locator("form").filter({ has: page.getByRole("button", { name: "Lägg till en fråga" }) });
    await form.getByRole("textbox", { name: /^Fråga/ }).fill("Hur många anställda har kommunen?");
    await form.getByRole("textbox", { name: /^Uppskattad svarstid/ }).fill("-3");
    await form.getByRole("button", { name: "Lägg till en fråga" }).click();
    await page
      .getByRole("alert")
      .getByText(/0 till 2 400/)
      .waitFor();
    expect(await form.getByRole("textbox", { name: /^Fråga/ }).inputValue()).toBe("Hur många anställda har kommunen?");
    await form.getByRole("textbox", { name: /^Uppskattad svarstid/ }).fill("");
    await form.getByRole("textbox", { name: /^Enhet/ }).fill("personer");
    await form.getByRole("button", { name: "Lägg till en fråga" }).click();
    await page.locator("summary").filter({ hasText: "Hur många anställda har kommunen?" }).waitFor();

    await addQuestion(page, "Var finns kommunens badplatser?", "Länk till en datamängd");
    await addQuestion(page, "Hur många folkbibliotek har kommunen?", "Tal med enhet", "st");
    await expectAccessible(page);

    await page.getByRole("link", { name: "Förhandsgranska" }).click();
    await page.getByRole("heading", { name: "Så här ser kommunerna enkäten", level: 1 }).waitFor();
    await expectAccessible(page);
    await page.getByRole("link", { name: "Tillbaka till redigeringen" }).click();
    await page.getByRole("link", { name: "Granska och skicka" }).click();

    await page.getByRole("heading", { name: "Fråga bara det som inte redan är känt", level: 1 }).waitFor();
    const staff = page.locator("section").filter({ has: page.getByRole("heading", { name: /Hur många anställda/ }) });
    await staff.getByText(/Besvarad tidigare/).waitFor();
    await staff.getByText(/4310/).waitFor();
    await staff.getByText(/Frågan ställdes nyligen till 1 av mottagarna i enkäten ”Bemanning 2026”/).waitFor();
    const bathing = page.locator("section").filter({ has: page.getByRole("heading", { name: /badplatser/ }) });
    await bathing.getByText(/Besvaras av öppna data/).waitFor();
    await bathing.getByRole("link", { name: /Badplatser i Borås/ }).waitFor();
    await expectAccessible(page);
    await staff.getByRole("button", { name: "Återanvänd de svar som finns för frågan" }).click();
    await staff.getByText("Återanvändningen är bekräftad").waitFor();
    await bathing.getByRole("button", { name: "Återanvänd de svar som finns för frågan" }).click();
    await bathing.getByText("Återanvändningen är bekräftad").waitFor();

    // Borås publishes its libraries after the sender looked: sending is refused and the page shows the new find.
    const librarySection = page.locator("section").filter({ has: page.getByRole("heading", { name: /folkbibliotek/ }) });
    await librarySection.getByText("Inga svar finns: alla mottagare får frågan.").waitFor();
    await createTestDataset({
      title: "Folkbibliotek i Borås",
      description: "Kommunens folkbibliotek med adress och öppettider.",
      keywords: ["folkbibliotek", "bibliotek"],
      publisherKommunkod: "1490",
    });
    await expect.poll(async () => (await db.selectFrom("search_outbox").select("id").execute()).length, { timeout: 20_000 }).toBe(0);
    await page.getByRole("button", { name: "Skicka enkäten" }).click();
    await page
      .getByRole("alert")
      .getByText(/Det som hittats har ändrats sedan du tittade/)
      .waitFor();
    await librarySection.getByRole("link", { name: /Folkbibliotek i Borås/ }).waitFor();
    // The refusal is a 409 by design: the only error response so far.
    expect(errors.splice(0)).toEqual([expect.stringMatching(/^409 \/enkater\/[0-9a-f-]+\/skicka/)]);
    await expectAccessible(page);
    await page.getByRole("button", { name: "Skicka enkäten" }).click();
    await page.getByRole("status").getByText("Enkäten är skickad: 1 kommun har fått en uppgift, 2 svar återanvändes.").waitFor();
    await expectAccessible(page);

    // Borås answers the one question left; the reused answers are shown with where they came from.
    const survey = await db
      .selectFrom("surveys")
      .select(["id", "request_id"])
      .where("title", "=", "Kommunernas verksamhet")
      .executeTakeFirstOrThrow();
    const task = await db.selectFrom("tasks").select("id").where("request_id", "=", survey.request_id!).executeTakeFirstOrThrow();
    const borasPage = await signedInPage(responder.id, errors);
    await borasPage.goto(`/uppgifter/${task.id}`);
    await borasPage.getByRole("heading", { name: "Enkätens frågor", level: 2 }).waitFor();
    await borasPage.getByText(/Återanvänt från enkäten ”Bemanning 2026”/).waitFor();
    await borasPage.getByText(/Besvaras av datamängden Badplatser i Borås/).waitFor();
    await expectAccessible(borasPage);
    const libraries = borasPage.getByRole("textbox", { name: /folkbibliotek/ });
    await libraries.fill("sju");
    await borasPage.getByRole("button", { name: "Spara svaren" }).click();
    await borasPage
      .getByRole("alert")
      .getByText(/Skriv ett tal/)
      .waitFor();
    expect(await libraries.inputValue()).toBe("sju");
    await expectAccessible(borasPage);
    await libraries.fill("7");
    await borasPage.getByRole("button", { name: "Spara svaren" }).click();
    await borasPage.getByRole("status").getByText("Alla frågor är besvarade och uppgiften är klar.").waitFor();

    // The sender sees every answer, the reused ones marked; the ledger has one row per spared question.
    await page.goto(`/enkater/${survey.id}`);
    const row = page.getByRole("row", { name: /Borås/ });
    await row.getByText("4310").waitFor();
    await row.getByText("(Tidigare svar återanvänt)").waitFor();
    await row.getByText("(Öppna data)").waitFor();
    await row.getByText("7", { exact: true }).waitFor();
    await expectAccessible(page);
    const ledger = await db.selectFrom("time_saved").select(["reason", "minutes"]).where("request_id", "=", survey.request_id).execute();
    expect(ledger.map((r) => r.reason).sort()).toEqual(["survey_question_open_data", "survey_question_reused"]);

    // The coordinator sees the hours those two questions spared, by reason, in the report.
    const coordinator = await createTestUser({ role: "coordinator" });
    const coordinatorPage = await signedInPage(coordinator.id, errors);
    await coordinatorPage.goto("/admin/tidsbesparing");
    await coordinatorPage
      .getByRole("row", { name: /Enkätfråga besvarad med kommunens tidigare svar/ })
      .first()
      .waitFor();
    await coordinatorPage
      .getByRole("row", { name: /Enkätfråga besvarad med öppna data/ })
      .first()
      .waitFor();
    await expectAccessible(coordinatorPage);
    expect(errors).toEqual([]);
    await coordinatorPage.context().close();
    await page.context().close();
    await borasPage.context().close();
    // A journey of three people in three browsers: about 26 s on the 2-core machine, too near the default 30 s.
  }, 90_000);

  it("works without JavaScript: a draft built, sent and answered with a choice question", async () => {
    const responder = await createTestUser({ role: "responder", kommunkod: "1496" });
    const sender = await createTestUser();
    const errors: string[] = [];
    const page = await signedInPage(sender.id, errors, { javaScript: false });
    await page.goto("/enkater/ny");
    await page.getByRole("textbox", { name: /^Rubrik/ }).fill("Skolskjuts");
    await page.getByRole("button", { name: "Skapa utkast" }).click();
    await page.getByRole("heading", { name: "Redigera enkäten", level: 1 }).waitFor();
    await page.getByRole("checkbox", { name: "Skövde", exact: true }).check();
    await page.getByRole("button", { name: "Spara mottagarna" }).click();
    await page.getByText("1 mottagare").waitFor();
    const form = page.locator("form").filter({ has: page.getByRole("button", { name: "Lägg till en fråga" }) });
    await form.getByRole("textbox", { name: /^Fråga/ }).fill("Hur ordnas skolskjutsen?");
    await form.getByRole("combobox", { name: /^Svarstyp/ }).selectOption({ label: "Ett val" });
    await form.getByRole("textbox", { name: /^Svarsalternativ/ }).fill("Egen regi\nUpphandlad");
    await form.getByRole("button", { name: "Lägg till en fråga" }).click();
    await page.locator("summary").filter({ hasText: "Hur ordnas skolskjutsen?" }).waitFor();
    await page.getByRole("link", { name: "Granska och skicka" }).click();
    await page.getByRole("button", { name: "Skicka enkäten" }).click();
    await page
      .getByRole("status")
      .getByText(/Enkäten är skickad: 1 kommun har/)
      .waitFor();

    const survey = await db.selectFrom("surveys").select("request_id").where("title", "=", "Skolskjuts").executeTakeFirstOrThrow();
    const task = await db.selectFrom("tasks").select("id").where("request_id", "=", survey.request_id!).executeTakeFirstOrThrow();
    const skovde = await signedInPage(responder.id, errors, { javaScript: false });
    await skovde.goto(`/uppgifter/${task.id}`);
    await skovde.getByRole("radio", { name: "Upphandlad" }).check();
    await skovde.getByRole("button", { name: "Spara svaren" }).click();
    await skovde.getByRole("status").getByText("Alla frågor är besvarade och uppgiften är klar.").waitFor();
    const answer = await db
      .selectFrom("survey_answers")
      .select(["value", "source"])
      .where("survey_id", "in", db.selectFrom("surveys").select("id").where("title", "=", "Skolskjuts"))
      .executeTakeFirstOrThrow();
    expect(answer).toEqual({ value: "Upphandlad", source: "typed" });
    expect(errors).toEqual([]);
    await page.context().close();
    await skovde.context().close();
  });
});
