import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { createTestRequest } from "../factories/request";
import { createTestSurvey } from "../factories/survey";
import { createTestTasks } from "../factories/task";
import { createTestUser } from "../factories/user";
import { chromiumMissing } from "../support/browser";
import { usePortalAndBrowser } from "../support/e2e";
import { loginAs } from "../support/login";

const e2e = usePortalAndBrowser();

async function signedInPage(userId: string): Promise<Page> {
  const context = await e2e.browser.newContext({ baseURL: e2e.portal.url, locale: "sv-SE" });
  await loginAs(context, e2e.portal.url, userId);
  const page = await context.newPage();
  page.setDefaultTimeout(10_000);
  return page;
}

/**
 * After a refused form: every line of the error summary names its field in words and links to
 * the field that was sent, which is marked invalid and shows the message itself.
 */
async function expectSummaryLeadsToFields(page: Page, expectedTargets: string[]) {
  const summaryLinks = () =>
    page
      .locator(".error-summary a")
      .evaluateAll((anchors) => anchors.map((a) => ({ target: a.getAttribute("href")!.slice(1), text: a.textContent ?? "" })));
  // A page already showing an earlier form's summary shows the new one once the answer has come.
  await expect.poll(async () => (await summaryLinks()).map((l) => l.target).sort()).toEqual([...expectedTargets].sort());
  const links = await summaryLinks();
  for (const { target, text } of links) {
    const field = page.locator(`[id="${target}"]`);
    expect(await field.count(), `#${target}`).toBe(1);
    expect(await field.getAttribute("aria-invalid"), `#${target} marked invalid`).toBe("true");
    const describedBy = (await field.getAttribute("aria-describedby")) ?? "";
    const messages = await Promise.all(describedBy.split(" ").map((id) => page.locator(`[id="${id}"].field-error`).allTextContents()));
    const message = messages.flat().join(" ");
    expect(message, `#${target} shows its message`).toMatch(/^Fel: /);
    expect(text).toContain(message.replace(/^Fel: /, ""));
    // The field's name in the code is not a word of the page.
    expect(text).not.toMatch(/\b[a-z]+[A-Z][A-Za-z]*\b/);
  }
}

