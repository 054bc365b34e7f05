import { describe, expect, it } from "vitest";
import * as datasetsRoute from "../../app/routes/api.datasets";
import { getSearchEngine } from "../../search/engines/select-engine.server";
import { drainOutbox } from "../../search/indexing/outbox.server";
import { createTestDataset } from "../factories/dataset";
import { ORIGIN } from "../support/route-request";

/**
 * `GET /api/datasets`'s specification facet names a registered specification as /datasets does
 * (ADR 042): the address stays the value a client filters by, the register's name is its label.
 */
const call = (path: string) =>
  datasetsRoute.loader({
    request: new Request(new URL(path, ORIGIN)),
    params: {},
    context: { cspNonce: "test", clientAddress: "10.9.0.1" },
  });

interface Body {
  items: { title: string }[];
  facets: { specification: { value: string; count: number; label?: string }[] };
}

describe("the API's dataset facets", () => {
  it("label a specification the register knows with its name and version, an unknown one not at all, and filter by the address", async () => {
    const known = "http://dataportal.se/specifications/badplatser/1.0/";
    const otherVersion = "https://www.dataportal.se/specifications/badplatser/2.0";
    const unknown = "https://example.se/spec/okand/1";
    await createTestDataset({ title: "Badplatser i Borås", conformsTo: [known] });
    await createTestDataset({ title: "Badplatser i Skövde", conformsTo: [otherVersion] });
    await createTestDataset({ title: "Okänt i Borås", conformsTo: [unknown] });
    await drainOutbox(getSearchEngine(), {});

    const response = await call("/api/datasets");
    expect(response.status).toBe(200);
    const body = (await response.json()) as Body;
    const byValue = new Map(body.facets.specification.map((facet) => [facet.value, facet]));
    expect(byValue.get(known)).toEqual({ value: known, count: 1, label: "Badplatser 1.0" });
    // Another version of a registered specification: its name, not a version it does not declare.
    expect(byValue.get(otherVersion)).toEqual({ value: otherVersion, count: 1, label: "Badplatser" });
    expect(byValue.get(unknown)).toEqual({ value: unknown, count: 1 });

    const filtered = (await (await call(`/api/datasets?specification=${encodeURIComponent(known)}`)).json()) as Body;
    expect(filtered.items.map((item) => item.title)).toEqual(["Badplatser i Borås"]);
    expect(filtered.facets.specification).toEqual([{ value: known, count: 1, label: "Badplatser 1.0" }]);
  });
});
