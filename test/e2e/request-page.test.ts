import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { db } from "../../db/client.server";
import { addComment } from "../../app/models/comment.server";
import { recordEvent } from "../../app/models/event.server";
import { createTestDataset } from "../factories/dataset";
import { createTestRequest } from "../factories/request";
import { createTestTasks } from "../factories/task";
import { createTestUser, getMunicipality } from "../factories/user";
import { chromiumMissing, expectAccessible } from "../support/browser";
import { usePortalAndBrowser } from "../support/e2e";
import { loginAs } from "../support/login";

const e2e = usePortalAndBrowser();

/** Errors the page logged (a failed hydration, a script error): a test ends with none. */
const pageErrors = new WeakMap<Page, string[]>();
/** Forms the server sent back to be corrected (a 400 to a POST): a test names each one it caused. */
const formsSentBack = new WeakMap<Page, string[]>();

async function signedInPage(userId: string, options: { javaScriptEnabled?: boolean } = {}): Promise<Page> {
  const context = await e2e.browser.newContext({ baseURL: e2e.portal.url, locale: "sv-SE", ...options });
  await loginAs(context, e2e.portal.url, userId);
  const page = await context.newPage();
  // Fail at the step that is stuck, well inside the test's own 30 s.
  page.setDefaultTimeout(10_000);
  const errors: string[] = [];
  const sentBack: string[] = [];
  page.on("response", (response) => {
    const path = new URL(response.url()).pathname;
    if (response.status() === 400 && response.request().method() === "POST") sentBack.push(path);
    // Browsers may still ask for /favicon.ico beside the SVG icon the page names.
    else if (response.status() >= 400 && path !== "/favicon.ico") errors.push(`${response.status()} ${path}`);
  });
  page.on("console", (message) => {
    // A failed load is reported above, with its address.
    if (message.type() === "error" && !message.text().startsWith("Failed to load resource")) errors.push(message.text());
  });
  page.on("pageerror", (error) => errors.push(error.message));
  pageErrors.set(page, errors);
  formsSentBack.set(page, sentBack);
  return page;
}

async function counts(requestId: string) {
  return db
    .selectFrom("requests")
    .select(["vote_count as votes", "comment_count as comments", "follower_count as followers"])
    .where("id", "=", requestId)
    .executeTakeFirstOrThrow();
}