describe.skipIf(chromiumMissing)("the error summary of forms that share a page with others", () => {
  it("leads a survey's sender to the legal basis, the new question and the saved question that were refused", async () => {
    const sender = await createTestUser();
    const page = await signedInPage(sender.id);
    await page.goto("/enkater/ny");
    await page.getByRole("textbox", { name: /^Rubrik/ }).fill("Lekplatser");
    await page.getByRole("textbox", { name: /^Rättslig grund/ }).fill("x".repeat(1_001));
    await page.getByRole("button", { name: "Skapa utkast" }).click();
    await expectSummaryLeadsToFields(page, ["legalBasis"]);

    const { surveyId } = await createTestSurvey({ senderId: sender.id });
    await page.goto(`/enkater/${surveyId}/redigera`);
    const adding = page.locator("form").filter({ has: page.getByRole("button", { name: "Lägg till en fråga" }) });
    await adding.getByRole("textbox", { name: /^Fråga/ }).fill("Hur många lekplatser finns?");
    await adding.getByRole("textbox", { name: /^Uppskattad svarstid/ }).fill("-5");
    await adding.getByRole("button", { name: "Lägg till en fråga" }).click();
    await expectSummaryLeadsToFields(page, ["new-estimatedMinutes"]);

    await page.locator("summary").filter({ hasText: "Hur många anställda" }).click();
    const saving = page.locator("form").filter({ has: page.getByRole("button", { name: "Spara frågan" }) });
    await saving.getByRole("textbox", { name: /^Uppskattad svarstid/ }).fill("-5");
    await saving.getByRole("button", { name: "Spara frågan" }).click();
    await expectSummaryLeadsToFields(page, ["q1-estimatedMinutes"]);
  });

  it("leads a coordinator to the reason of the triage form that was sent: merge, reject or close", async () => {
    const coordinator = await createTestUser({ role: "coordinator" });
    const waiting = await createTestRequest({ title: "Väntande förfrågan", status: "submitted" });
    const original = await createTestRequest({ title: "Originalet" });
    const page = await signedInPage(coordinator.id);

    await page.goto(`/admin/triage/${waiting.number}`);
    const merging = page.locator("form").filter({ has: page.getByRole("button", { name: "Slå ihop med originalet" }) });
    await merging.getByRole("textbox", { name: /^Numret på förfrågan/ }).fill(String(original.number));
    await merging.locator("textarea").fill("x".repeat(2_001));
    await merging.getByRole("button", { name: "Slå ihop med originalet" }).click();
    await expectSummaryLeadsToFields(page, ["duplicate-reason"]);

    await page.getByRole("button", { name: "Avvisa förfrågan" }).click();
    await expectSummaryLeadsToFields(page, ["reject-reason"]);

    await page.goto(`/admin/triage/${original.number}`);
    const closing = page.locator("form").filter({ has: page.getByRole("button", { name: "Avsluta förfrågan" }) });
    await closing.locator("textarea").fill("x".repeat(2_001));
    await closing.getByRole("button", { name: "Avsluta förfrågan" }).click();
    await expectSummaryLeadsToFields(page, ["close-reason"]);
  });

  it("leads a coordinator to the decline reason's text that was refused, in the new-reason form or in its row", async () => {
    const coordinator = await createTestUser({ role: "coordinator" });
    const page = await signedInPage(coordinator.id);
    await page.goto("/admin/decline-reasons");
    await page.getByRole("button", { name: "Lägg till", exact: true }).click();
    await expectSummaryLeadsToFields(page, ["labelSv", "labelEn"]);

    const firstRow = page.locator("tbody tr").first();
    const swedish = firstRow.locator('input[name="labelSv"]');
    const id = (await swedish.getAttribute("id"))!;
    await swedish.fill("");
    await firstRow.getByRole("button", { name: "Spara texten" }).click();
    await expectSummaryLeadsToFields(page, [id]);
  });

  it("leads a responder to the explanation of 'not held', not to the answer above it", async () => {
    const responder = await createTestUser({ role: "responder", kommunkod: "1490" });
    const { tasks } = await createTestTasks({ kommunkoder: ["1490"], taskStatus: "in_progress" });
    const page = await signedInPage(responder.id);
    await page.goto(`/uppgifter/${tasks["1490"].id}`);
    await page.getByRole("button", { name: "Uppgifterna finns inte hos oss" }).click();
    await expectSummaryLeadsToFields(page, ["not-held-text"]);
    expect(await page.locator("#text").getAttribute("aria-invalid")).toBeNull();

    // Not a person at all, as a crafted form could send.
    const assignee = page.getByRole("combobox", { name: /^Handläggare/ });
    await assignee.evaluate((select) => select.append(new Option("Ingen kollega", "inte-ett-id")));
    await assignee.selectOption("inte-ett-id");
    await page.getByRole("button", { name: "Tilldela" }).click();
    await expectSummaryLeadsToFields(page, ["assigneeUserId"]);
  });

  it("leads a responder answering several tasks at once to the choice of tasks and to the addresses that were refused", async () => {
    const responder = await createTestUser({ role: "responder", kommunkod: "1490" });
    await createTestTasks({ kommunkoder: ["1490"], taskStatus: "in_progress", title: "Lekplatser" });
    await createTestTasks({ kommunkoder: ["1490"], taskStatus: "in_progress", title: "Badplatser" });
    const page = await signedInPage(responder.id);
    await page.goto("/uppgifter");
    await page.getByRole("button", { name: "Svara på de valda" }).click();
    const noTasks = page.locator(".error-summary a");
    await noTasks.waitFor();
    expect(await noTasks.getAttribute("href")).toBe("#bulk-tasks");
    expect(await page.locator("#bulk-tasks").getAttribute("type")).toBe("checkbox");

    for (const box of await page.locator('input[name="tasks"]').all()) await box.check();
    await page.getByRole("textbox", { name: /^Datamängder/ }).fill("inte en adress");
    await page.getByRole("button", { name: "Svara på de valda" }).click();
    await expectSummaryLeadsToFields(page, ["bulk-datasetUrls"]);
  });
});
