import type { ActionFunctionArgs } from "@remix-run/node";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "../../db/client.server";
import { updateCatalogueSourceSchedule, updateRemovalThreshold } from "../../app/models/catalogue-source.server";
import { ConflictError, ForbiddenError, NotFoundError } from "../../app/models/errors.server";
import { retryMail } from "../../app/models/mail.server";
import { deleteMembership } from "../../app/models/membership.server";
import { formAction } from "../../app/utils/form.server";
import { invariantResponse } from "../../app/utils/http.server";
import { createTestRequest } from "../factories/request";
import { createTestCatalogueSource } from "../factories/catalogue-source";
import { createTestUser, sessionCookieFor } from "../factories/user";
import { pageRequest, runWithStatus } from "../support/route-request";

/**
 * ADR 016: commands throw NotFoundError, ForbiddenError or ConflictError, and one wrapper answers
 * them 404, 403 and 409; a form's intent that the page does not have is a 400 page on every page
 * that reads one — never read as the page's default form (account and admin users fell through to
 * their other form, triage once to "edit").
 */

type Action = (args: ActionFunctionArgs) => Promise<unknown>;

let adminCookie: string;
let requestNumber: number;
let sourceId: string;

beforeAll(async () => {
  const admin = await createTestUser({ role: "admin" });
  adminCookie = await sessionCookieFor(admin.id);
  requestNumber = (await createTestRequest({ status: "submitted" })).number;
  sourceId = await createTestCatalogueSource({ name: "Avsiktstest", location: `/tmp/expected-failures-${process.pid}.ttl` });
});

/** Every page whose action picks its form by `intent`, with its path parameters. */
type RouteModule = () => Promise<{ action: Action }>;
const intentPages: [string, RouteModule, string, () => Record<string, string>][] = [
  ["account", () => import("../../app/routes/account"), "/account", () => ({})],
  ["admin.users", () => import("../../app/routes/admin.users"), "/admin/users", () => ({})],
  [
    "admin.triage.$number",
    () => import("../../app/routes/admin.triage.$number/route"),
    "/admin/triage/1",
    () => ({ number: String(requestNumber) }),
  ],
  ["admin.sources._index", () => import("../../app/routes/admin.sources._index"), "/admin/sources", () => ({})],
  ["admin.sources.$sourceId", () => import("../../app/routes/admin.sources.$sourceId"), "/admin/sources/x", () => ({ sourceId })],
  ["requests.$number", () => import("../../app/routes/requests.$number/route"), "/requests/1", () => ({ number: String(requestNumber) })],
  ["requests.new", () => import("../../app/routes/requests.new"), "/requests/new", () => ({})],
];

async function eventCount() {
  const row = await db
    .selectFrom("events")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

describe("an unknown intent", () => {
  it.each(intentPages)("is the 400 page on %s, and changes nothing", async (route, load, path, params) => {
    const { action } = await load();
    const before = await eventCount();
    const forms: Record<string, string>[] = [
      { intent: "explode", currentPassword: "x", email: "a@example.se", title: "T" },
      { intent: "" },
    ];
    for (const form of forms) {
      if (route === "requests.new" && form.intent === "") continue; // no intent is the main button (Enter in a field)
      const { status, data } = await runWithStatus(action, { ...pageRequest(path, { cookie: adminCookie, form }), params: params() });
      expect(status).toBe(400);
      // The page's bad-request response, not one of its forms sent back to be corrected.
      expect(data).toBeInstanceOf(Response);
    }
    expect(await eventCount()).toBe(before);
  });
});

describe("expected failures", () => {
  const answered = (error: unknown) =>
    runWithStatus(
      formAction(async () => Promise.reject(error)),
      pageRequest("/x", { form: {} }),
    );

  it("are answered 404, 403 and 409 (with the conflict's message key) by the form wrapper", async () => {
    expect((await answered(new NotFoundError())).status).toBe(404);
    expect((await answered(new ForbiddenError())).status).toBe(403);
    const conflict = await answered(new ConflictError("sources.runNotHeld"));
    expect(conflict.status).toBe(409);
    expect(await (conflict.data as Response).text()).toBe("sources.runNotHeld");
  });

  it("leave anything unexpected to bubble up as it is", async () => {
    const unexpected = new Error("disk full");
    await expect(answered(unexpected)).rejects.toBe(unexpected);
  });

  it("a command on a thing that is gone throws NotFoundError, never returns false", async () => {
    const admin = (await db.selectFrom("users").select("id").executeTakeFirstOrThrow()).id;
    const gone = "00000000-0000-4000-8000-000000000000";
    await expect(updateRemovalThreshold({ actorUserId: admin, sourceId: gone, percent: 10 })).rejects.toBeInstanceOf(NotFoundError);
    await expect(updateCatalogueSourceSchedule({ actorUserId: admin, sourceId: gone, schedule: "manual" })).rejects.toBeInstanceOf(
      NotFoundError,
    );
    await expect(retryMail({ actorUserId: admin, mailId: "999999999" })).rejects.toBeInstanceOf(NotFoundError);
    await expect(deleteMembership({ actorUserId: admin, membershipId: gone, allowAdmin: true })).rejects.toBeInstanceOf(NotFoundError);
  });

  it("a query's missing row is the route's 404 through invariantResponse", async () => {
    expect(invariantResponse({ id: 1 }, 404)).toEqual({ id: 1 });
    for (const missing of [null, undefined]) {
      try {
        invariantResponse(missing, 404);
        expect.unreachable();
      } catch (thrown) {
        expect(thrown).toBeInstanceOf(Response);
        expect((thrown as Response).status).toBe(404);
      }
    }
  });
});
