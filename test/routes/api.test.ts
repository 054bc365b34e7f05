import { Validator } from "@seriousme/openapi-schema-validator";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import * as datasetsRoute from "../../app/routes/api.datasets";
import * as requestsRoute from "../../app/routes/api.requests";
import * as requestRoute from "../../app/routes/api.requests.$number";
import * as surveysRoute from "../../app/routes/api.surveys";
import * as surveyRoute from "../../app/routes/api.surveys.$id";
import * as organisationRoute from "../../app/routes/api.organisations.$slug";
import * as timeSavedRoute from "../../app/routes/api.reports.time-saved";
import * as specificationsRoute from "../../app/routes/api.specifications";
import * as timeSavedCsvRoute from "../../app/routes/api.reports.time-saved[.]csv";
import * as openApiRoute from "../../app/routes/api.openapi[.]json";
import * as unknownRoute from "../../app/routes/api.$";
import * as matchRoute from "../../app/routes/api.match";
import { matchResponse } from "../../app/schemas/api/match.server";
import { answerSurveyTask } from "../../app/models/survey-answer.server";
import { closeSurvey } from "../../app/models/survey-send.server";
import { acceptDatasetAsAnswer } from "../../app/models/request.server";
import { apiEndpoints } from "../../app/schemas/api/endpoints.server";
import { getSearchEngine } from "../../search/engines/select-engine.server";
import { drainOutbox } from "../../search/indexing/outbox.server";
import { createTestDataset } from "../factories/dataset";
import { createTestRequest, newRequestInput } from "../factories/request";
import { createTestSurvey, testQuestion } from "../factories/survey";
import { actorOf } from "../factories/task";
import { createTestUser } from "../factories/user";
import { ORIGIN } from "../support/route-request";
import { ConfigError, loadConfig } from "../../db/config.server";

/**
 * The public API (issue 12, ADR 037): every endpoint answers what its description (the zod schema
 * the OpenAPI document is generated from) promises, the document is valid OpenAPI 3.1 and each of
 * its paths answers; validators give 304; bad input is a 400 in the caller's language, never a 500.
 */

type Loader = (args: LoaderFunctionArgs) => Promise<Response>;

let address = 0;
/** A fresh client address per call unless given, so the rate limit counts only where a test means it to. */
function call(
  loader: Loader,
  path: string,
  options: { headers?: Record<string, string>; params?: Record<string, string>; clientAddress?: string } = {},
) {
  address += 1;
  const request = new Request(new URL(path, ORIGIN), { headers: options.headers });
  return loader({
    request,
    params: options.params ?? {},
    context: { cspNonce: "test", clientAddress: options.clientAddress ?? `10.0.${Math.floor(address / 250)}.${address % 250}` },
  });
}

let requestNumber = 0;
let surveyId = "";
let openSurveyId = "";
let draftSurveyId = "";

beforeAll(async () => {
  await createTestDataset({
    title: "Badplatser i Borås",
    themes: ["http://publications.europa.eu/resource/authority/data-theme/ENVI"],
    formats: ["CSV"],
  });
  await createTestDataset({ title: "Laddplatser för elbilar", publisherKommunkod: "1496" });
  const requester = await createTestUser({ name: "Petra Publik", email: "petra.publik@example.se" });
  const request = await createTestRequest({
    title: "Vattenkvalitet vid badplatser",
    targetKommunkoder: ["1490"],
    requesterUserId: requester.id,
    requesterShownAs: "anonymous",
    tags: ["bad"],
    votes: 3,
  });
  requestNumber = request.number;
  for (let i = 0; i < 4; i += 1) await createTestRequest({ title: `Förfrågan ${i}` });

  const closed = await createTestSurvey({
    send: true,
    title: "Personal och löner",
    kommunkoder: ["1490"],
    questions: [testQuestion({ text: "Hur många anställda?" }), testQuestion({ text: "Lönesumma?", confidential: true })],
  });
  const responder = await createTestUser({ role: "responder", kommunkod: "1490" });
  await answerSurveyTask({
    actor: await actorOf(responder),
    taskId: closed.tasks["1490"],
    answers: { [closed.questionIds[0]]: "120", [closed.questionIds[1]]: "98765432" },
  });
  await closeSurvey({ actor: closed.sender, surveyId: closed.surveyId, mayCloseAny: false });
  surveyId = closed.surveyId;
  openSurveyId = (await createTestSurvey({ send: true, title: "Pågående enkät", kommunkoder: ["1496"] })).surveyId;
  draftSurveyId = (await createTestSurvey({ title: "Utkast" })).surveyId;
  await drainOutbox(getSearchEngine(), {});
});

