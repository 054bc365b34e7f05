import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestRequest } from "../factories/request";
import { chromiumMissing, expectAccessible, launchChromium } from "../support/browser";
import { startPortal, type RunningPortal } from "../support/portal";

let portal: RunningPortal;
let browser: Browser;
let bathing: { number: number };
/** Park request i's votes: 1, 2, 3, 1, 2, 3 … (never more than the named requests above). */
const parkVotes = (i: number) => 1 + ((i - 1) % 3);

beforeAll(async () => {
  if (chromiumMissing) return;
  const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000);
  bathing = await createTestRequest({
    title: "Badplatser och vattenkvalitet i Borås",
    body: "Vi behöver veta var badplatserna finns.",
    targetKommunkoder: ["1490"],
    votes: 40,
    comments: 2,
    tags: ["bad"],
    requesterShownAs: "organisation",
    requesterOrganisationName: "Badappen AB",
    createdAt: daysAgo(3),
  });
  // Skövde's two requests order one way by votes, by number and by waiting time, and the other way
  // by creation date: the survey is the newer of the two, the fewer votes and the lower number.
  await createTestRequest({
    title: "Enkät om skolskjuts",
    kind: "survey",
    targetScope: "all",
    votes: 20,
    status: "answered",
    answeredAt: daysAgo(1),
    createdAt: daysAgo(50),
  });
  await createTestRequest({
    title: "Laddplatser i Skövde",
    targetKommunkoder: ["1496"],
    votes: 30,
    status: "submitted",
    createdAt: daysAgo(60),
  });
  await createTestRequest({ title: "Badplatser i Borås (dubblett)", targetKommunkoder: ["1490"], status: "duplicate", votes: 0 });
  // Enough to page through: 24 more, created a day apart (number 1 the newest, inserted first), with
  // votes that rise and fall, so newest first is neither the order of votes nor that of numbers.
  for (let i = 1; i <= 24; i++)
    await createTestRequest({
      title: `Förfrågan om parkdata ${i}`,
      targetKommunkoder: ["1480"],
      tags: ["park"],
      votes: parkVotes(i),
      createdAt: daysAgo(10 + i),
    });
  [portal, browser] = await Promise.all([startPortal(), launchChromium()]);
});

afterAll(async () => {
  await browser?.close();
  await portal?.stop();
});

