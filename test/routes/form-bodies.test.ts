import type { ActionFunctionArgs } from "@remix-run/node";
import { beforeAll, describe, expect, it } from "vitest";
import { createRequest } from "../../app/models/request.server";
import * as login from "../../app/routes/login";
import * as requestPage from "../../app/routes/requests.$number/route";
import * as newRequest from "../../app/routes/requests.new";
import { newRequestInput, requestForm } from "../factories/request";
import { createTestCatalogueSource } from "../factories/catalogue-source";
import { createTestUser, sessionCookieFor } from "../factories/user";
import { ORIGIN, pageRequest, run, runWithStatus } from "../support/route-request";
import { routeModulesMatching } from "../support/sources";

/**
 * Security review of issue 7 point 14: a POST whose body is not a form made `request.formData()`
 * throw, a 500; a form that fails validation was answered 200. Every action now answers 400 in
 * both cases — with a message page for a body that is not a form, and with the form, the user's
 * text and the messages for a validation failure.
 */

type Action = (args: ActionFunctionArgs) => Promise<unknown>;

let adminCookie: string;
let requestNumber: number;
let sourceId: string;

beforeAll(async () => {
  const admin = await createTestUser({ role: "admin" });
  adminCookie = await sessionCookieFor(admin.id);
  const created = await createRequest({
    requesterUserId: admin.id,
    request: newRequestInput({ title: "Laddplatser", body: "Publika laddplatser.", purpose: "Karta." }),
  });
  requestNumber = created.number;
  sourceId = await createTestCatalogueSource({ name: "Formulärtest", location: `/tmp/form-bodies-${process.pid}.ttl` });
});

/**
 * Every route file that has an action, found on disk so a new one is covered too; signed in as an
 * admin where the route needs someone, and with its path parameters filled.
 */
const routeFiles = routeModulesMatching(/export (async function|const) action\b/);
const visitorRoutes = new Set(["language.tsx", "login.tsx", "signup.tsx"]);

function paramsOf(file: string): Record<string, string> {
  const names = [...file.matchAll(/\$(\w+)/g)].map((m) => m[1]);
  return Object.fromEntries(names.map((name) => [name, name === "number" ? String(requestNumber) : name === "sourceId" ? sourceId : "x"]));
}

async function actionOf(file: string): Promise<Action> {
  const module = (await import(`../../app/routes/${file.replace(/\.tsx?$/, "")}`)) as { action: Action };
  return module.action;
}

const notForms: [string, string, string][] = [
  ["JSON", "application/json", JSON.stringify({ intent: "vote", email: "a@example.se" })],
  ["plain text", "text/plain", "intent=vote"],
  [
    "multipart without its boundary",
    "multipart/form-data",
    '--x\r\nContent-Disposition: form-data; name="intent"\r\n\r\nvote\r\n--x--\r\n',
  ],
  ["no content type", "", "intent=vote"],
];

describe("a POST whose body is not a form", () => {
  it("finds every route with an action", () => {
    expect(routeFiles).toEqual(
      expect.arrayContaining(["account.tsx", "login.tsx", "logout.tsx", "requests.$number/route.tsx", "requests.new.tsx", "signup.tsx"]),
    );
    expect(routeFiles.length).toBeGreaterThanOrEqual(13);
  });

  for (const file of routeFiles) {
    it.each(notForms)(`POST ${file} with %s is a 400 with a message`, async (_name, contentType, body) => {
      const headers = new Headers({ Origin: ORIGIN });
      if (contentType) headers.set("Content-Type", contentType);
      if (!visitorRoutes.has(file) && !file.startsWith("signup")) headers.set("Cookie", adminCookie);
      const request = new Request(new URL(`/${file.replace(/(\/route)?\.tsx?$/, "").replaceAll(".", "/")}`, ORIGIN), {
        method: "POST",
        headers,
        body,
      });
      if (!contentType) request.headers.delete("Content-Type");
      const action = await actionOf(file);
      const result = await run(action as never, {
        request,
        context: { cspNonce: "test", clientAddress: "127.0.0.1" },
        params: paramsOf(file),
      });
      expect(result).toBeInstanceOf(Response);
      const response = result as Response;
      expect(response.status).toBe(400);
      expect(await response.text()).toBe("errors.notAForm");
    });
  }
});

describe("a form that fails validation", () => {
  const failing: [string, () => Promise<unknown>][] = [
    [
      "new request with targetOrganisationIds=notuuid",
      () =>
        runWithStatus(
          newRequest.action,
          pageRequest("/requests/new", {
            cookie: adminCookie,
            form: requestForm({ purpose: "En app.", targetScope: "chosen", targetOrganisationIds: "notuuid" }),
          }),
        ),
    ],
    [
      "new request with updateFrequency=x",
      () =>
        runWithStatus(
          newRequest.action,
          pageRequest("/requests/new", {
            cookie: adminCookie,
            form: requestForm({ purpose: "En app.", updateFrequency: "x" }),
          }),
        ),
    ],
    [
      "sign-in with a wrong password (found after parsing)",
      () =>
        runWithStatus(
          login.action,
          pageRequest("/login", { form: { email: "nobody@example.se", password: "fel lösenord här", redirectTo: "/" } }),
        ),
    ],
    [
      "a comment with no text (request page)",
      () =>
        runWithStatus(requestPage.action, {
          ...pageRequest(`/requests/${requestNumber}`, { cookie: adminCookie, form: { intent: "comment", body: "" } }),
          params: { number: String(requestNumber) },
        }),
    ],
  ];

  it.each(failing)("%s is a 400 that still carries the typed values and the messages", async (_name, call) => {
    const { status, data } = (await call()) as {
      status: number;
      data: { ok: boolean; formErrors: string[]; fieldErrors: Record<string, string[]>; values: Record<string, string> };
    };
    expect(status).toBe(400);
    expect(data.ok).toBe(false);
    expect([...data.formErrors, ...Object.values(data.fieldErrors).flat()].length).toBeGreaterThan(0);
    expect(Object.keys(data.values).length).toBeGreaterThan(0);
  });

  it("checking for matches, which is no failure, is still a 200", async () => {
    const { status, data } = await runWithStatus(
      newRequest.action,
      pageRequest("/requests/new", {
        cookie: adminCookie,
        form: { title: "Badplatser", body: "Var finns badplatserna?", intent: "check" },
      }),
    );
    expect(status).toBe(200);
    expect(data).toMatchObject({ matches: expect.any(Object) });
  });
});
