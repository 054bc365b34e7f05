import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { db } from "../../db/client.server";
import { addComment } from "../../app/models/comment.server";
import { acceptDatasetAsAnswer, createRequest } from "../../app/models/request.server";
import { createTestDataset } from "../factories/dataset";
import { createTestRequest, newRequestInput } from "../factories/request";
import { createTestUser } from "../factories/user";
import { chromiumMissing, expectAccessible } from "../support/browser";
import { usePortalAndBrowser } from "../support/e2e";
import { loginAs } from "../support/login";

/** Issue 13, ADR 040: a reader reports a comment by keyboard alone; a coordinator finds it in the triage queue and hides it. */

const e2e = usePortalAndBrowser();

async function signedInPage(userId: string, options: { javaScriptEnabled?: boolean } = {}): Promise<{ page: Page; errors: string[] }> {
  const context = await e2e.browser.newContext({ baseURL: e2e.portal.url, locale: "sv-SE", ...options });
  await loginAs(context, e2e.portal.url, userId);
  const page = await context.newPage();
  page.setDefaultTimeout(10_000);
  const errors: string[] = [];
  page.on("pageerror", (error) => errors.push(error.message));
  page.on("console", (message) => {
    if (message.type() === "error" && !message.text().startsWith("Failed to load resource")) errors.push(message.text());
  });
  return { page, errors };
}

/** Screenshots at the two widths the issue asks to look at, when SCREENSHOTS names a folder. */
async function shoot(page: Page, name: string) {
  const folder = process.env.SCREENSHOTS;
  if (!folder) return;
  for (const width of [1280, 390]) {
    await page.setViewportSize({ width, height: 900 });
    await page.screenshot({ path: `${folder}/${name}-${width}.png`, fullPage: true });
  }
  await page.setViewportSize({ width: 1280, height: 720 });
}

/** Presses Tab until the focused element is the one asked for (at most `limit` presses): a keyboard user's way there. */
async function tabTo(page: Page, matches: (element: { tag: string; text: string }) => boolean, limit = 120) {
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press("Tab");
    const focused = await page.evaluate(() => ({
      tag: document.activeElement?.tagName ?? "",
      text: (document.activeElement?.textContent ?? "").trim(),
    }));
    if (matches(focused)) return;
  }
  throw new Error("never reached by Tab");
}

