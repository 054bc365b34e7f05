import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { db } from "../../db/client.server";
import { createTestDataset } from "../factories/dataset";
import { assignTask } from "../../app/models/task.server";
import { actorOf, createTestTasks } from "../factories/task";
import { createTestUser } from "../factories/user";
import { chromiumMissing, expectAccessible } from "../support/browser";
import { usePortalAndBrowser, waitForPortalIndexing } from "../support/e2e";
import { loginAs } from "../support/login";
import { readMail, startSmtp } from "../support/smtp";
import { createMailSender } from "../../app/mail/smtp.server";
import { deliverDueMail } from "../../app/models/mail.server";

const e2e = usePortalAndBrowser();

async function signedInPage(userId: string, errors: string[]): Promise<Page> {
  const context = await e2e.browser.newContext({ baseURL: e2e.portal.url, locale: "sv-SE" });
  await loginAs(context, e2e.portal.url, userId);
  const page = await context.newPage();
  page.setDefaultTimeout(10_000);
  page.on("response", (response) => {
    const path = new URL(response.url()).pathname;
    if (response.status() >= 400 && path !== "/favicon.ico") errors.push(`${response.status()} ${path}`);
  });
  page.on("pageerror", (error) => errors.push(error.message));
  return page;
}

describe.skipIf(chromiumMissing)("a municipality answers a task in a real browser", () => {
  it("a responder opens the inbox, starts the task, links a dataset found by the picker and answers; the requester sees the answer and is mailed", async () => {
    const requester = await createTestUser({ name: "Rut Frågare" });
    const responder = await createTestUser({ role: "responder", kommunkod: "1490", name: "Bo Borås" });
    const { request, tasks } = await createTestTasks({
      title: "Badplatser och badvattenkvalitet",
      body: "Vi behöver badplatser med koordinater.",
      requesterUserId: requester.id,
      kommunkoder: ["1490", "1496"],
    });
    const dataset = await createTestDataset({ title: "Badvattenprover Borås", publisherKommunkod: "1490" });
    // The portal's outbox worker indexes the dataset; the picker searches the index.
    await waitForPortalIndexing([dataset.id]);

    const errors: string[] = [];
    const page = await signedInPage(responder.id, errors);
    await page.goto("/uppgifter");
    await page.getByRole("heading", { name: "Uppgifter att besvara", level: 1 }).waitFor();
    expect(await page.title()).toContain("Uppgifter att besvara");
    await expectAccessible(page);
    // Only Borås's task: Skövde's is not listed.
    expect(await page.getByRole("link", { name: /Badplatser och badvattenkvalitet/ }).count()).toBe(1);
    await page.getByRole("link", { name: /Badplatser och badvattenkvalitet/ }).click();
    await page.getByRole("heading", { name: `${request.number}. Badplatser och badvattenkvalitet`, level: 1 }).waitFor();
    expect(page.url()).toContain(`/uppgifter/${tasks["1490"].id}`);
    await expectAccessible(page);

    await page.getByRole("button", { name: "Påbörja uppgiften" }).click();
    await page.getByRole("status").getByText("Uppgiften är påbörjad.").waitFor();
    await page.getByRole("textbox", { name: /^Svar/ }).fill("Provtagningarna finns som öppna data.");
    await page.getByRole("searchbox", { name: "Sök i katalogen" }).fill("badvattenprover");
    await page.getByRole("button", { name: "Sök", exact: true }).click();
    const choice = page.getByRole("checkbox", { name: /Badvattenprover Borås/ });
    await choice.waitFor();
    // The search kept what was typed.
    expect(await page.getByRole("textbox", { name: /^Svar/ }).inputValue()).toBe("Provtagningarna finns som öppna data.");
    await choice.check();
    await expectAccessible(page);
    await page.getByRole("button", { name: "Skicka svaret" }).click();
    await page.getByRole("status").getByText("Svaret är skickat.").waitFor();
    await page.getByRole("link", { name: "Badvattenprover Borås" }).waitFor();
    await expectAccessible(page);
    expect(errors).toEqual([]);

    const requesterPage = await signedInPage(requester.id, errors);
    await requesterPage.goto(`/requests/${request.number}`);
    const row = requesterPage.getByRole("row", { name: /Borås/ });
    await row.getByText("Provtagningarna finns som öppna data.").waitFor();
    await row.getByRole("link", { name: "Badvattenprover Borås" }).waitFor();
    await expectAccessible(requesterPage);

    const mail = await db.selectFrom("mail_outbox").select(["subject", "text_body"]).where("to_address", "=", requester.email).execute();
    expect(mail).toHaveLength(1);
    expect(mail[0].text_body).toContain("Provtagningarna finns som öppna data.");

    // And it arrives: the outbox sent through a real SMTP server, as the mail job does with SMTP_URL set.
    const smtp = await startSmtp();
    const sender = createMailSender(smtp.url);
    try {
      await deliverDueMail({ send: sender.send });
    } finally {
      sender.close();
      await smtp.close();
    }
    const arrived = await Promise.all(smtp.received.filter((m) => m.to.includes(requester.email)).map(readMail));
    expect(arrived).toHaveLength(1);
    expect(arrived[0].subject).toBe(mail[0].subject);
    expect(arrived[0].subject).toContain("Borås");
    expect(arrived[0].text).toContain("Provtagningarna finns som öppna data.");
    expect(arrived[0].header("list-unsubscribe")).toMatch(/\/avregistrera\//);
    expect(errors).toEqual([]);
    await page.context().close();
    await requesterPage.context().close();
  });

  it("a save refused as stale succeeds on the retry, keeping the typed text (single fetch does not reload after a 4xx)", async () => {
    const responder = await createTestUser({ role: "responder", kommunkod: "1490" });
    const { tasks } = await createTestTasks({ title: "Laddstolpar", kommunkoder: ["1490"], taskStatus: "in_progress" });
    const task = tasks["1490"];
    const errors: string[] = [];
    const page = await signedInPage(responder.id, errors);
    await page.goto(`/uppgifter/${task.id}`);
    await page.getByRole("textbox", { name: /^Svar/ }).fill("Laddstolparna finns i kartan.");
    // A colleague saves the task meanwhile.
    await assignTask({ actor: await actorOf(responder), taskId: task.id, assigneeUserId: responder.id });
    await page.getByRole("button", { name: "Skicka svaret" }).click();
    await page
      .getByText(/Någon annan har sparat uppgiften/)
      .first()
      .waitFor();
    expect(await page.getByRole("textbox", { name: /^Svar/ }).inputValue()).toBe("Laddstolparna finns i kartan.");
    await page.getByRole("button", { name: "Skicka svaret" }).click();
    await page.getByRole("status").getByText("Svaret är skickat.").waitFor();
    const row = await db.selectFrom("tasks").select(["status", "answer_text"]).where("id", "=", task.id).executeTakeFirstOrThrow();
    expect(row).toEqual({ status: "answered", answer_text: "Laddstolparna finns i kartan." });
    await page.context().close();
  });
});