describe.skipIf(chromiumMissing)("the request register in a real browser", () => {
  it("lists requests in words, narrows them as the visitor chooses, and stays accessible", async () => {
    const context = await browser.newContext({ baseURL: portal.url, locale: "sv-SE" });
    const page = await context.newPage();
    await page.goto("/");
    await page.getByRole("link", { name: "Förfrågningar", exact: true }).first().click();
    await page.getByRole("heading", { name: "Förfrågningar", level: 1 }).waitFor();
    await page.getByRole("status").getByText("27 förfrågningar").waitFor();
    await expectAccessible(page);

    // Most votes first; every row says its status, votes, comments and whom it asks in words.
    const first = page.locator(".request-entry").first();
    expect(await first.locator(".result-title").textContent()).toBe("Badplatser och vattenkvalitet i Borås");
    const firstText = await first.textContent();
    for (const words of [
      `Nr ${bathing.number}`,
      "Status: Öppen, skickad till kommunerna",
      "40 röster",
      "2 kommentarer",
      "Ställd till: Borås",
      "Från: Badappen AB",
    ])
      expect(firstText).toContain(words);
    expect(await first.locator(".result-title").getAttribute("href")).toBe(`/requests/${bathing.number}`);
    expect(await page.locator(".request-entry").filter({ hasText: "Enkät om skolskjuts" }).textContent()).toMatch(
      /Status: Besvarad.*Typ: Enkät.*Ställd till: alla kommuner i Västra Götaland/,
    );
    // The duplicate is hidden by default.
    expect(await page.getByText("Badplatser i Borås (dubblett)").count()).toBe(0);

    await page.getByLabel("Sök bland förfrågningar").pressSequentially("badplatser", { delay: 20 });
    await page.getByRole("status").getByText("1 förfrågan för ”badplatser”").waitFor();

    await page
      .getByRole("group", { name: "Status" })
      .getByLabel(/^Dubblett/)
      .check();
    await expect.poll(() => page.url()).toMatch(/status=duplicate/);
    await page.getByRole("status").getByText("1 förfrågan för ”badplatser”").waitFor();
    expect(await page.locator(".result-title").allTextContents()).toEqual(["Badplatser i Borås (dubblett)"]);
    await page
      .getByRole("group", { name: "Status" })
      .getByLabel(/^Öppen/)
      .check();
    await page.getByRole("status").getByText("2 förfrågningar för ”badplatser”").waitFor();
    await expectAccessible(page);

    await page.getByLabel("Sök bland förfrågningar").fill("");
    await page
      .getByRole("group", { name: "Status" })
      .getByLabel(/^Dubblett/)
      .uncheck();
    await page
      .getByRole("group", { name: "Status" })
      .getByLabel(/^Öppen/)
      .uncheck();
    await page.getByLabel("Ställd till").selectOption({ label: "Skövde" });
    await expect.poll(() => page.url()).toMatch(/kommunkod=1496/);
    // Skövde's own request and the one to every municipality.
    await page.getByRole("status").getByText("2 förfrågningar", { exact: true }).waitFor();
    expect(await page.locator(".result-title").allTextContents()).toEqual(["Laddplatser i Skövde", "Enkät om skolskjuts"]);

    await page.getByLabel("Sortera").selectOption({ label: "Nyast" });
    await expect.poll(() => page.url()).toMatch(/sort=newest/);
    // The survey is the newer: first only when the sort really is by creation date.
    await expect.poll(() => page.locator(".result-title").allTextContents()).toEqual(["Enkät om skolskjuts", "Laddplatser i Skövde"]);
    await page.getByRole("group", { name: "Typ av förfrågan" }).getByLabel("Enkät").check();
    await page.getByRole("status").getByText("1 förfrågan", { exact: true }).waitFor();
    expect(await page.locator(".result-title").allTextContents()).toEqual(["Enkät om skolskjuts"]);
    await expectAccessible(page);

    await page.getByRole("link", { name: "Ta bort alla avgränsningar" }).click();
    await page.getByRole("status").getByText("27 förfrågningar").waitFor();
    await page.getByRole("button", { name: "In English" }).click();
    await page.getByRole("heading", { name: "Requests", level: 1 }).waitFor();
    expect(await page.locator(".request-entry").first().textContent()).toContain("Status: Open, sent to the municipalities");
    await expectAccessible(page);
    await context.close();
  });

  it("works without JavaScript: a GET form, filters, sorting and pages", async () => {
    const context = await browser.newContext({ baseURL: portal.url, javaScriptEnabled: false, locale: "sv-SE" });
    const page = await context.newPage();
    await page.goto("/requests");
    expect(await page.locator(".request-entry").count()).toBe(20);
    await page.getByRole("link", { name: "Nästa sida" }).click();
    await page.getByText("Sida 2 av 2").waitFor();
    expect(await page.locator(".request-entry").count()).toBe(7);

    await page.goto("/requests");
    await page.getByRole("group", { name: "Ämne" }).getByLabel(/^park/).check();
    await page.getByLabel("Sortera").selectOption("newest");
    await page.getByRole("button", { name: "Sök", exact: true }).click();
    await page.getByText("24 förfrågningar", { exact: true }).waitFor();
    expect(page.url()).toMatch(/tag=park/);
    expect(await page.locator(".result-title").first().textContent()).toBe("Förfrågan om parkdata 1");
    // The whole first page, newest first: by votes it would start 3, 6, 9 …, by number 24, 23 ….
    expect(await page.locator(".result-title").allTextContents()).toEqual(
      Array.from({ length: 20 }, (_, i) => `Förfrågan om parkdata ${i + 1}`),
    );

    await page.getByLabel("Sök bland förfrågningar").fill("parkdata");
    await page
      .getByRole("group", { name: "Status" })
      .getByLabel(/^Besvarad \(/)
      .check();
    await page.getByRole("button", { name: "Sök", exact: true }).click();
    await page.getByText("0 förfrågningar för ”parkdata”").waitFor();
    await page.getByText("Inga förfrågningar matchar.", { exact: false }).waitFor();
    await context.close();
  });
});
