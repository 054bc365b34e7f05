import { createElement } from "react";
import { renderToString } from "react-dom/server";
import { createStaticHandler, createStaticRouter, StaticRouterProvider } from "react-router-dom/server";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "../../db/client.server";
import { ErrorSummary } from "../../app/components/forms";
import { isMessageKey } from "../../app/i18n/translate";
import { createRequest } from "../../app/models/request.server";
import * as apiRequests from "../../app/routes/api.requests";
import * as adminUsers from "../../app/routes/admin.users";
import * as datasetsPage from "../../app/routes/datasets._index";
import * as triage from "../../app/routes/admin.triage.$number/route";
import * as newRequest from "../../app/routes/requests.new";
import * as register from "../../app/routes/requests._index";
import type { FormFailure } from "../../app/utils/form.server";
import { newRequestInput, requestForm } from "../factories/request";
import { createTestUser, sessionCookieFor } from "../factories/user";
import { pageRequest, run } from "../support/route-request";

// Issue 7, point 14: malformed input is a 400 (or a form with its message), never a 500.

/** The error summary as the form page renders it (Swedish), so a key that is no message fails here. */
async function renderSummary(failure: FormFailure) {
  const routes = [{ id: "page", path: "/", Component: () => createElement(ErrorSummary, { errors: failure, fieldLabels: {} }) }];
  const handler = createStaticHandler(routes);
  const context = await handler.query(new Request("http://localhost/"));
  if (context instanceof Response) throw new Error("unexpected redirect");
  return renderToString(
    createElement(StaticRouterProvider, { router: createStaticRouter(handler.dataRoutes, context), context, hydrate: false }),
  );
}

function expectOnlyMessageKeys(failure: FormFailure) {
  const keys = [...failure.formErrors, ...Object.values(failure.fieldErrors).flat()];
  expect(keys.length).toBeGreaterThan(0);
  for (const key of keys) expect(isMessageKey(key as string), String(key)).toBe(true);
}

let requester: string;
let coordinator: string;
let requestNumber: number;
beforeAll(async () => {
  const user = await createTestUser();
  requester = await sessionCookieFor(user.id);
  coordinator = await sessionCookieFor((await createTestUser({ role: "coordinator" })).id);
  const created = await createRequest({
    requesterUserId: user.id,
    request: newRequestInput({ title: "Laddplatser", body: "Publika laddplatser.", purpose: "Karta." }),
  });
  requestNumber = created.number;
});

describe("NUL bytes in search parameters", () => {
  it.each(["?q=bad%00plats", "?q=%00", "?tag=%00", "?kommunkod=1490&q=a%00"])(
    "GET /api/requests%s is a 400 with a message",
    async (query) => {
      const response = await apiRequests.loader(pageRequest(`/api/requests${query}`));
      expect(response.status).toBe(400);
      expect(((await response.json()) as { error: string }).error).toMatch(/ogiltiga tecken.*invalid characters/);
    },
  );

  it.each([
    ["/requests", "?q=bad%00plats", register.loader],
    ["/requests", "?tag=%00", register.loader],
    ["/datasets", "?q=bad%00plats", datasetsPage.loader],
    ["/datasets", "?format=%00", datasetsPage.loader],
    ["/datasets", "?publisher=Bor%00%C3%A5s", datasetsPage.loader],
  ] as const)("GET %s%s is a 400 page with a message", async (path, query, loader) => {
    const response = (await run(
      loader as (args: ReturnType<typeof pageRequest>) => Promise<unknown>,
      pageRequest(`${path}${query}`),
    )) as Response;
    expect(response).toBeInstanceOf(Response);
    expect(response.status).toBe(400);
    expect(await response.text()).toBe("errors.malformedQuery");
  });
});

describe("NUL bytes in the admin's user search", () => {
  it.each(["?q=%00", "?q=a%00b"])("GET /admin/users%s is a 400 page with a message", async (query) => {
    const admin = await sessionCookieFor((await createTestUser({ role: "admin" })).id);
    const response = (await run(adminUsers.loader, pageRequest(`/admin/users${query}`, { cookie: admin }))) as Response;
    expect(response).toBeInstanceOf(Response);
    expect(response.status).toBe(400);
    expect(await response.text()).toBe("errors.malformedQuery");
  });
});

