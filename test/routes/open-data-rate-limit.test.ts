import type { LoaderFunctionArgs } from "@remix-run/node";
import { afterEach, describe, expect, it } from "vitest";
import * as catalogueJsonLd from "../../app/routes/catalog[.]jsonld";
import * as catalogueRdf from "../../app/routes/catalog[.]rdf";
import * as catalogueTurtle from "../../app/routes/catalog[.]ttl";
import * as organisationFeed from "../../app/routes/organisationer.$slug_.flode[.]atom";
import * as requestEventsFeed from "../../app/routes/requests.$number_.events[.]atom";
import * as registerFeed from "../../app/routes/requests[.]atom";
import * as registerCsv from "../../app/routes/requests[.]csv";
import * as statisticsCsv from "../../app/routes/statistik[.]csv";
import * as coverageCsv from "../../app/routes/specifikationer.tackning[.]csv";
import { apiRetryAfter } from "../../app/utils/api.server";
import { pageRequest } from "../support/route-request";

/** The feeds, the CSV files and the catalogue are read by machines as /api/* is: the same limit per address (ADR 037). */
const before = process.env.API_RATE_LIMIT;
afterEach(() => {
  if (before === undefined) delete process.env.API_RATE_LIMIT;
  else process.env.API_RATE_LIMIT = before;
});

const routes: [string, (args: LoaderFunctionArgs) => Promise<Response> | Response, Record<string, string>][] = [
  ["/requests.atom", registerFeed.loader, {}],
  ["/requests/1/events.atom", requestEventsFeed.loader, { number: "1" }],
  ["/organisationer/boras/flode.atom", organisationFeed.loader, { slug: "boras" }],
  ["/requests.csv", registerCsv.loader, {}],
  ["/specifikationer/tackning.csv", coverageCsv.loader, {}],
  ["/statistik.csv", statisticsCsv.loader, {}],
  ["/catalog.rdf", catalogueRdf.loader, {}],
  ["/catalog.ttl", catalogueTurtle.loader, {}],
  ["/catalog.jsonld", catalogueJsonLd.loader, {}],
];

describe("the open data files' rate limit", () => {
  it("answers 429 with Retry-After once an address has used up the API's limit", async () => {
    process.env.API_RATE_LIMIT = "1";
    for (const [index, [path, loader, params]] of routes.entries()) {
      const clientAddress = `198.51.100.${index + 1}`;
      // The address's one request of the minute, spent as /api/* would spend it.
      expect(await apiRetryAfter(clientAddress)).toBe(0);
      const response = await loader({ ...pageRequest(path, { clientAddress }), params });
      expect(response.status, path).toBe(429);
      expect(Number(response.headers.get("Retry-After")), path).toBeGreaterThanOrEqual(1);
      expect(Number(response.headers.get("Retry-After")), path).toBeLessThanOrEqual(60);
    }
  });

  // One host or household gets a whole IPv6 /64 and may pick any address in it for each request:
  // counted per address, it could take the API's CPU without ever meeting the limit.
  it("counts an IPv6 address with the rest of its /64, and other networks apart", async () => {
    process.env.API_RATE_LIMIT = "1";
    expect(await apiRetryAfter("2001:db8:aa:1::1")).toBe(0);
    const sameNetwork = await loader64("2001:db8:aa:1:ffff:1234:5678:9abc");
    expect(sameNetwork.status).toBe(429);
    expect((await loader64("2001:db8:aa:2::1")).status).toBe(200);
  });
});

function loader64(clientAddress: string) {
  return statisticsCsv.loader({ ...pageRequest("/statistik.csv", { clientAddress }), params: {} });
}