afterEach(() => {
  delete process.env.API_RATE_LIMIT;
});

/** Each endpoint, one address that answers 200, and its loader. */
function examples() {
  const byPath: Record<string, [Loader, string, Record<string, string>]> = {
    "/api/datasets": [datasetsRoute.loader, "/api/datasets?q=badplatser", {}],
    "/api/requests": [requestsRoute.loader, "/api/requests?pageSize=2", {}],
    "/api/requests/{number}": [requestRoute.loader, `/api/requests/${requestNumber}`, { number: String(requestNumber) }],
    "/api/surveys": [surveysRoute.loader, "/api/surveys", {}],
    "/api/surveys/{id}": [surveyRoute.loader, `/api/surveys/${surveyId}`, { id: surveyId }],
    "/api/organisations/{slug}": [organisationRoute.loader, "/api/organisations/boras", { slug: "boras" }],
    "/api/reports/time-saved": [timeSavedRoute.loader, "/api/reports/time-saved", {}],
    "/api/specifications": [specificationsRoute.loader, "/api/specifications", {}],
  };
  return byPath;
}

describe("every endpoint against its description", () => {
  it("answers 200 with a body its response schema accepts as it is", async () => {
    const cases = examples();
    expect(Object.keys(cases).sort()).toEqual(apiEndpoints.map((e) => e.path).sort());
    for (const endpoint of apiEndpoints) {
      const [loader, path, params] = cases[endpoint.path];
      const response = await call(loader, path, { params });
      expect(response.status, path).toBe(200);
      expect(response.headers.get("Content-Type")).toContain("application/json");
      const body = await response.json();
      // strict: the answer has exactly what the description names, nothing more.
      expect(endpoint.response.parse(body), path).toEqual(body);
    }
  });

  it("/api/match answers what its description says", async () => {
    const response = await call(matchRoute.loader, "/api/match?q=badplatser%20i%20Bor%C3%A5s");
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body.datasets.length).toBeGreaterThan(0);
    expect(matchResponse.parse(body)).toEqual(body);
  });

  it("pages every list the same way, and a page past the end is empty with its total", async () => {
    for (const [loader, path] of [
      [requestsRoute.loader, "/api/requests"],
      [datasetsRoute.loader, "/api/datasets"],
      [surveysRoute.loader, "/api/surveys"],
    ] as const) {
      const first = (await (await call(loader, `${path}?pageSize=1`)).json()) as {
        items: unknown[];
        page: number;
        pageSize: number;
        total: number;
      };
      expect(first, path).toMatchObject({ page: 1, pageSize: 1 });
      expect(first.items).toHaveLength(1);
      expect(first.total).toBeGreaterThanOrEqual(2);
      const past = await call(loader, `${path}?page=9999&pageSize=100`);
      expect(past.status).toBe(200);
      expect(await past.json()).toEqual({
        ...(path === "/api/datasets" ? { facets: expect.anything() } : {}),
        items: [],
        page: 9999,
        pageSize: 100,
        total: first.total,
      });
    }
  });

  it("finds datasets with the page's facets and filters", async () => {
    const body = (await (await call(datasetsRoute.loader, "/api/datasets?format=CSV")).json()) as {
      items: { title: string; url: string }[];
      facets: { format: { value: string; count: number }[] };
    };
    expect(body.items.map((item) => item.title)).toEqual(["Badplatser i Borås"]);
    expect(body.facets.format).toContainEqual({ value: "CSV", count: 1 });
    expect(body.items[0].url).toMatch(/^http:\/\/localhost:3000\/datasets\//);
  });

  it("shows a request as its public page does: the anonymous requester unnamed, no e-mail anywhere", async () => {
    const response = await call(requestRoute.loader, `/api/requests/${requestNumber}`, { params: { number: String(requestNumber) } });
    const text = await response.text();
    expect(text).not.toContain("petra.publik@example.se");
    expect(text).not.toContain("Petra Publik");
    const body = JSON.parse(text);
    expect(body).toMatchObject({
      number: requestNumber,
      title: "Vattenkvalitet vid badplatser",
      requester: { kind: "requester", shownAs: "anonymous", name: null },
    });
    expect(body.targets).toEqual([{ name: "Borås" }]);
  });

  it("gives a closed survey's answers without the confidential question's, an open survey's questions only, and no draft", async () => {
    const closed = await (await call(surveyRoute.loader, `/api/surveys/${surveyId}`, { params: { id: surveyId } })).json();
    expect(closed.status).toBe("closed");
    expect(closed.questions).toHaveLength(2);
    expect(closed.answers).toEqual([expect.objectContaining({ questionNumber: 1, organisation: "Borås", value: 120, source: "typed" })]);
    expect(JSON.stringify(closed)).not.toContain("98765432");

    const open = await (await call(surveyRoute.loader, `/api/surveys/${openSurveyId}`, { params: { id: openSurveyId } })).json();
    expect(open).toMatchObject({ status: "sent", answers: null });

    const draft = await call(surveyRoute.loader, `/api/surveys/${draftSurveyId}`, { params: { id: draftSurveyId } });
    expect(draft.status).toBe(404);
    const list = await (await call(surveysRoute.loader, "/api/surveys")).json();
    expect(list.items.map((s: { id: string }) => s.id).sort()).toEqual([surveyId, openSurveyId].sort());
    const closedOnly = await (await call(surveysRoute.loader, "/api/surveys?status=closed")).json();
    expect(closedOnly.items.map((s: { id: string }) => s.id)).toEqual([surveyId]);
    const running = await (await call(surveysRoute.loader, "/api/surveys?status=sent")).json();
    expect(running).toMatchObject({ total: 1, items: [{ id: openSurveyId, status: "sent", questions: 1 }] });
  });
});