describe("the new request form", () => {
  it.each(["support:notauuid", "support:", "accept:", "accept:javascript:alert(1)", "publish", "check:x"])(
    "answers intent=%s with 400",
    async (intent) => {
      const before = (await db.selectFrom("requests").select("id").execute()).length;
      const response = (await run(
        newRequest.action,
        pageRequest("/requests/new", { cookie: requester, form: requestForm({ intent }) }),
      )) as Response;
      expect(response).toBeInstanceOf(Response);
      expect(response.status).toBe(400);
      expect((await db.selectFrom("requests").select("id").execute()).length).toBe(before);
    },
  );

  // Each with the one message that names what is wrong, so a failure for some other reason fails here.
  it.each([
    [
      "targetOrganisationIds",
      { targetScope: "chosen", targetOrganisationIds: "notuuid" },
      { fieldErrors: { targetOrganisationIds: ["errors.targetsInvalid"] } },
    ],
    ["updateFrequency", { updateFrequency: "x" }, { fieldErrors: { updateFrequency: ["errors.updateFrequencyInvalid"] } }],
    ["requesterType", { requesterType: "pirate" }, { fieldErrors: { requesterType: ["errors.requesterTypeRequired"] } }],
    ["title", { title: "Bad\u0000platser" }, { formErrors: ["errors.invalidCharacters"] }],
  ] as const)("keeps the form with a translatable message for a bad %s", async (_field, extra, messages) => {
    const result = (await run(
      newRequest.action,
      pageRequest("/requests/new", { cookie: requester, form: requestForm(extra) }),
    )) as FormFailure;
    expect(result).toMatchObject({ ok: false });
    expect({ formErrors: result.formErrors, fieldErrors: result.fieldErrors }).toEqual({ formErrors: [], fieldErrors: {}, ...messages });
    expectOnlyMessageKeys(result);
    const html = await renderSummary(result);
    expect(html).toContain("Formuläret har fel som behöver rättas");
    expect(html).not.toMatch(/errors\./);
  });
});

describe("the new request's chosen municipalities", () => {
  it("refuses a chosen organisation the portal does not have, instead of saving a request that asks no one", async () => {
    const before = (await db.selectFrom("requests").select("id").execute()).length;
    const form = requestForm({ targetScope: "chosen", targetOrganisationIds: "00000000-0000-4000-8000-000000000000" });
    const result = (await run(newRequest.action, pageRequest("/requests/new", { cookie: requester, form }))) as FormFailure;
    expect(result).toMatchObject({
      ok: false,
      fieldErrors: { targetOrganisationIds: ["errors.targetsInvalid"] },
      values: { title: form.title, body: form.body },
    });
    expect((await db.selectFrom("requests").select("id").execute()).length).toBe(before);
  });
});

describe("triage", () => {
  it.each([
    ["99999999999", "errors.originalNotFound"],
    ["2147483648", "errors.originalNotFound"],
    ["-1", "errors.originalRequired"],
    ["1e3", "errors.originalNotFound"],
    ["abc", "errors.originalRequired"],
  ])("answers originalNumber=%s with the form's message", async (originalNumber, message) => {
    const result = (await run(triage.action, {
      ...pageRequest(`/admin/triage/${requestNumber}`, { cookie: coordinator, form: { intent: "duplicate", originalNumber, reason: "" } }),
      params: { number: String(requestNumber) },
    })) as FormFailure;
    expect(result).toMatchObject({ ok: false });
    expect(result.fieldErrors).toEqual({ originalNumber: [message] });
    expect(result.formErrors).toEqual([]);
    expectOnlyMessageKeys(result);
  });

  it("answers an unknown intent with 400", async () => {
    const response = (await run(triage.action, {
      ...pageRequest(`/admin/triage/${requestNumber}`, { cookie: coordinator, form: { intent: "explode" } }),
      params: { number: String(requestNumber) },
    })) as Response;
    expect(response.status).toBe(400);
  });
});
