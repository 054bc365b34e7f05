import { describe, expect, it } from "vitest";
import { db } from "../../db/client.server";
import { getOrCreateCatalogueSource } from "../../app/models/catalogue-source.server";
import { harvestCatalogueSource } from "../../app/models/harvest.server";
import { loader } from "../../app/routes/datasets.$datasetId";
import { pageRequest, run } from "../support/route-request";
import { catalogFixture } from "../support/catalogs";

describe("the dataset page", () => {
  it("shows a harvested dataset with its publisher, distributions and source", async () => {
    const location = catalogFixture("se_digg_dcat-ap-se_exempel_rekommenderat.rdf");
    await harvestCatalogueSource(await getOrCreateCatalogueSource({ location, name: "DIGG-exempel" }));
    const { id } = await db.selectFrom("datasets").select("id").executeTakeFirstOrThrow();
    const data = (await run(loader, { ...pageRequest(`/datasets/${id}`), params: { datasetId: id } })) as Awaited<
      ReturnType<typeof loader>
    >;
    expect(data.dataset.title).toMatchObject({ sv: "Bibliotek i Sverige", en: "Libraries in Sweden" });
    expect(data.dataset.distributions.length).toBe(2);
    expect(data.dataset.sourceName).toBe("DIGG-exempel");
    expect(data.requests).toEqual([]);
    // A source read from the server's disk is named, and where it lies on the disk never reaches the visitor.
    expect(JSON.stringify(data)).not.toContain(location);
    expect(data.dataset.sourceUrl).toBeNull();
  });

  it("links a source fetched over the web to its address", async () => {
    await db
      .insertInto("catalogue_sources")
      .values({ name: "Portalen", kind: "dcat", location: "https://data.example.se/catalog.rdf" })
      .execute();
    const source = await db.selectFrom("catalogue_sources").select("id").where("name", "=", "Portalen").executeTakeFirstOrThrow();
    const { id } = await db.selectFrom("datasets").select("id").executeTakeFirstOrThrow();
    await db.updateTable("datasets").set({ source_id: source.id }).where("id", "=", id).execute();
    const data = (await run(loader, { ...pageRequest(`/datasets/${id}`), params: { datasetId: id } })) as Awaited<
      ReturnType<typeof loader>
    >;
    expect(data.dataset.sourceUrl).toBe("https://data.example.se/catalog.rdf");
  });

  it("answers 404 for an unknown or malformed id", async () => {
    for (const datasetId of ["00000000-0000-4000-8000-000000000000", "inte-ett-id"]) {
      const response = await run(loader, { ...pageRequest(`/datasets/${datasetId}`), params: { datasetId } });
      expect((response as Response).status).toBe(404);
    }
  });

  it("lists the requests that accepted it as their answer", async () => {
    const { acceptDatasetAsAnswer } = await import("../../app/models/request.server");
    const { createTestUser } = await import("../factories/user");
    const dataset = await db.selectFrom("datasets").select(["id", "uri"]).executeTakeFirstOrThrow();
    const user = await createTestUser();
    const created = await acceptDatasetAsAnswer({
      requesterUserId: user.id,
      datasetUri: dataset.uri,
      request: {
        kind: "data",
        title: "Bibliotek",
        body: "Alla bibliotek.",
        purpose: "Karta.",
        requesterType: "citizen",
        shownAs: "anonymous",
        requesterOrganisationName: null,
        targetScope: "region",
        targetOrganisationIds: [],
        wishedFormat: null,
        updateFrequency: null,
      },
    });
    const data = (await run(loader, { ...pageRequest(`/datasets/${dataset.id}`), params: { datasetId: dataset.id } })) as Awaited<
      ReturnType<typeof loader>
    >;
    expect(data.requests).toEqual([
      { number: created.number, title: "Bibliotek", status: "answered_by_existing_data", reason: "accepted_answer" },
    ]);
  });
});
