import { renderToString } from "react-dom/server";
import { Outlet } from "react-router-dom";
import { createStaticHandler, createStaticRouter, StaticRouterProvider } from "react-router-dom/server";
import { describe, expect, it } from "vitest";
import { db } from "../../db/client.server";
import type { Locale } from "../../db/schema";
import { getDeadlineSettings, updateDeadlineSettings } from "../../app/models/task-deadline.server";
import * as adminDeadlines from "../../app/routes/admin.deadlines";
import * as triage from "../../app/routes/admin.triage.$number/route";
import { createTestRequest } from "../factories/request";
import { actorOf, createTestTasks } from "../factories/task";
import { createTestUser, sessionCookieFor } from "../factories/user";
import { pageRequest, runWithStatus } from "../support/route-request";

/**
 * Server-renders the triage page with its real loader and action, as Remix would, under a root
 * that gives the reader's language; `form` posts it first (the page then shows the action's result).
 */
async function renderTriage(number: number, cookie: string, options: { locale?: Locale; form?: Record<string, string> } = {}) {
  const params = { number: String(number) };
  const path = `/admin/triage/${number}`;
  const routes = [
    {
      id: "root",
      path: "/",
      loader: () => ({ locale: options.locale ?? "sv" }),
      Component: Outlet,
      children: [
        {
          id: "triage",
          path: "admin/triage/:number",
          loader: () => triage.loader({ ...pageRequest(path, { cookie }), params }),
          action: async () => {
            const { status, data } = await runWithStatus(triage.action, { ...pageRequest(path, { cookie, form: options.form }), params });
            return new Response(JSON.stringify(data), { status, headers: { "Content-Type": "application/json" } });
          },
          Component: triage.default,
        },
      ],
    },
  ];
  const handler = createStaticHandler(routes);
  const context = await handler.query(
    new Request(`http://localhost${path}`, options.form ? { method: "POST", body: new URLSearchParams(options.form) } : undefined),
  );
  if (context instanceof Response) throw new Error(`unexpected response ${context.status}`);
  const router = createStaticRouter(handler.dataRoutes, context);
  return { status: context.statusCode, html: renderToString(<StaticRouterProvider router={router} context={context} hydrate={false} />) };
}

const coordinatorCookie = async () => {
  const user = await createTestUser({ role: "coordinator" });
  return { cookie: await sessionCookieFor(user.id), actor: await actorOf(user) };
};

const dueDates = (requestId: string) => db.selectFrom("tasks").select("due_date").where("request_id", "=", requestId).execute();

describe("the default deadline", () => {
  it("is what the triage form proposes, and coordinators set it on /admin/deadlines", async () => {
    const { cookie, actor } = await coordinatorCookie();
    const request = await createTestRequest({ status: "submitted" });
    expect((await renderTriage(request.number, cookie)).html).toMatch(/<input[^>]*name="workingDays"[^>]*value="20"/);

    const saved = await runWithStatus(
      adminDeadlines.action,
      pageRequest("/admin/deadlines", {
        cookie,
        form: { defaultWorkingDays: "25", reminderWorkingDays: "4" },
      }),
    );
    expect(saved).toEqual({ status: 200, data: { ok: true } });
    expect(await getDeadlineSettings()).toMatchObject({ defaultWorkingDays: 25, reminderWorkingDays: 4 });
    expect((await renderTriage(request.number, cookie)).html).toMatch(/<input[^>]*name="workingDays"[^>]*value="25"/);

    // Bad values are sent back with their messages and the typed text; nothing is written.
    const refused = await runWithStatus(
      adminDeadlines.action,
      pageRequest("/admin/deadlines", {
        cookie,
        form: { defaultWorkingDays: "0", reminderWorkingDays: "tre" },
      }),
    );
    expect(refused).toMatchObject({
      status: 400,
      data: {
        fieldErrors: {
          defaultWorkingDays: ["errors.defaultWorkingDaysInvalid"],
          reminderWorkingDays: ["errors.reminderWorkingDaysInvalid"],
        },
        values: { defaultWorkingDays: "0", reminderWorkingDays: "tre" },
      },
    });
    expect(await getDeadlineSettings()).toMatchObject({ defaultWorkingDays: 25, reminderWorkingDays: 4 });
    await updateDeadlineSettings({ actor, defaultWorkingDays: 20, reminderWorkingDays: 3 });
  });
});

describe("changing the due date on the triage page", () => {
  it("shows the form for a routed request and moves its tasks' due date", async () => {
    const { cookie } = await coordinatorCookie();
    const { request } = await createTestTasks({ dueDate: "2027-01-29" });
    const page = await renderTriage(request.number, cookie);
    expect(page.html).toContain("Ändra sista svarsdag");
    expect(page.html).toContain("Sista svarsdag nu: 29 januari 2027.");

    const done = await renderTriage(request.number, cookie, {
      form: { intent: "deadline", dueDate: "2027-02-05", dueWorkingDays: "", deadlineReason: "Kommunerna bad om mer tid." },
    });
    expect(done.status).toBe(200);
    expect(done.html).toContain("Sista svarsdag är ändrad till 2027-02-05 för 2 uppgifter.");
    expect((await dueDates(request.id)).map((t) => t.due_date)).toEqual(["2027-02-05", "2027-02-05"]);
  });

  it("refuses a missing reason or a holiday with a message in the reader's language, keeping what was typed, writing nothing", async () => {
    const { cookie } = await coordinatorCookie();
    const { request } = await createTestTasks({ dueDate: "2027-01-29" });
    const noReason = await renderTriage(request.number, cookie, {
      form: { intent: "deadline", dueDate: "2027-02-05", deadlineReason: "" },
    });
    expect(noReason.status).toBe(400);
    expect(noReason.html).toContain("Skriv varför sista svarsdag ändras.");
    expect(noReason.html).toMatch(/<input[^>]*name="dueDate"[^>]*value="2027-02-05"/);

    const holiday = await renderTriage(request.number, cookie, {
      locale: "en",
      form: { intent: "deadline", dueDate: "2026-12-25", deadlineReason: "Julklapp." },
    });
    expect(holiday.status).toBe(400);
    expect(holiday.html).toContain("Choose a working day: the date is a weekend or a public holiday.");
    expect(holiday.html).toMatch(/<input[^>]*name="dueDate"[^>]*value="2026-12-25"/);
    expect(holiday.html).toContain("Julklapp.</textarea>");

    const both = await renderTriage(request.number, cookie, {
      locale: "en",
      form: { intent: "deadline", dueDate: "2027-02-05", dueWorkingDays: "10", deadlineReason: "Mer tid." },
    });
    expect(both.html).toContain("Give a new date or a number of working days, not both.");
    expect((await dueDates(request.id)).map((t) => t.due_date)).toEqual(["2027-01-29", "2027-01-29"]);
    const events = await db
      .selectFrom("events")
      .select("id")
      .where("entity_id", "=", request.id)
      .where("action", "=", "change_deadline")
      .execute();
    expect(events).toEqual([]);
  });

  it("is not offered before the request is routed", async () => {
    const { cookie } = await coordinatorCookie();
    const request = await createTestRequest({ status: "submitted" });
    expect((await renderTriage(request.number, cookie)).html).not.toContain("Ändra sista svarsdag");
  });
});
