import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { chromiumMissing, expectAccessible } from "../support/browser";
import { usePortalAndBrowser } from "../support/e2e";
import { confirmationLinkMailedTo } from "../support/mail";

const e2e = usePortalAndBrowser();

async function newPage(): Promise<Page> {
  const context = await e2e.browser.newContext({ baseURL: e2e.portal.url, locale: "sv-SE" });
  return context.newPage();
}

/** Signs up through the form and the e-mailed link, as a person does; ends signed in. */
async function signUp(page: Page, user: { name: string; email: string; password: string }, options: { checkAccessible?: boolean } = {}) {
  await page.goto("/signup");
  await page.getByLabel("Namn").fill(user.name);
  await page.getByLabel("E-postadress").fill(user.email);
  await page.getByLabel("Lösenord").fill(user.password);
  await page.getByRole("button", { name: "Skapa konto" }).click();
  await page.getByRole("heading", { name: "Titta i din e-post" }).waitFor();
  if (options.checkAccessible) await expectAccessible(page);
  await page.goto(await confirmationLinkMailedTo(user.email));
  await page.getByRole("heading", { name: "Bekräfta ditt konto" }).waitFor();
  if (options.checkAccessible) await expectAccessible(page);
  await page.getByRole("button", { name: "Bekräfta och logga in" }).click();
  await page.getByText(`Du är inloggad som ${user.name}.`).waitFor();
}

describe.skipIf(chromiumMissing)("accounts in a real browser", () => {
  it("signs up, signs out and signs in again", async () => {
    const page = await newPage();
    await page.goto("/");
    await expectAccessible(page);
    await page.getByRole("link", { name: "Skapa konto" }).first().click();
    await expect.poll(() => page.url()).toMatch(/\/signup$/);
    await expectAccessible(page);

    await signUp(
      page,
      { name: "Elsa Exempel", email: "elsa@example.se", password: "en lång och hemlig mening" },
      { checkAccessible: true },
    );
    await expectAccessible(page);

    await page.getByRole("button", { name: "Logga ut" }).click();
    await page.getByRole("link", { name: "Logga in" }).waitFor();

    await page.getByRole("link", { name: "Logga in" }).click();
    await page.getByLabel("E-postadress").fill("elsa@example.se");
    await page.getByLabel("Lösenord").fill("en lång och hemlig mening");
    await page.getByRole("button", { name: "Logga in" }).click();
    await page.getByText("Du är inloggad som Elsa Exempel.").waitFor();
    await page.context().close();
  });

  it("shows a wrong password in an error summary that takes focus, keeping the e-mail", async () => {
    const page = await newPage();
    await page.goto("/login");
    await page.getByLabel("E-postadress").fill("nobody@example.se");
    await page.getByLabel("Lösenord").fill("fel lösenord");
    await page.getByRole("button", { name: "Logga in" }).click();
    const summary = page.getByRole("alert");
    await summary.getByText("Fel e-postadress eller lösenord.").waitFor();
    await expect.poll(() => page.evaluate(() => document.activeElement?.className)).toBe("error-summary");
    expect(await page.getByLabel("E-postadress").inputValue()).toBe("nobody@example.se");
    expect(await page.getByLabel("Lösenord").inputValue()).toBe("");
    await expectAccessible(page);
    await page.context().close();
  });

  it("shows field errors without JavaScript too, keeping what was typed", async () => {
    const context = await e2e.browser.newContext({ baseURL: e2e.portal.url, javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto("/signup");
    await page.getByLabel("Namn").fill("Utan Skript");
    await page.getByLabel("E-postadress").fill("utan@example.se");
    await page.getByLabel("Lösenord").fill("kort");
    await page.getByRole("button", { name: "Skapa konto" }).click();
    await page.locator(".field-error").getByText("Lösenordet måste vara minst 12 tecken.").waitFor();
    expect(await page.getByLabel("Namn").inputValue()).toBe("Utan Skript");
    expect(await page.getByLabel("E-postadress").inputValue()).toBe("utan@example.se");
    expect(await page.getByLabel("Lösenord").inputValue()).toBe("");
    // axe-core needs JavaScript; a form with errors is checked in the sign-in test above.
    await context.close();
  });

  it("shows the Swedish 403 page to a requester on the admin page, and the 404 page for an unknown address", async () => {
    const page = await newPage();
    await signUp(page, { name: "Frida Frågare", email: "frida@example.se", password: "en annan lång mening" });

    const forbidden = await page.goto("/admin/users");
    expect(forbidden?.status()).toBe(403);
    await page.getByRole("heading", { name: "Du har inte behörighet" }).waitFor();
    await expectAccessible(page);

    const missing = await page.goto("/finns-inte");
    expect(missing?.status()).toBe(404);
    await page.getByRole("heading", { name: "Sidan finns inte" }).waitFor();
    await expectAccessible(page);
    await page.context().close();
  });

  it("switches the interface to English and back", async () => {
    const page = await newPage();
    await page.goto("/login");
    await page.getByRole("button", { name: "In English" }).click();
    await page.getByRole("heading", { name: "Sign in" }).waitFor();
    expect(await page.locator("html").getAttribute("lang")).toBe("en");
    await expectAccessible(page);
    await page.getByRole("button", { name: "På svenska" }).click();
    await page.getByRole("heading", { name: "Logga in" }).waitFor();
    await page.context().close();
  });

  it("changes the password without JavaScript and stays signed in (issue 7 point 15)", async () => {
    const context = await e2e.browser.newContext({ baseURL: e2e.portal.url, javaScriptEnabled: false });
    const page = await context.newPage();
    await signUp(page, { name: "Nils Nojs", email: "nils@example.se", password: "en lång mening utan skript" });

    await page.goto("/account");
    await page.getByLabel("Nuvarande lösenord").fill("en lång mening utan skript");
    await page.getByLabel("Nytt lösenord").fill("en ny lång mening utan skript");
    await page.getByRole("button", { name: "Byt lösenord" }).click();
    await page.getByText("Lösenordet är bytt.", { exact: false }).waitFor();
    // The browser kept a valid session: the account page still opens, not the sign-in page.
    await page.goto("/account");
    await page.getByRole("heading", { name: "Mitt konto" }).waitFor();
    expect(new URL(page.url()).pathname).toBe("/account");
    await context.close();
  });

  it("signs out every other browser from the account page, keeping this one (issue 7 point 15)", async () => {
    const here = await e2e.browser.newContext({ baseURL: e2e.portal.url, javaScriptEnabled: false });
    const there = await e2e.browser.newContext({ baseURL: e2e.portal.url });
    const page = await here.newPage();
    await signUp(page, { name: "Vera Varsam", email: "vera@example.se", password: "en lång mening om datorer" });

    const other = await there.newPage();
    await other.goto("/login");
    await other.getByLabel("E-postadress").fill("vera@example.se");
    await other.getByLabel("Lösenord").fill("en lång mening om datorer");
    await other.getByRole("button", { name: "Logga in" }).click();
    await other.getByText("Du är inloggad som Vera Varsam.").waitFor();

    await page.goto("/account");
    await page.getByRole("button", { name: "Logga ut på alla andra enheter" }).click();
    await page.getByText("Du är utloggad på alla andra enheter.").waitFor();
    await page.goto("/account");
    expect(new URL(page.url()).pathname).toBe("/account");

    await other.goto("/account");
    await expect.poll(() => new URL(other.url()).pathname).toBe("/login");
    await here.close();
    await there.close();
  });
});