describe("the OpenAPI document", () => {
  it("is valid OpenAPI 3.1, generated from the routes' schemas, and each of its paths answers", async () => {
    const response = await call(openApiRoute.loader, "/api/openapi.json");
    expect(response.status).toBe(200);
    const document = await response.json();
    expect(document.openapi).toBe("3.1.0");
    const result = await new Validator().validate(document);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    const cases = examples();
    for (const endpoint of apiEndpoints) {
      expect(document.paths[endpoint.path]?.get, endpoint.path).toBeDefined();
      const parameters = (document.paths[endpoint.path].get.parameters ?? []) as { name: string; in: string }[];
      expect(
        parameters
          .filter((p) => p.in === "query")
          .map((p) => p.name)
          .sort(),
      ).toEqual(Object.keys(endpoint.query.shape).sort());
      const [loader, path, params] = cases[endpoint.path];
      expect((await call(loader, path, { params })).status).toBe(200);
    }
    expect(Object.keys(document.paths)).toEqual(expect.arrayContaining(["/api/reports/time-saved.csv", "/api/match"]));
    // Those the search engine answers say they may be a 503 (test/routes/search-unavailable.test.ts).
    const mayBeUnavailable = Object.keys(document.paths).filter((path) => document.paths[path].get.responses["503"]);
    expect(mayBeUnavailable.sort()).toEqual(["/api/datasets", "/api/match"]);
    expect((await call(timeSavedCsvRoute.loader, "/api/reports/time-saved.csv")).status).toBe(200);
  });

  it("is written in Swedish, or in English for a reader who asks for it", async () => {
    const swedish = await (await call(openApiRoute.loader, "/api/openapi.json")).json();
    expect(swedish.info.title).toBe("Fråga en gångs öppna API");
    expect(swedish.paths["/api/requests"].get.summary).toBe("Förfrågningsregistret");
    const english = await (
      await call(openApiRoute.loader, "/api/openapi.json", { headers: { "Accept-Language": "en-GB,en;q=0.9" } })
    ).json();
    expect(english.paths["/api/requests"].get.summary).toBe("The request register");
  });
});

