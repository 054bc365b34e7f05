import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { db } from "../../db/client.server";
import * as matchApi from "../../app/routes/api.match";
import * as datasetsApi from "../../app/routes/api.datasets";
import * as datasetsPage from "../../app/routes/datasets._index";
import * as newRequest from "../../app/routes/requests.new";
import * as editSurvey from "../../app/routes/enkater.$surveyId.redigera/route";
import * as triage from "../../app/routes/admin.triage.$number/route";
import * as sendPage from "../../app/routes/enkater.$surveyId.skicka";
import { createMeilisearchEngine } from "../../search/engines/meilisearch.server";
import type { SearchEngine } from "../../search/engines/engine";
import { createTestDataset } from "../factories/dataset";
import { createTestRequest, requestForm } from "../factories/request";
import { createTestSurvey } from "../factories/survey";
import { createTestUser, sessionCookieFor } from "../factories/user";
import { pageRequest, runWithStatus } from "../support/route-request";
import { closedPortUrl } from "../support/closed-port";

/**
 * Meilisearch down: the process's engine is a real client of a port nothing listens on. What a
 * reader waits on says "try again shortly" (a 503, or the form's message with the text kept),
 * never the 500 page.
 */
const processEngine = globalThis as unknown as { __fragaSearchEngine?: SearchEngine };
let running: SearchEngine | undefined;

beforeEach(async () => {
  running = processEngine.__fragaSearchEngine;
  processEngine.__fragaSearchEngine = createMeilisearchEngine(db, { host: await closedPortUrl() });
});
afterEach(() => {
  processEngine.__fragaSearchEngine = running;
});

const requests = async () => (await db.selectFrom("requests").select("id").execute()).length;

describe("with the search engine down", () => {
  it("the match API and the catalogue API answer 503 with Retry-After and a message, in the caller's language", async () => {
    for (const [loader, path] of [
      [matchApi.loader, "/api/match?q=badplatser"],
      [datasetsApi.loader, "/api/datasets?q=badplatser"],
    ] as const) {
      const args = pageRequest(path);
      args.request.headers.set("Accept-Language", "en");
      const { status, data } = await runWithStatus(loader, args);
      const response = data as Response;
      expect(status).toBe(503);
      expect(Number(response.headers.get("Retry-After"))).toBeGreaterThan(0);
      expect(await response.json()).toEqual({ error: expect.stringMatching(/^search is not answering right now; try again in \d+ s$/) });
    }
  });

  it("the catalogue page is the 503 page saying so", async () => {
    const { status, data } = await runWithStatus(datasetsPage.loader, pageRequest("/datasets?q=badplatser"));
    expect(status).toBe(503);
    expect(await (data as Response).text()).toBe("datasets.searchUnavailable");
  });

  it("checking a new request's matches, and accepting one, come back with the message and the text kept; nothing is filed", async () => {
    const cookie = await sessionCookieFor((await createTestUser()).id);
    const { uri } = await createTestDataset({ title: "Badplatser i Borås", keywords: ["badplatser"], publisherKommunkod: "1490" });
    const before = await requests();
    for (const intent of ["check", `accept:${uri}`]) {
      const { status, data } = await runWithStatus(
        newRequest.action,
        pageRequest("/requests/new", { cookie, form: requestForm({ intent, title: "Badplatser i Borås", body: "Var kan man bada?" }) }),
      );
      expect(status).toBe(400);
      expect(data).toMatchObject({
        ok: false,
        formErrors: ["datasets.searchUnavailable"],
        values: { title: "Badplatser i Borås", body: "Var kan man bada?" },
      });
    }
    expect(await requests()).toBe(before);
  });

  it("the pages that suggest specifications open without the suggestions; the send page says every question counts as new", async () => {
    const user = await createTestUser();
    const cookie = await sessionCookieFor(user.id);
    const { surveyId, questionIds } = await createTestSurvey({ senderId: user.id });
    const params = { surveyId };
    const editor = await runWithStatus(editSurvey.loader, {
      ...pageRequest(`/enkater/${surveyId}/redigera?fraga=${questionIds[0]}`, { cookie }),
      params,
    });
    expect(editor.status).toBe(200);
    expect(editor.data).toMatchObject({ specifications: { byQuestion: { [questionIds[0]]: { suggestions: [] } } } });
    const send = await runWithStatus(sendPage.loader, { ...pageRequest(`/enkater/${surveyId}/skicka`, { cookie }), params });
    expect(send.status).toBe(200);
    expect(send.data).toMatchObject({ searchFailed: true });

    const request = await createTestRequest();
    const coordinator = await sessionCookieFor((await createTestUser({ role: "coordinator" })).id);
    const triagePage = await runWithStatus(triage.loader, {
      ...pageRequest(`/admin/triage/${request.number}`, { cookie: coordinator }),
      params: { number: String(request.number) },
    });
    expect(triagePage.status).toBe(200);
    expect(triagePage.data).toMatchObject({ specification: { suggestions: [] } });
  });
});
