import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { db } from "../../db/client.server";
import { createTestRequest } from "../factories/request";
import { actorOf, createTestTasks } from "../factories/task";
import { createTestUser } from "../factories/user";
import { chromiumMissing, expectAccessible } from "../support/browser";
import { usePortalAndBrowser } from "../support/e2e";
import { loginAs } from "../support/login";
import { createTestSpecification } from "../factories/specification";

const e2e = usePortalAndBrowser({ catalogues: ["se_opennorth_umea_handmade_2015.rdf", "se_digg_dcat-ap-se_exempel_obligatoriskt.ttl"] });

const PHONE = { width: 390, height: 844 };

async function phonePage(role: "coordinator" | "admin") {
  const user = await createTestUser({ role });
  const context = await e2e.browser.newContext({ baseURL: e2e.portal.url, viewport: PHONE });
  await loginAs(context, e2e.portal.url, user.id);
  const page = await context.newPage();
  page.setDefaultTimeout(8_000);
  return { context, page };
}

/** Nothing on the page reaches past the phone's right edge: no sideways scroll of the page. */
async function expectNoSidewaysScroll(page: Page) {
  expect(await page.evaluate(() => document.scrollingElement!.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
}

describe.skipIf(chromiumMissing)("tables on a phone (390 px)", () => {
  it("/admin/sources shows each source as a block a phone can read, still a table to a screen reader", async () => {
    const { context, page } = await phonePage("coordinator");
    await page.goto("/admin/sources");
    await page.getByRole("heading", { name: "Katalogkällor", level: 1 }).waitFor();
    await expectNoSidewaysScroll(page);

    // A table with its column headers, each row's cells named by them.
    const table = page.getByRole("table");
    expect(await table.getByRole("columnheader").allInnerTexts()).toEqual(expect.arrayContaining(["Namn", "Datamängder"]));
    const row = table.getByRole("row").filter({ hasText: "OpenNorth" });
    expect(await row.getByRole("cell").count()).toBe(5);

    // Every cell, the run-now button too, is inside the screen: nothing is cut off or scrolled away.
    for (const box of await row.getByRole("cell").evaluateAll((cells) => cells.map((cell) => cell.getBoundingClientRect().toJSON()))) {
      expect(box.right).toBeLessThanOrEqual(PHONE.width);
    }
    const runNow = row.getByRole("button", { name: /Skörda nu/ });
    const button = (await runNow.boundingBox())!;
    expect(button.x + button.width).toBeLessThanOrEqual(PHONE.width);
    expect(button.height).toBeGreaterThanOrEqual(24);
    // The column's name is shown beside what it names, since the header row is not (drawn by CSS, so not in innerText).
    const drawn = await row
      .getByRole("cell")
      .nth(1)
      .evaluate((cell) => getComputedStyle(cell, "::before").content);
    expect(drawn).toContain("Datamängder");

    await expectAccessible(page);
    if (process.env.SCREENSHOTS) await page.screenshot({ path: `${process.env.SCREENSHOTS}/admin-sources-phone.png`, fullPage: true });

    // At a desktop's width it is the table it was, header row and all.
    await page.setViewportSize({ width: 1280, height: 900 });
    expect(await table.locator("thead").isVisible()).toBe(true);
    const header = (await table.getByRole("columnheader", { name: "Datamängder" }).boundingBox())!;
    const cell = (await row.getByRole("cell").nth(1).boundingBox())!;
    expect(Math.abs(header.x - cell.x)).toBeLessThan(2);
    await context.close();
  });

  it("a request page shows each municipality's answer on a phone, not scrolled out of sight", async () => {
    const answer = "Detaljplanerna finns som GeoJSON på kommunens webbplats.";
    const { request, tasks } = await createTestTasks({ status: "open", title: "Detaljplaner", taskStatus: "answered" });
    await db.updateTable("tasks").set({ answer_text: answer }).where("id", "=", tasks["1490"].id).execute();
    const context = await e2e.browser.newContext({ baseURL: e2e.portal.url, viewport: PHONE });
    const page = await context.newPage();
    page.setDefaultTimeout(8_000);
    await page.goto(`/requests/${request.number}`);
    const row = page.getByRole("row").filter({ has: page.getByRole("rowheader", { name: "Borås" }) });
    const text = row.getByText(answer);
    await text.waitFor();
    const box = (await text.boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(PHONE.width);
    await expectNoSidewaysScroll(page);
    await expectAccessible(page);

    // At a desktop's width the answer starts on the row's first line, level with the municipality's name.
    await page.setViewportSize({ width: 1280, height: 900 });
    const name = await row
      .getByRole("rowheader", { name: "Borås" })
      .evaluate((cell) => cell.getBoundingClientRect().top + parseFloat(getComputedStyle(cell).paddingTop));
    expect(Math.abs((await text.boundingBox())!.y - name)).toBeLessThanOrEqual(4);
    await context.close();
  });

  it("no page of issue 13 scrolls sideways on a phone, wide tables scrolling inside their own box", async () => {
    const waiting = await createTestRequest({ status: "submitted", title: "Gång- och cykelvägar med belysning" });
    const { context, page } = await phonePage("admin");
    const pages = [
      "/",
      "/requests/new",
      "/requests",
      "/datasets?q=badplatser",
      "/admin/triage",
      `/admin/triage/${waiting.number}`,
      "/admin/users",
      "/specifikationer",
      "/specifikationer/tackning",
      "/admin/sources",
      "/statistik",
    ];
    const wide: string[] = [];
    for (const path of pages) {
      await page.goto(path);
      const scrollWidth = await page.evaluate(() => document.scrollingElement!.scrollWidth);
      if (scrollWidth > PHONE.width) wide.push(`${path}: ${scrollWidth} px`);
    }
    expect(wide).toEqual([]);
    await context.close();
  });

  it("the triage queue, the specifications, their work list and who asks for one show each row as a block on a phone, every column in sight", async () => {
    const waiting = await createTestRequest({ status: "submitted", title: "Laddstolpar för elbilar i hela regionen" });
    const coordinator = await createTestUser({ role: "coordinator" });
    const specification = await createTestSpecification({
      actor: await actorOf(coordinator),
      name: "Offentliga toaletter för telefontabellen",
      version: "2.1",
      uri: "https://vastkom.se/spec/toaletter-telefon/2.1",
      maintainer: "VästKom",
    });
    const { context, page } = await phonePage("coordinator");
    const pages = [
      { path: "/admin/triage", row: waiting.title, labelled: "Inkom" },
      { path: "/specifikationer", row: "Offentliga toaletter för telefontabellen", labelled: "Förvaltas av" },
      { path: "/specifikationer/arbetslista", row: "Offentliga toaletter för telefontabellen", labelled: "Saknar data" },
      { path: `/specifikationer/${specification.id}/nytta`, row: "Företag", labelled: "Personer som frågar" },
    ];
    const cutOff: string[] = [];
    for (const { path, row: text, labelled } of pages) {
      await page.goto(path);
      const row = page.getByRole("row").filter({ hasText: text });
      await row.waitFor();
      // Every cell is inside the screen, not behind a sideways scroll of the table's own box.
      const boxes = await row.locator("td, th").evaluateAll((cells) => cells.map((cell) => cell.getBoundingClientRect().right));
      expect(boxes.length, path).toBeGreaterThan(2);
      for (const right of boxes) if (right > PHONE.width) cutOff.push(`${path}: a cell ends at ${Math.round(right)} px`);
      // The column's name is drawn beside the value, since the header row is hidden on a phone.
      const drawn = await row
        .locator("td")
        .evaluateAll((cells) => cells.map((cell) => getComputedStyle(cell, "::before").content).join(" "));
      expect(drawn, path).toContain(labelled);
      // Still a table to a screen reader.
      expect(await page.getByRole("columnheader", { name: labelled }).count(), path).toBe(1);
      await expectNoSidewaysScroll(page);
      await expectAccessible(page);
      if (process.env.SCREENSHOTS)
        await page.screenshot({ path: `${process.env.SCREENSHOTS}/phone${path.replaceAll("/", "-")}.png`, fullPage: true });
    }
    expect(cutOff).toEqual([]);
    await context.close();
  });

  it("/admin/users fits a phone: long e-mail addresses break instead of widening the page", async () => {
    await createTestUser({ name: "Långt Namn", email: "en.mycket.lang.epostadress.for.att.prova@kommunen.example.se" });
    const { context, page } = await phonePage("admin");
    await page.goto("/admin/users?q=mycket");
    await page.getByRole("cell", { name: /en\.mycket\.lang/ }).waitFor();
    await expectNoSidewaysScroll(page);
    await expectAccessible(page);
    await context.close();
  });
});