describe.skipIf(chromiumMissing)("reporting inappropriate content in a real browser", () => {
  it("a reader reports a comment by keyboard; a coordinator sees it in the triage queue and hides it", async () => {
    const writer = await createTestUser({ name: "Sälj Sälle" });
    const reader = await createTestUser({ name: "Rita Läsare" });
    const coordinator = await createTestUser({ role: "coordinator" });
    const request = await createTestRequest({ title: "Parkeringsplatser för rörelsehindrade i Lidköping" });
    const { commentId } = await addComment({
      requestId: request.id,
      authorUserId: writer.id,
      body: "Köp billiga klockor på klockor.example!",
    });

    const { page, errors } = await signedInPage(reader.id);
    await page.goto(`/requests/${request.number}`);
    await page.getByText("Köp billiga klockor på klockor.example!").waitFor();
    await tabTo(page, (el) => el.tag === "SUMMARY" && el.text === "Anmäl kommentaren som olämplig");
    await page.keyboard.press("Enter");
    // Sending without a reason: the error summary takes focus and names the question.
    await tabTo(page, (el) => el.tag === "BUTTON" && el.text === "Skicka anmälan");
    await page.keyboard.press("Enter");
    await page.getByRole("alert").getByText("Vad är fel? Välj vad som är fel.").waitFor();
    await expectAccessible(page);
    await shoot(page, "report-form");
    await tabTo(page, (el) => el.tag === "INPUT", 20);
    // The first reason is focused; the arrow key moves to and chooses the next, as radio buttons do.
    await page.keyboard.press("ArrowDown");
    expect(await page.getByRole("radio", { name: "Kränkande eller stötande" }).isChecked()).toBe(true);
    await page.keyboard.press("ArrowUp");
    expect(await page.getByRole("radio", { name: "Reklam eller skräp" }).isChecked()).toBe(true);
    await tabTo(page, (el) => el.tag === "TEXTAREA", 10);
    await page.keyboard.type("Reklam för klockor.");
    await tabTo(page, (el) => el.tag === "BUTTON" && el.text === "Skicka anmälan", 5);
    await page.keyboard.press("Enter");
    await page.getByRole("status").getByText("Tack. Anmälan är skickad till samordnarna.").waitFor();
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe("Tack. Anmälan är skickad till samordnarna.");
    await expectAccessible(page);
    const report = await db
      .selectFrom("content_reports")
      .select(["reason", "note", "reporter_user_id"])
      .where("comment_id", "=", commentId)
      .executeTakeFirstOrThrow();
    expect(report).toEqual({ reason: "spam", note: "Reklam för klockor.", reporter_user_id: reader.id });
    // Back later: the page says it is reported rather than offering it again.
    await page.reload();
    await page.getByText("Du har anmält detta. Samordnarna går igenom det.").waitFor();
    expect(errors).toEqual([]);
    await page.context().close();

    const admin = await signedInPage(coordinator.id);
    await admin.page.goto("/admin/triage");
    await admin.page.getByRole("heading", { name: /^Anmält innehåll \(\d+ (anmälan|anmälningar) väntar\)$/ }).waitFor();
    const item = admin.page.getByRole("article", {
      name: `Kommentar på förfrågan ${request.number}: Parkeringsplatser för rörelsehindrade i Lidköping`,
    });
    await item.getByText("Köp billiga klockor på klockor.example!").waitFor();
    await item.getByText("Reklam för klockor.").waitFor();
    expect(await item.locator("dl").textContent()).toMatch(/1 anmälan.*Reklam eller skräp/);
    await expectAccessible(admin.page);
    await shoot(admin.page, "triage-reports");
    await item.locator("summary", { hasText: "Dölj kommentaren" }).click();
    await item.getByRole("textbox", { name: /^Motivering/ }).fill("Reklam");
    await item.getByRole("button", { name: `Dölj kommentaren på förfrågan ${request.number}` }).click();
    await admin.page.getByRole("status").getByText("Kommentaren är dold.").waitFor();
    await expect.poll(() => item.count()).toBe(0);
    await expectAccessible(admin.page);
    expect(admin.errors).toEqual([]);
    await admin.page.context().close();

    const visitor = await (await e2e.browser.newContext({ baseURL: e2e.portal.url })).newPage();
    await visitor.goto(`/requests/${request.number}`);
    await visitor.getByText("Kommentaren är dold av moderator: Reklam").waitFor();
    expect(await visitor.content()).not.toContain("klockor.example");
    await visitor.context().close();
  });

  it("a coordinator switches to publishing after triage; the requester is told, a visitor finds nothing", async () => {
    const coordinator = await createTestUser({ role: "coordinator" });
    const requester = await createTestUser();
    try {
      const admin = await signedInPage(coordinator.id);
      await admin.page.goto("/admin/moderering");
      await admin.page.getByRole("heading", { name: "Publicering och anmälningar", level: 1 }).waitFor();
      expect(await admin.page.getByRole("radio", { name: "Direkt när den skickas in" }).isChecked()).toBe(true);
      await expectAccessible(admin.page);
      await shoot(admin.page, "moderation-settings");
      await admin.page.getByRole("radio", { name: "Först när en samordnare har granskat och skickat den vidare" }).check();
      await admin.page.getByRole("button", { name: "Spara" }).click();
      await admin.page.getByRole("status").getByText("Inställningen är sparad.").waitFor();
      await expectAccessible(admin.page);
      expect(admin.errors).toEqual([]);
      await admin.page.context().close();

      const created = await createRequest({
        requesterUserId: requester.id,
        request: newRequestInput({ title: "Snöröjningsrutter i Tranemo" }),
      });
      const own = await signedInPage(requester.id);
      await own.page.goto(`/requests/${created.number}`);
      await own.page
        .getByRole("note")
        .getByText("Förfrågan syns för andra när en samordnare har granskat den.", { exact: false })
        .waitFor();
      await expectAccessible(own.page);
      await shoot(own.page, "request-held");
      expect(own.errors).toEqual([]);
      await own.page.context().close();

      const visitor = await (await e2e.browser.newContext({ baseURL: e2e.portal.url })).newPage();
      const response = await visitor.goto(`/requests/${created.number}`);
      expect(response?.status()).toBe(404);
      await visitor.goto("/requests");
      expect(await visitor.content()).not.toContain("Snöröjningsrutter i Tranemo");
      await visitor.context().close();
    } finally {
      await db.updateTable("moderation_settings").set({ publish_after_triage: false }).execute();
    }
  });

  it("a coordinator finds a request answered at once waiting in the triage queue and publishes it by keyboard", async () => {
    const coordinator = await createTestUser({ role: "coordinator" });
    const requester = await createTestUser();
    await db.updateTable("moderation_settings").set({ publish_after_triage: true }).execute();
    try {
      const dataset = await createTestDataset({ title: "Återvinningsstationer i Alingsås", publisherKommunkod: "1489" });
      const accepted = await acceptDatasetAsAnswer({
        requesterUserId: requester.id,
        request: newRequestInput({ title: "Var lämnar man glas i Alingsås?" }),
        datasetUri: dataset.uri,
      });
      const admin = await signedInPage(coordinator.id);
      await admin.page.goto("/admin/triage");
      const held = admin.page
        .locator("section")
        .filter({ has: admin.page.getByRole("heading", { name: "Besvarade direkt, väntar på granskning" }) });
      await held.getByRole("cell", { name: "Återvinningsstationer i Alingsås" }).waitFor();
      await expectAccessible(admin.page);
      await held.getByRole("link", { name: `Hantera: nr ${accepted.number}, Var lämnar man glas i Alingsås?` }).click();
      await admin.page.getByRole("heading", { name: "Publicera", level: 2 }).waitFor();
      // Not "already handled": publishing it is what is left.
      expect(await admin.page.getByText("Förfrågan är redan hanterad.").count()).toBe(0);
      await expectAccessible(admin.page);
      await shoot(admin.page, "triage-held-answer");
      await admin.page.getByRole("button", { name: "Publicera förfrågan" }).focus();
      await admin.page.keyboard.press("Enter");
      await admin.page.getByRole("status").getByText("Förfrågan är publicerad och syns nu för alla.").waitFor();
      // The page is read again: nothing left to publish.
      await admin.page.getByRole("button", { name: "Publicera förfrågan" }).waitFor({ state: "detached" });
      expect(admin.errors).toEqual([]);
      await admin.page.context().close();

      const visitor = await (await e2e.browser.newContext({ baseURL: e2e.portal.url })).newPage();
      expect((await visitor.goto(`/requests/${accepted.number}`))?.status()).toBe(200);
      await visitor.context().close();
    } finally {
      await db.updateTable("moderation_settings").set({ publish_after_triage: false }).execute();
    }
  });

  it("works without JavaScript: a comment's report is told at that comment, the request's at the request", async () => {
    const writer = await createTestUser();
    const reader = await createTestUser();
    const request = await createTestRequest({ title: "Återvinningsstationer i Vara" });
    await addComment({ requestId: request.id, authorUserId: writer.id, body: "Olämplig text." });
    const { page } = await signedInPage(reader.id, { javaScriptEnabled: false });
    await page.goto(`/requests/${request.number}`);
    const comment = page.locator(".comment-list article").first();
    await comment.locator("summary", { hasText: "Anmäl kommentaren som olämplig" }).click();
    await comment.getByRole("radio", { name: "Något annat" }).check();
    await comment.getByRole("button", { name: "Skicka anmälan" }).click();
    // The page the form answered with, read as served (the text is told once, inside the comment).
    // Without JavaScript the click returns before the answering page has loaded.
    await page.waitForLoadState("load");
    const served = await page.content();
    // The page's own text, not the message catalogue the root loader serialises after it.
    const html = served.slice(served.indexOf("<main"), served.indexOf("</main>"));
    const comments = html.slice(html.indexOf('class="comment-list"'));
    expect(html.split("Tack. Anmälan är skickad till samordnarna.")).toHaveLength(2);
    expect(comments).toContain("Tack. Anmälan är skickad till samordnarna.");
    // The request's own form is still offered, not told it was sent.
    expect(html).toContain("<summary>Anmäl förfrågan som olämplig</summary>");
    expect(await db.selectFrom("content_reports").select("reason").where("reporter_user_id", "=", reader.id).execute()).toEqual([
      { reason: "other" },
    ]);
    await page.context().close();
  });
});