describe("validators", () => {
  it("answers 304 to the ETag and to Last-Modified, and 200 with a new ETag once the data changed", async () => {
    const first = await call(requestsRoute.loader, "/api/requests?sort=newest");
    const tag = first.headers.get("ETag")!;
    const modified = first.headers.get("Last-Modified")!;
    expect(tag).toMatch(/^W\/"/);
    // The same for everyone: nothing in the answer depends on who asks, so caches may share it.
    expect(first.headers.get("Vary")).toBeNull();
    expect(first.headers.get("Cache-Control")).toBe("public, no-cache");
    expect(new Date(modified).toUTCString()).toBe(modified);
    const again = await call(requestsRoute.loader, "/api/requests?sort=newest", { headers: { "If-None-Match": tag } });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe("");
    expect(
      (await call(requestsRoute.loader, "/api/requests?sort=newest", { headers: { "If-None-Match": `"other", ${tag}` } })).status,
    ).toBe(304);
    expect((await call(requestsRoute.loader, "/api/requests?sort=newest", { headers: { "If-Modified-Since": modified } })).status).toBe(
      304,
    );

    await createTestRequest({ title: "Ny förfrågan efter kopian" });
    const changed = await call(requestsRoute.loader, "/api/requests?sort=newest", { headers: { "If-None-Match": tag } });
    expect(changed.status).toBe(200);
    expect(changed.headers.get("ETag")).not.toBe(tag);
    const changedSince = await call(requestsRoute.loader, "/api/requests?sort=newest", { headers: { "If-Modified-Since": modified } });
    expect(changedSince.status).toBe(200);
    expect(new Date(changedSince.headers.get("Last-Modified")!).getTime()).toBeGreaterThan(new Date(modified).getTime());
  });
});

describe("the time-saved CSV's validators", () => {
  it("answer 304 until a ledger row is added", async () => {
    const first = await call(timeSavedCsvRoute.loader, "/api/reports/time-saved.csv");
    expect(first.status).toBe(200);
    await first.text();
    const tag = first.headers.get("ETag")!;
    expect(tag).toMatch(/^W\/"ledger-all-/);
    expect((await call(timeSavedCsvRoute.loader, "/api/reports/time-saved.csv", { headers: { "If-None-Match": tag } })).status).toBe(304);
    const requester = await createTestUser();
    await acceptDatasetAsAnswer({
      requesterUserId: requester.id,
      request: newRequestInput(),
      datasetUri: (await createTestDataset({ title: "Parkering", publisherKommunkod: "1490" })).uri,
    });
    const after = await call(timeSavedCsvRoute.loader, "/api/reports/time-saved.csv", { headers: { "If-None-Match": tag } });
    expect(after.status).toBe(200);
    expect(await after.text()).toContain("existing_dataset");
  });
});

describe("bad input is a 400 with a message, never a 500", () => {
  it.each([
    ["an unknown filter", "/api/requests?colour=red", /okänd parameter colour; kända parametrar: q, status/],
    ["an unknown status", "/api/requests?status=open,nonsense", /status måste vara något av/],
    ["a page that is no number", "/api/requests?page=abc", /page måste vara ett heltal från 1 till 10000/],
    ["a page size too large", "/api/datasets?pageSize=1000", /pageSize måste vara ett heltal från 1 till 100/],
    ["NUL in a parameter", "/api/surveys?status=%00", /ogiltiga tecken/],
    ["an unknown survey status", "/api/surveys?status=draft", /status måste vara något av sent, closed/],
    ["a year out of range", "/api/reports/time-saved?year=1800", /year måste vara ett årtal från 2000 till 2100/],
  ])("%s", async (_what, path, message) => {
    const loader = path.startsWith("/api/datasets")
      ? datasetsRoute.loader
      : path.startsWith("/api/surveys")
        ? surveysRoute.loader
        : path.startsWith("/api/reports")
          ? timeSavedRoute.loader
          : requestsRoute.loader;
    const response = await call(loader, path);
    expect(response.status).toBe(400);
    const body = await response.json();
    expect(body.error).toMatch(message);
    // No language chosen: Swedish with English in brackets.
    expect(body.error).toMatch(/\(.+\)$/);
  });

  it("odd addresses on every endpoint are a 200, 400 or 404, never a 500", async () => {
    const odd = [
      "page=1e3",
      "page=-1",
      "pageSize=0x10",
      "page=%E0%A4%A",
      "q=%F0%9F%98%80%00",
      `q=${"ö".repeat(5000)}`,
      "status=,,,",
      "kommunkod=%20",
      "year=2026.5",
      "sort=__proto__",
      "constructor=1",
      "page=1&page=2",
      "tag=" + "x,".repeat(500),
    ];
    for (const [loader, path, params] of Object.values(examples())) {
      for (const query of odd) {
        const response = await call(loader, `${path}${path.includes("?") ? "&" : "?"}${query}`, { params });
        expect([200, 400, 404], `${path} ${query}`).toContain(response.status);
      }
    }
  });

  it("answers in English alone to a caller whose Accept-Language prefers it", async () => {
    const response = await call(requestsRoute.loader, "/api/requests?colour=red", {
      headers: { "Accept-Language": "en-US,en;q=0.9,sv;q=0.5" },
    });
    expect((await response.json()).error).toBe(
      "unknown parameter colour; known parameters: q, status, kommunkod, kind, tag, sort, page, pageSize",
    );
  });

  it.each(['W/"unclosed', "abc", '"a" "b"'])("a malformed If-None-Match (%s)", async (value) => {
    const response = await call(requestsRoute.loader, "/api/requests", { headers: { "If-None-Match": value } });
    expect(response.status).toBe(400);
    expect((await response.json()).error).toMatch(/If-None-Match/);
  });

  it("a malformed If-Modified-Since", async () => {
    const response = await call(requestsRoute.loader, "/api/requests", { headers: { "If-Modified-Since": "yesterday" } });
    expect(response.status).toBe(400);
  });

  it("an address under /api/ that names no endpoint is a JSON 404", async () => {
    const response = await call(unknownRoute.loader, "/api/nothing/here", { headers: { "Accept-Language": "sv" } });
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ error: "finns inte" });
  });

  it("a request, survey or organisation that does not exist is a 404 with a message", async () => {
    for (const [loader, params] of [
      [requestRoute.loader, { number: "999999" }],
      [requestRoute.loader, { number: "abc" }],
      [surveyRoute.loader, { id: "not-a-uuid" }],
      [surveyRoute.loader, { id: "00000000-0000-4000-8000-000000000000" }],
      [organisationRoute.loader, { slug: "ingen-sadan" }],
      [organisationRoute.loader, { slug: "Ä!" }],
    ] as const) {
      const response = await call(loader, "/api/x", { params });
      expect(response.status, JSON.stringify(params)).toBe(404);
      expect((await response.json()).error).toBe("finns inte (not found)");
    }
  });
});

