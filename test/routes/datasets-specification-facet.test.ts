import { describe, expect, it } from "vitest";
import { loader } from "../../app/routes/datasets._index";
import { pageRequest, run } from "../support/route-request";
import { createTestDataset } from "../factories/dataset";
import { drainOutbox } from "../../search/indexing/outbox.server";
import { getSearchEngine } from "../../search/engines/select-engine.server";

type Data = Awaited<ReturnType<typeof loader>>;

describe("the dataset search's specification facet", () => {
  it("names a specification the register knows, by name and version, and keeps the address as the filter value", async () => {
    const known = "http://dataportal.se/specifications/badplatser/1.0/";
    const unknown = "https://example.se/spec/okand/1";
    await createTestDataset({ title: "Badplatser i Borås", conformsTo: [known] });
    await createTestDataset({ title: "Okänt i Borås", conformsTo: [unknown] });
    await drainOutbox(getSearchEngine(), {});
    const data = (await run(loader, pageRequest("/datasets"))) as Data;
    expect(data.result.facets.specification.map((f) => f.value).sort()).toEqual([known, unknown].sort());
    expect(data.result.specificationNames[known]).toBe("Badplatser 1.0");
    expect(data.result.specificationNames[unknown]).toBeUndefined();
    // Another version of a registered specification: its name, not a version it does not declare.
    const other = "https://www.dataportal.se/specifications/badplatser/2.0";
    await createTestDataset({ title: "Badplatser i Skövde", conformsTo: [other] });
    await drainOutbox(getSearchEngine(), {});
    const again = (await run(loader, pageRequest("/datasets"))) as Data;
    expect(again.result.specificationNames[other]).toBe("Badplatser");
  });
});
