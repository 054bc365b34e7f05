import type { BrowserContext, Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { db } from "../../db/client.server";
import { answerTask, startTask } from "../../app/models/task.server";
import { actorOf, createTestTasks } from "../factories/task";
import { createTestUser } from "../factories/user";
import { chromiumMissing, expectAccessible } from "../support/browser";
import { usePortalAndBrowser } from "../support/e2e";
import { loginAs } from "../support/login";

const e2e = usePortalAndBrowser();

async function signedInPage(userId: string, errors: string[], options: { javaScriptEnabled?: boolean } = {}): Promise<Page> {
  const context: BrowserContext = await e2e.browser.newContext({ baseURL: e2e.portal.url, locale: "sv-SE", ...options });
  await loginAs(context, e2e.portal.url, userId);
  const page = await context.newPage();
  page.setDefaultTimeout(10_000);
  page.on("response", (response) => {
    const path = new URL(response.url()).pathname;
    // A refused batch is the form sent back under 400, by design.
    if (response.status() >= 400 && response.status() !== 400 && path !== "/favicon.ico") errors.push(`${response.status()} ${path}`);
  });
  page.on("pageerror", (error) => errors.push(error.message));
  return page;
}

const statusOf = async (taskId: string) =>
  (await db.selectFrom("tasks").select("status").where("id", "=", taskId).executeTakeFirstOrThrow()).status;

describe.skipIf(chromiumMissing)("answering several tasks at once in a real browser", () => {
  it("a responder ticks two tasks in the inbox and answers both with one text; a task answered meanwhile refuses the batch, named, the text kept", async () => {
    const responder = await createTestUser({ role: "responder", kommunkod: "1490", name: "Bo Bulk" });
    const a = await createTestTasks({ title: "Gemensamt svar A", kommunkoder: ["1490"] });
    const b = await createTestTasks({ title: "Gemensamt svar B", kommunkoder: ["1490"] });
    const c = await createTestTasks({ title: "Gemensamt svar C", kommunkoder: ["1490"] });
    // The form is offered while at least two tasks can be answered.
    await createTestTasks({ title: "Gemensamt svar D", kommunkoder: ["1490"] });
    const errors: string[] = [];
    const page = await signedInPage(responder.id, errors);
    await page.goto("/uppgifter?q=Gemensamt");
    await page.getByRole("heading", { name: "Svara på flera uppgifter samtidigt", level: 2 }).waitFor();
    await expectAccessible(page);

    await page.getByRole("checkbox", { name: /Gemensamt svar A/ }).check();
    await page.getByRole("checkbox", { name: /Gemensamt svar B/ }).check();
    await page.getByRole("textbox", { name: "Svar", exact: true }).fill("Uppgifterna finns i vår öppna datakatalog.");
    await page.getByRole("button", { name: "Svara på de valda" }).click();
    await page.getByText("2 uppgifter är besvarade.").waitFor();
    expect(await statusOf(a.tasks["1490"].id)).toBe("answered");
    expect(await statusOf(b.tasks["1490"].id)).toBe("answered");
    expect(await statusOf(c.tasks["1490"].id)).toBe("pending");

    // C is answered by a colleague after the page was loaded.
    await page.goto("/uppgifter?q=Gemensamt");
    await page.getByRole("checkbox", { name: /Gemensamt svar C/ }).check();
    const colleague = await actorOf(await createTestUser({ role: "responder", kommunkod: "1490" }));
    await startTask({ actor: colleague, taskId: c.tasks["1490"].id });
    await answerTask({ actor: colleague, taskId: c.tasks["1490"].id, text: "Kollegans svar." });
    await page.getByRole("textbox", { name: "Svar", exact: true }).fill("Mitt svar som inte får försvinna.");
    await page.getByRole("button", { name: "Svara på de valda" }).click();
    await page.getByRole("heading", { name: "Uppgifter som inte kan besvaras" }).waitFor();
    await page.getByText(/Gemensamt svar C \(Borås\).*någon har ändrat den/).waitFor();
    expect(await page.getByRole("textbox", { name: "Svar", exact: true }).inputValue()).toBe("Mitt svar som inte får försvinna.");
    await expectAccessible(page);
    expect(errors).toEqual([]);
  });

  it("works without JavaScript: the ticks outside the form are sent with it", async () => {
    const responder = await createTestUser({ role: "responder", kommunkod: "1490" });
    const a = await createTestTasks({ title: "Utan skript A", kommunkoder: ["1490"] });
    const b = await createTestTasks({ title: "Utan skript B", kommunkoder: ["1490"] });
    const errors: string[] = [];
    const page = await signedInPage(responder.id, errors, { javaScriptEnabled: false });
    await page.goto("/uppgifter?q=Utan+skript");
    await page.getByRole("checkbox", { name: /Utan skript A/ }).check();
    await page.getByRole("checkbox", { name: /Utan skript B/ }).check();
    await page.getByRole("textbox", { name: "Datamängder (en adress per rad)" }).fill("https://data.boras.se/dataset/kommande");
    await page.getByRole("button", { name: "Markera de valda som publicerade" }).click();
    await page.getByText("2 uppgifter är besvarade.").waitFor();
    expect(await statusOf(a.tasks["1490"].id)).toBe("published");
    expect(await statusOf(b.tasks["1490"].id)).toBe("published");
    expect(errors).toEqual([]);
  });

  it("a coordinator retires a decline reason on its admin page, reached from the menu", async () => {
    const coordinator = await createTestUser({ role: "coordinator" });
    const errors: string[] = [];
    const page = await signedInPage(coordinator.id, errors);
    await page.goto("/");
    // The admin pages are under one menu in the header (issue 13).
    await page.getByText("Administration", { exact: true }).click();
    await page.getByRole("link", { name: "Skäl att avböja" }).click();
    await page.getByRole("heading", { name: "Skäl att avböja en uppgift", level: 1 }).waitFor();
    await expectAccessible(page);
    await page.getByRole("textbox", { name: "Svenska (obligatoriskt)", exact: true }).fill("Uppgifterna finns hos ett kommunalt bolag");
    await page.getByRole("textbox", { name: "Engelska (obligatoriskt)", exact: true }).fill("A municipal company holds the information");
    await page.getByRole("button", { name: "Lägg till" }).click();
    await page.getByText("Skälet är tillagt.").waitFor();
    const row = page.getByRole("row", { name: /Uppgifterna finns hos ett kommunalt bolag/ });
    await row.getByRole("button", { name: "Ta ur bruk" }).click();
    await page.getByText("Skälet är taget ur bruk.").waitFor();
    await page
      .getByRole("row", { name: /Uppgifterna finns hos ett kommunalt bolag/ })
      .getByText("Ur bruk")
      .waitFor();
    await expectAccessible(page);
    expect(errors).toEqual([]);
  });
});
