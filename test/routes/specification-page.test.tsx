import { renderToString } from "react-dom/server";
import { Outlet } from "react-router-dom";
import { createStaticHandler, createStaticRouter, StaticRouterProvider } from "react-router-dom/server";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "../../db/client.server";
import type { Locale } from "../../db/schema";
import { saveBenefitSummary } from "../../app/models/specification-benefit.server";
import { lackingOrganisations, requestFromLacking } from "../../app/models/specification-worklist.server";
import * as specificationPage from "../../app/routes/specifikationer.$specificationId";
import { todayInSweden } from "../../app/utils/dates";
import { addWorkingDays } from "../../app/utils/working-days";
import { actorOf } from "../factories/task";
import { createTestUser } from "../factories/user";
import { pageRequest, runWithStatus } from "../support/route-request";
import { createTestSpecification } from "../factories/specification";

/** Server-renders /specifikationer/<id> with its real loader under a root that gives the reader's language. */
async function renderSpecificationPage(id: string, locale: Locale = "sv") {
  const path = `/specifikationer/${id}`;
  const routes = [
    {
      id: "root",
      path: "/",
      loader: () => ({ locale }),
      Component: Outlet,
      children: [
        {
          id: "specification",
          path: "specifikationer/:specificationId",
          loader: () => specificationPage.loader({ ...pageRequest(path), params: { specificationId: id } }),
          Component: specificationPage.default,
        },
      ],
    },
  ];
  const handler = createStaticHandler(routes);
  const context = await handler.query(new Request(`http://localhost${path}`));
  if (context instanceof Response) throw new Error(`unexpected response ${context.status}`);
  const router = createStaticRouter(handler.dataRoutes, context);
  return renderToString(<StaticRouterProvider router={router} context={context} hydrate={false} />);
}

const OLD_SUMMARY = "Den gamla sammanfattningen som ingen längre ska kunna läsa i sidans data.";
const NEW_SUMMARY = "Badplatser behövs för en karttjänst.";

let specificationId: string;
let sentNumber: number;

beforeAll(async () => {
  const coordinator = await actorOf(await createTestUser({ role: "coordinator" }));
  specificationId = (
    await createTestSpecification({
      actor: coordinator,
      name: "Historiksidan",
      uri: "https://vastkom.se/spec/historiksidan/1.0",
    })
  ).id;
  await saveBenefitSummary({ actor: coordinator, specificationId, text: OLD_SUMMARY, sourceRequestIds: [], version: 0 });
  await saveBenefitSummary({ actor: coordinator, specificationId, text: NEW_SUMMARY, sourceRequestIds: [], version: 1 });
  const lacking = await lackingOrganisations(specificationId, false);
  sentNumber = (
    await requestFromLacking({
      actor: coordinator,
      specificationId,
      title: "Data enligt Historiksidan",
      body: "Publicera datan.",
      purpose: "Till en karttjänst.",
      includeSameKind: false,
      dueDate: addWorkingDays(todayInSweden(), 10),
      organisationIds: lacking.map((organisation) => organisation.id),
      seenRequestEventId: null,
    })
  ).number;
  // An action the page has no words for (written by a later version, or by hand).
  await db
    .insertInto("events")
    .values({ actor_user_id: null, entity_type: "specification", entity_id: specificationId, action: "mystery_code", data: "{}" })
    .execute();
});

describe("the specification page's history", () => {
  it("says a request went to those who lack the data, with its number linked, and never shows an action's code", async () => {
    const html = await renderSpecificationPage(specificationId);
    expect(html).toMatch(
      new RegExp(`<a [^>]*href="/requests/${sentNumber}">Förfrågan ${sentNumber} skickades till 50 organisationer som saknar datan</a>`),
    );
    expect(html).toContain("Annan ändring");
    expect(html).not.toContain("request_lacking");
    expect(html).not.toContain("mystery_code");
    const english = await renderSpecificationPage(specificationId, "en");
    expect(english).toContain(`>Request ${sentNumber} was sent to 50 organisations that lack the data</a>`);
    expect(english).toContain("Another change");
  });

  it("sends the browser only what the history shows: no event's data, no earlier summary text", async () => {
    const { status, data } = await runWithStatus(specificationPage.loader, {
      ...pageRequest(`/specifikationer/${specificationId}`),
      params: { specificationId },
    });
    expect(status).toBe(200);
    const page = data as Awaited<ReturnType<typeof specificationPage.loader>>;
    expect(page.benefit.summary?.text).toBe(NEW_SUMMARY);
    expect(JSON.stringify(page)).not.toContain(OLD_SUMMARY);
    expect(page.history.every((event) => !("data" in event))).toBe(true);
    expect(page.history.find((event) => event.action === "request_lacking")).toMatchObject({
      request: { number: sentNumber, organisations: 50 },
    });
  });

  it("does not number a request the public may not see (held for review): the count stays, the number and link go", async () => {
    await db.updateTable("requests").set({ held_for_review: true }).where("number", "=", sentNumber).execute();
    try {
      const html = await renderSpecificationPage(specificationId);
      expect(html).toContain("En förfrågan skickades till 50 organisationer som saknar datan");
      expect(html).not.toContain(`/requests/${sentNumber}"`);
    } finally {
      await db.updateTable("requests").set({ held_for_review: false }).where("number", "=", sentNumber).execute();
    }
  });
});
