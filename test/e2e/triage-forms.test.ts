import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { db } from "../../db/client.server";
import { addWorkingDays } from "../../app/utils/working-days";
import { formatDate, todayInSweden } from "../../app/utils/dates";
import { createTestRequest } from "../factories/request";
import { createTestTasks } from "../factories/task";
import { createTestUser } from "../factories/user";
import { chromiumMissing, expectAccessible } from "../support/browser";
import { usePortalAndBrowser } from "../support/e2e";
import { loginAs } from "../support/login";

const e2e = usePortalAndBrowser();

async function screenshots(page: Page, name: string) {
  const folder = process.env.SCREENSHOTS;
  if (!folder) return;
  for (const width of [1280, 390]) {
    await page.setViewportSize({ width, height: 900 });
    await page.screenshot({ path: `${folder}/${name}-${width}.png`, fullPage: true });
  }
  await page.setViewportSize({ width: 1280, height: 900 });
}

describe.skipIf(chromiumMissing)("triage", () => {
  it("shows the workload above the queue, and routes with select all / none and a due date picked by preset or date", async () => {
    const coordinator = await createTestUser({ role: "coordinator", name: "Cecilia Coordinator" });
    const waiting = await createTestRequest({
      title: "Parkeringsplatser för rörelsehindrade",
      status: "submitted",
      targetKommunkoder: ["1490", "1496", "1401"],
    });
    await createTestRequest({ title: "Alla kommuners trädregister", status: "submitted", targetScope: "all" });
    // Overdue: due long ago and still pending.
    await createTestTasks({ kommunkoder: ["1490", "1496"], dueDate: "2026-01-15", status: "open" });

    const context = await e2e.browser.newContext({ baseURL: e2e.portal.url, viewport: { width: 1280, height: 900 } });
    await loginAs(context, e2e.portal.url, coordinator.id);
    const page = await context.newPage();
    page.setDefaultTimeout(8_000);
    await page.goto("/admin/triage");
    const workload = page.getByRole("region", { name: "Arbetsläge" });
    const figure = async (label: string) => Number(await workload.locator("div").filter({ hasText: label }).locator("dd").innerText());
    const submitted = await db.selectFrom("requests").select("id").where("status", "=", "submitted").execute();
    expect(await figure("nya förfrågningar att granska")).toBe(submitted.length);
    expect(await figure("försenade uppgifter")).toBe(2);
    await workload.getByRole("row", { name: /Borås/ }).waitFor();
    const row = page.getByRole("row", { name: /Parkeringsplatser/ });
    expect(await row.innerText()).toContain("3 kommuner");
    expect(await page.getByRole("row", { name: /trädregister/ }).innerText()).toContain("Alla kommuner");
    await expectAccessible(page);
    await screenshots(page, "triage-queue");

    await page.getByRole("link", { name: `Hantera: nr ${waiting.number}, Parkeringsplatser för rörelsehindrade` }).click();
    await page.getByText("3 valda").waitFor();
    await page.getByRole("button", { name: "Avmarkera alla", exact: true }).click();
    await page.getByText("0 valda").waitFor();
    await page.getByRole("button", { name: "Markera alla", exact: true }).click();
    const all = await page.locator('input[name="organisationIds"]').count();
    await page.getByText(`${all} valda`).waitFor();
    await page.getByRole("button", { name: "Avmarkera alla", exact: true }).click();
    await page.getByRole("checkbox", { name: "Borås" }).check();
    await page.getByRole("checkbox", { name: "Skövde" }).check();
    await page.getByText("2 valda").waitFor();

    const today = todayInSweden();
    await page.getByRole("button", { name: /^30 arbetsdagar/ }).click();
    expect(await page.getByLabel("Sista svarsdag").inputValue()).toBe(addWorkingDays(today, 30));
    expect(await page.getByLabel("Svarstid i arbetsdagar").inputValue()).toBe("30");
    // A date picked says how many working days it is, counted by the portal's holiday calendar.
    const picked = addWorkingDays(today, 17);
    await page.getByLabel("Sista svarsdag").fill(picked);
    expect(await page.getByLabel("Svarstid i arbetsdagar").inputValue()).toBe("17");
    await page.getByText(/^17 arbetsdagar: svar senast/).waitFor();
    await expectAccessible(page);
    await screenshots(page, "triage-route");

    await page.getByRole("button", { name: "Godkänn och skicka" }).click();
    await page.getByRole("status").getByText("skickad till 2 organisationer").waitFor();
    const tasks = await db.selectFrom("tasks").select("due_date").where("request_id", "=", waiting.id).execute();
    expect(tasks.map((task) => String(task.due_date))).toEqual([picked, picked]);
    await context.close();
  });

  it("works without JavaScript: the answer time is typed in working days, the hint naming the presets' dates", async () => {
    const coordinator = await createTestUser({ role: "coordinator", name: "Nora Noscript" });
    const waiting = await createTestRequest({ title: "Laddplatser för elbilar", status: "submitted", targetKommunkoder: ["1490", "1496"] });
    const context = await e2e.browser.newContext({
      baseURL: e2e.portal.url,
      viewport: { width: 1280, height: 900 },
      javaScriptEnabled: false,
    });
    await loginAs(context, e2e.portal.url, coordinator.id);
    const page = await context.newPage();
    page.setDefaultTimeout(8_000);
    await page.goto(`/admin/triage/${waiting.number}`);
    expect(await page.getByLabel("Sista svarsdag").count()).toBe(0);
    // The dates come from the days off the server sent, the same the deadlines are counted by.
    const today = todayInSweden();
    for (const preset of [10, 20, 30])
      await page.getByText(`${preset} arbetsdagar (till ${formatDate(addWorkingDays(today, preset), "sv")})`).waitFor();
    await page.getByLabel("Svarstid i arbetsdagar").fill("20");
    await page.getByRole("button", { name: "Godkänn och skicka" }).click();
    await page.getByRole("status").getByText("skickad till 2 organisationer").waitFor();
    const tasks = await db.selectFrom("tasks").select("due_date").where("request_id", "=", waiting.id).execute();
    expect(tasks.map((task) => String(task.due_date))).toEqual(Array(2).fill(addWorkingDays(today, 20)));
    await context.close();
  });
});
