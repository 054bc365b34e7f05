import { describe, expect, it } from "vitest";
import { createTestUser } from "../factories/user";
import { chromiumMissing, expectAccessible } from "../support/browser";
import { usePortalAndBrowser } from "../support/e2e";
import { loginAs } from "../support/login";

const e2e = usePortalAndBrowser();

describe.skipIf(chromiumMissing)("the coordinator's menu", () => {
  it("fits one row at 1280 px with the admin pages in one menu, opened by keyboard", async () => {
    const admin = await createTestUser({ role: "admin" });
    const context = await e2e.browser.newContext({ baseURL: e2e.portal.url, viewport: { width: 1280, height: 900 } });
    await loginAs(context, e2e.portal.url, admin.id);
    const page = await context.newPage();
    page.setDefaultTimeout(8_000);
    await page.goto("/");
    const rows = await page.evaluate(
      () =>
        new Set(
          [...document.querySelectorAll(".site-header nav > ul:first-child > li")].map((li) => Math.round(li.getBoundingClientRect().top)),
        ).size,
    );
    expect(rows).toBe(1);
    expect(await page.getByRole("link", { name: "Sökindex" }).isVisible()).toBe(false);
    // Every admin page is in the one menu, the settings pages too (issue 13).
    const adminMenu = page.locator(".site-header details.admin-menu");
    expect(await adminMenu.locator("a").evaluateAll((links) => links.map((link) => link.getAttribute("href")))).toEqual(
      expect.arrayContaining(["/admin/deadlines", "/admin/enkater", "/admin/mail"]),
    );

    const summary = page.getByText("Administration", { exact: true });
    await summary.focus();
    await page.keyboard.press("Enter");
    await page.getByRole("link", { name: "Sökindex" }).waitFor();
    await expectAccessible(page);
    if (process.env.SCREENSHOTS) await page.screenshot({ path: `${process.env.SCREENSHOTS}/admin-menu-1280.png` });
    await page.keyboard.press("Tab");
    await page.keyboard.press("Enter");
    await page.waitForURL(/\/admin\/sources$/);
    // The menu closes once a page is chosen.
    await expect.poll(() => page.getByRole("link", { name: "Sökindex" }).isVisible()).toBe(false);
    await page.setViewportSize({ width: 390, height: 900 });
    if (process.env.SCREENSHOTS) await page.screenshot({ path: `${process.env.SCREENSHOTS}/admin-menu-390.png`, fullPage: true });
    await context.close();
  });

  it("keeps the account links clear of the main menu when the menu is short (a coordinator)", async () => {
    const coordinator = await createTestUser({ role: "coordinator" });
    const context = await e2e.browser.newContext({ baseURL: e2e.portal.url, viewport: { width: 1280, height: 720 } });
    await loginAs(context, e2e.portal.url, coordinator.id);
    const page = await context.newPage();
    page.setDefaultTimeout(8_000);
    await page.goto("/");
    await page.getByRole("link", { name: "Att hantera" }).click();
    await page.waitForURL(/\/admin\/triage$/);
    await context.close();
  });

  it("lists the moderation settings and the specifications' work list for a coordinator, and shows a requester no admin menu", async () => {
    const coordinator = await createTestUser({ role: "coordinator" });
    const context = await e2e.browser.newContext({ baseURL: e2e.portal.url, viewport: { width: 1280, height: 900 } });
    await loginAs(context, e2e.portal.url, coordinator.id);
    const page = await context.newPage();
    page.setDefaultTimeout(8_000);
    await page.goto("/");
    const menu = page.locator(".site-header details.admin-menu");
    await menu.getByText("Administration", { exact: true }).click();
    expect(await menu.getByRole("link").allInnerTexts()).toEqual(
      expect.arrayContaining([
        "Publicering och anmälningar",
        "Arbetslista för specifikationer",
        "Svarstider och påminnelser",
        "Inställningar för enkäter",
      ]),
    );
    await menu.getByRole("link", { name: "Publicering och anmälningar" }).click();
    await page.waitForURL(/\/admin\/moderering$/);
    await page.getByRole("heading", { level: 1, name: "Publicering och anmälningar" }).waitFor();
    await menu.getByText("Administration", { exact: true }).click();
    await menu.getByRole("link", { name: "Arbetslista för specifikationer" }).click();
    await page.waitForURL(/\/specifikationer\/arbetslista$/);
    await page.getByRole("heading", { level: 1, name: "Mest efterfrågat, minst täckt" }).waitFor();
    await context.close();

    const requester = await createTestUser();
    const requesterContext = await e2e.browser.newContext({ baseURL: e2e.portal.url, viewport: { width: 1280, height: 900 } });
    await loginAs(requesterContext, e2e.portal.url, requester.id);
    const requesterPage = await requesterContext.newPage();
    requesterPage.setDefaultTimeout(8_000);
    await requesterPage.goto("/");
    await requesterPage.getByRole("link", { name: "Mitt konto" }).waitFor();
    expect(await requesterPage.locator(".site-header details.admin-menu").count()).toBe(0);
    expect(
      await requesterPage.locator(".site-header a[href='/admin/moderering'], .site-header a[href='/specifikationer/arbetslista']").count(),
    ).toBe(0);
    await requesterContext.close();
  });
});
