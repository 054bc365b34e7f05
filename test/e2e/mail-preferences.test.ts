import type { BrowserContext, Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { getMailPreferences, makeUnsubscribeToken } from "../../app/models/mail-preference.server";
import { createTestUser } from "../factories/user";
import { chromiumMissing, expectAccessible } from "../support/browser";
import { usePortalAndBrowser } from "../support/e2e";
import { loginAs } from "../support/login";

/**
 * Mail choices and the signed unsubscribe link in the running portal (issue 9, ADR 021): the
 * account page's radio groups, the unsubscribe page for a visitor who is not signed in, and a mail
 * program's one-click POST that carries no cookie and no Origin. axe-core clean.
 */

const e2e = usePortalAndBrowser();

async function pageIn(context: BrowserContext, errors: string[]): Promise<Page> {
  const page = await context.newPage();
  page.setDefaultTimeout(10_000);
  page.on("response", (response) => {
    const path = new URL(response.url()).pathname;
    if (response.status() >= 400 && path !== "/favicon.ico") errors.push(`${response.status()} ${path}`);
  });
  page.on("pageerror", (error) => errors.push(error.message));
  return page;
}

describe.skipIf(chromiumMissing)("mail choices and unsubscribing in a real browser", () => {
  it("a user chooses per kind on the account page by the radio buttons' labels", async () => {
    const user = await createTestUser();
    const errors: string[] = [];
    const context = await e2e.browser.newContext({ baseURL: e2e.portal.url, locale: "sv-SE" });
    await loginAs(context, e2e.portal.url, user.id);
    const page = await pageIn(context, errors);
    await page.goto("/account");
    const comments = page.getByRole("group", { name: "Kommentarer" });
    await expect.poll(() => comments.getByRole("radio", { name: "Direkt" }).isChecked()).toBe(true);
    await comments.getByLabel("En sammanfattning per dag").check();
    await page.getByRole("group", { name: "Sammanslagna förfrågningar" }).getByLabel("Aldrig").check();
    await expectAccessible(page);
    await page.getByRole("button", { name: "Spara e-postinställningar" }).click();
    await page.getByText("Dina e-postinställningar är sparade.").waitFor();
    expect(await getMailPreferences(user.id)).toMatchObject({ comment: "daily", merge: "never", task_change: "immediately" });
    expect(await comments.getByRole("radio", { name: "En sammanfattning per dag" }).isChecked()).toBe(true);
    expect(errors).toEqual([]);
    await context.close();
  });

  it("a visitor who is not signed in opens the link (nothing changes), confirms, and is unsubscribed", async () => {
    const user = await createTestUser();
    const token = await makeUnsubscribeToken({ userId: user.id, scope: "task_change" });
    const errors: string[] = [];
    const context = await e2e.browser.newContext({ baseURL: e2e.portal.url, locale: "sv-SE" });
    const page = await pageIn(context, errors);
    await page.goto(`/avregistrera/${token}`);
    await page.getByRole("heading", { level: 1, name: "Avregistrera e-post" }).waitFor();
    await page.getByText("Svar och statusändringar").waitFor();
    expect((await getMailPreferences(user.id)).task_change).toBe("immediately");
    await expectAccessible(page);
    await page.getByRole("button", { name: "Ja, avregistrera mig" }).click();
    await page.getByText("Klart. Du får inte längre e-post om följande:").waitFor();
    expect((await getMailPreferences(user.id)).task_change).toBe("never");
    await expectAccessible(page);
    expect(errors).toEqual([]);

    // An altered link: a message, 400, nothing written.
    const other = await createTestUser();
    const forged = token.replace(user.id, other.id);
    const response = await page.goto(`/avregistrera/${forged}`);
    expect(response?.status()).toBe(400);
    await page.getByText("Länken för att avregistrera sig är inte giltig.").waitFor();
    expect((await getMailPreferences(other.id)).task_change).toBe("immediately");
    await context.close();
  });

  it("a mail program's one-click POST (RFC 8058: no cookie, no Origin) unsubscribes", async () => {
    const user = await createTestUser();
    const token = await makeUnsubscribeToken({ userId: user.id, scope: "comment" });
    const response = await fetch(`${e2e.portal.url}/avregistrera/${token}`, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: "List-Unsubscribe=One-Click",
    });
    expect(response.status).toBe(200);
    expect((await getMailPreferences(user.id)).comment).toBe("never");
    const expired = await makeUnsubscribeToken({ userId: user.id, scope: "merge" }, new Date(Date.now() - 100 * 24 * 60 * 60 * 1000));
    const refused = await fetch(`${e2e.portal.url}/avregistrera/${expired}`, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: "List-Unsubscribe=One-Click",
    });
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain("har gått ut");
    expect((await getMailPreferences(user.id)).merge).toBe("immediately");
  });
});