describe("the rate limit", () => {
  it("is set by API_RATE_LIMIT: requests per minute, off, or a refusal to start naming it", () => {
    expect(loadConfig({}).apiRateLimitPerMinute).toBe(300);
    expect(loadConfig({ API_RATE_LIMIT: "60" }).apiRateLimitPerMinute).toBe(60);
    expect(loadConfig({ API_RATE_LIMIT: "OFF" }).apiRateLimitPerMinute).toBeNull();
    for (const wrong of ["0", "-5", "lots", "1.5"]) {
      expect(() => loadConfig({ API_RATE_LIMIT: wrong }), wrong).toThrow(ConfigError);
      expect(() => loadConfig({ API_RATE_LIMIT: wrong })).toThrow(/API_RATE_LIMIT.*requests per minute/);
    }
  });

  it("answers 429 with Retry-After past the limit for that address only", async () => {
    process.env.API_RATE_LIMIT = "3";
    for (let i = 0; i < 3; i += 1)
      expect((await call(surveysRoute.loader, "/api/surveys", { clientAddress: "192.0.2.7" })).status).toBe(200);
    const refused = await call(surveysRoute.loader, "/api/surveys", { clientAddress: "192.0.2.7" });
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("Retry-After"))).toBeGreaterThanOrEqual(1);
    expect(Number(refused.headers.get("Retry-After"))).toBeLessThanOrEqual(60);
    expect((await refused.json()).error).toMatch(/för många anrop/);
    expect((await call(surveysRoute.loader, "/api/surveys", { clientAddress: "192.0.2.8" })).status).toBe(200);
    process.env.API_RATE_LIMIT = "off";
    expect((await call(surveysRoute.loader, "/api/surveys", { clientAddress: "192.0.2.7" })).status).toBe(200);
  });
});