describe.skipIf(chromiumMissing)("the request page in a real browser", () => {
  it("signs in, votes, comments in Markdown (a script neither runs nor shows) and follows", async () => {
    const author = await createTestUser({ name: "Rut Frågeställare", email: "rut@example.se" });
    const voter = await createTestUser({ name: "Vera Väljare" });
    const request = await createTestRequest({
      title: "Badplatser och vattenkvalitet i Borås",
      body: "Vi behöver **badplatser** och [provtagning](https://www.boras.se).",
      purpose: "En app för badgäster.",
      requesterUserId: author.id,
      requesterShownAs: "organisation",
      requesterOrganisationName: "Badappen AB",
      targetKommunkoder: ["1490"],
    });
    // A routed request with a history, a task and an accepted dataset, so all of the page is checked.
    const coordinator = await createTestUser({ role: "coordinator" });
    await recordEvent(db, { actorUserId: author.id, entityType: "request", entityId: request.id, action: "submit", toState: "submitted" });
    await recordEvent(db, {
      actorUserId: coordinator.id,
      entityType: "request",
      entityId: request.id,
      action: "route",
      fromState: "submitted",
      toState: "open",
    });
    await db.updateTable("requests").set({ wished_format: "CSV", update_frequency: "monthly" }).where("id", "=", request.id).execute();
    const boras = await getMunicipality("1490");
    await db
      .insertInto("tasks")
      .values({ request_id: request.id, organisation_id: boras.id, status: "in_progress", due_date: "2020-02-03" })
      .execute();
    const dataset = await createTestDataset({ title: "Badplatser i Borås" });
    await db.insertInto("request_datasets").values({ request_id: request.id, dataset_id: dataset.id, reason: "accepted_answer" }).execute();

    const page = await signedInPage(voter.id);
    await page.goto(`/requests/${request.number}`);
    await page.getByRole("heading", { name: "Badplatser och vattenkvalitet i Borås", level: 1 }).waitFor();
    await page.getByText("Badappen AB: Status: Inskickad, väntar på granskning.").waitFor();
    await page.getByText("Samordnare: Status ändrad från Inskickad, väntar på granskning till Öppen, skickad till kommunerna.").waitFor();
    expect(await page.getByRole("row", { name: /Borås/ }).textContent()).toMatch(/Pågår.*2020-02-03.*Försenad/);
    await page.getByRole("link", { name: "Badplatser i Borås" }).waitFor();
    await page.getByText("Godtagen som svar").waitFor();
    expect(await page.locator("dl.facts").textContent()).toMatch(/Badappen AB.*Borås.*CSV.*Varje månad/);
    expect(await page.content()).not.toContain("rut@example.se");
    await page.getByRole("link", { name: "provtagning" }).waitFor();
    await expectAccessible(page);

    await page.getByRole("button", { name: "Rösta på förfrågan" }).click();
    await page.getByRole("button", { name: "Ta tillbaka min röst" }).waitFor();
    await page.getByText("1 röst", { exact: true }).waitFor();
    await expect.poll(async () => (await counts(request.id)).votes).toBe(1);

    // An empty comment: the error summary takes focus and links to the field.
    await page.getByRole("button", { name: "Publicera kommentaren" }).click();
    await page.getByRole("alert").getByText("Skriv en kommentar.").waitFor();
    await expect.poll(() => page.evaluate(() => document.activeElement?.className)).toBe("error-summary");
    await expectAccessible(page);

    const comment = page.getByRole("textbox", { name: /^Kommentar/ });
    await comment.fill(
      'Det här är **viktigt** för oss.\n\n<script>window.__pwned = true</script>\n\n[farlig länk](javascript:window.__pwned=true) och <img src=x onerror="window.__pwned=true">',
    );
    await page.getByRole("button", { name: "Publicera kommentaren" }).click();
    await page.getByRole("status").getByText("Kommentaren är publicerad.").waitFor();
    const posted = page.locator(".comment-list article").first();
    await posted.locator("strong", { hasText: "viktigt" }).waitFor();
    expect(await posted.locator("h3").textContent()).toBe("Vera Väljare");
    expect(await comment.inputValue()).toBe("");
    expect(await page.evaluate(() => (window as unknown as { __pwned?: boolean }).__pwned)).toBeUndefined();
    expect(await page.locator(".comment-list script, .comment-list img").count()).toBe(0);
    // The rendered comment (the author's own edit box holds the raw text, inert, as typed).
    expect(await posted.locator(".markdown").textContent()).not.toMatch(/<script|<img|pwned/);
    expect(await posted.getByRole("link", { name: "farlig länk" }).count()).toBe(0);
    await page.getByRole("heading", { name: "Kommentarer (1)" }).waitFor();

    await page.getByRole("button", { name: "Följ förfrågan" }).click();
    await page.getByRole("button", { name: "Sluta följa förfrågan" }).waitFor();
    await page.getByText("1 följare", { exact: true }).waitFor();
    // The page shows the follow at once; the database has it when the fetcher's answer is in.
    await expect.poll(() => counts(request.id)).toEqual({ votes: 1, comments: 1, followers: 1 });
    await expectAccessible(page);

    // The author may edit and delete their own comment.
    await page.locator("summary", { hasText: "Redigera kommentaren" }).click();
    await page.getByRole("textbox", { name: /^Ny text för kommentaren/ }).fill("Rättat: *badvatten* också.");
    await page.getByRole("button", { name: "Spara ändringen" }).click();
    await posted.locator("em", { hasText: "badvatten" }).waitFor();
    await posted.getByText("(redigerad)").waitFor();
    await page.getByRole("button", { name: "Ta bort kommentaren" }).click();
    await posted.getByText("Kommentaren är borttagen.").waitFor();
    await expect.poll(() => page.evaluate(() => document.activeElement?.tagName)).toBe("ARTICLE");
    await page.getByRole("heading", { name: "Kommentarer (0)" }).waitFor();
    await expectAccessible(page);
    expect(pageErrors.get(page)).toEqual([]);
    // Only the empty comment came back to be corrected, and it came back as a 400.
    expect(formsSentBack.get(page)).toEqual([`/requests/${request.number}.data`]);
    await page.context().close();
  });

  it("lets a coordinator hide a comment, with a reason that must be given", async () => {
    const writer = await createTestUser({ name: "Otto Olämplig" });
    const coordinator = await createTestUser({ role: "coordinator", name: "Cora Samordnare" });
    const request = await createTestRequest({ title: "Elbilsladdning i Skövde" });
    await addComment({ requestId: request.id, authorUserId: writer.id, body: "Ring mig på 070-123 45 67." });

    const page = await signedInPage(coordinator.id);
    await page.goto(`/requests/${request.number}`);
    await page.getByText("Ring mig på 070-123 45 67.").waitFor();
    await page.locator("summary", { hasText: "Dölj kommentaren" }).click();
    await page.getByRole("button", { name: "Dölj med det här skälet" }).click();
    await page.getByRole("alert").getByText("Skäl till att kommentaren döljs: Skriv varför kommentaren döljs.").waitFor();
    await expectAccessible(page);

    await page.getByRole("textbox", { name: /^Skäl till att kommentaren döljs/ }).fill("Innehåller personuppgifter");
    await page.getByRole("button", { name: "Dölj med det här skälet" }).click();
    await page.getByText("Kommentaren är dold av moderator: Innehåller personuppgifter").waitFor();
    expect(await page.getByText("Ring mig på 070-123 45 67.").count()).toBe(0);
    expect(await counts(request.id)).toMatchObject({ comments: 0 });
    await expectAccessible(page);
    expect(pageErrors.get(page)).toEqual([]);
    // Only the hiding without a reason came back to be corrected, and it came back as a 400.
    expect(formsSentBack.get(page)).toEqual([`/requests/${request.number}.data`]);

    // A visitor sees the reason, never the hidden text, and is offered to sign in.
    const visitor = await (await e2e.browser.newContext({ baseURL: e2e.portal.url })).newPage();
    await visitor.goto(`/requests/${request.number}`);
    await visitor.getByText("Kommentaren är dold av moderator: Innehåller personuppgifter").waitFor();
    expect(await visitor.content()).not.toContain("070-123 45 67");
    await visitor.getByRole("link", { name: "Logga in för att rösta, följa och kommentera" }).waitFor();
    await expectAccessible(visitor);

    // A duplicate says so and leads to the original.
    const duplicate = await createTestRequest({ title: "Samma fråga igen", status: "duplicate", duplicateOf: request.id });
    await visitor.goto(`/requests/${duplicate.number}`);
    await visitor.getByRole("note").getByText("Den här förfrågan är en dubblett.").waitFor();
    await expectAccessible(visitor);
    await visitor.getByRole("link", { name: `Förfrågan ${request.number}: Elbilsladdning i Skövde` }).click();
    await visitor.getByRole("heading", { name: "Elbilsladdning i Skövde", level: 1 }).waitFor();
    await visitor.context().close();
    await page.context().close();
  });

  it("lets the requester withdraw their routed request by keyboard, with a reason everyone then reads", async () => {
    const requester = await createTestUser({ name: "Wilma Återkallare" });
    const { request } = await createTestTasks({ requesterUserId: requester.id, title: "Hundrastgårdar i Borås och Skövde" });
    const page = await signedInPage(requester.id);
    await page.goto(`/requests/${request.number}`);
    const disclosure = page.locator("summary", { hasText: "Återkalla förfrågan" });
    await disclosure.focus();
    await page.keyboard.press("Enter");
    const reason = page.getByRole("textbox", { name: /^Varför återkallar du den\?/ });
    await reason.focus();
    await page.keyboard.type("Vi hittade uppgifterna hos Jordbruksverket.");
    await expectAccessible(page);
    await page.keyboard.press("Tab");
    await page.keyboard.press("Enter");
    await page.getByRole("status").getByText("Förfrågan är återkallad. Kommunerna och följarna har fått besked.").waitFor();
    await page.getByText("Status: Återkallad").waitFor();
    // The button is gone; the keyboard user's place is the sentence that replaced it.
    expect(await page.evaluate(() => document.activeElement?.textContent)).toContain("Förfrågan är återkallad.");
    expect(await page.locator("summary", { hasText: "Återkalla förfrågan" }).count()).toBe(0);
    await expectAccessible(page);
    expect(pageErrors.get(page)).toEqual([]);
    expect((await db.selectFrom("requests").select("status").where("id", "=", request.id).executeTakeFirstOrThrow()).status).toBe(
      "withdrawn",
    );

    const visitor = await (await e2e.browser.newContext({ baseURL: e2e.portal.url })).newPage();
    await visitor.goto(`/requests/${request.number}`);
    await visitor.getByText("Vi hittade uppgifterna hos Jordbruksverket.").first().waitFor();
    expect(await visitor.locator("summary", { hasText: "Återkalla förfrågan" }).count()).toBe(0);
    await visitor.context().close();
    await page.context().close();
  });

  it("works without JavaScript: votes, and a refused comment keeps its text", async () => {
    const user = await createTestUser();
    const request = await createTestRequest({ title: "Förskoleplatser i Mölndal" });
    const closed = await createTestRequest({ title: "Återkallad fråga", status: "withdrawn" });
    const page = await signedInPage(user.id, { javaScriptEnabled: false });
    await page.goto(`/requests/${request.number}`);
    await page.getByRole("button", { name: "Rösta på förfrågan" }).click();
    await page.getByRole("button", { name: "Ta tillbaka min röst" }).waitFor();
    expect((await counts(request.id)).votes).toBe(1);

    const long = "x".repeat(5001);
    await page.getByRole("textbox", { name: /^Kommentar/ }).fill(long);
    await page.getByRole("button", { name: "Publicera kommentaren" }).click();
    await page.getByRole("alert").getByText("Kommentar: Kommentaren får vara högst 5 000 tecken.").waitFor();
    expect(await page.getByRole("textbox", { name: /^Kommentar/ }).inputValue()).toBe(long);
    expect((await counts(request.id)).comments).toBe(0);
    // The page that came back to be corrected is itself a 400 document, and nothing else failed.
    expect(formsSentBack.get(page)).toEqual([`/requests/${request.number}`]);
    expect(pageErrors.get(page)).toEqual([]);

    await page.goto(`/requests/${closed.number}`);
    await page.getByText("Förfrågan är stängd och tar inte emot röster.").waitFor();
    expect(await page.getByRole("button", { name: "Rösta på förfrågan" }).count()).toBe(0);
    await page.getByText("Status: Återkallad").waitFor();
    await page.context().close();
  });
});
