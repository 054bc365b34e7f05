import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { generateDemoCatalogueRdfXml } from "../../db/seed/demo-catalogue";
import { getOrCreateCatalogueSource } from "../../app/models/catalogue-source.server";
import { harvestCatalogueSource } from "../../app/models/harvest.server";
import { db } from "../../db/client.server";
import { drainOutbox } from "../../search/indexing/outbox.server";
import { getSearchEngine } from "../../search/engines/select-engine.server";
import {
  coverageCounts,
  getCoverageGrid,
  judgeSameKind,
  listCoverageDatasets,
  listSpecificationSummaries,
} from "../../app/models/specification-coverage.server";
import { suggestSpecificationsForRequest } from "../../app/models/specification-choice.server";
import { createTestDataset } from "../factories/dataset";
import { createTestRequest } from "../factories/request";
import { createTestSurvey } from "../factories/survey";
import { actorOf } from "../factories/task";
import { createTestUser, getMunicipality } from "../factories/user";
import { createTestSpecification } from "../factories/specification";

const BORAS = "1490";
const SKOVDE = "1496";
const LIDKOPING = "1494";
const ALINGSAS = "1489";
const MOLNDAL = "1481";

const cellOf = async (kommunkod: string, specificationId: string) => {
  const grid = await getCoverageGrid({ kommunkod, specificationId });
  return grid.rows[0].cells[0];
};

const specificationId = async (name: string) =>
  (await db.selectFrom("specifications").select("id").where("name", "=", name).executeTakeFirstOrThrow()).id;

describe("coverage of a specification across the municipalities", () => {
  let grill: string;
  let bathing: string;
  let borasGrill: string;

  beforeAll(async () => {
    grill = await specificationId("Grillplatser");
    bathing = await specificationId("Badplatser");
    // Borås declares the exact address; Skövde another version, written as http with www and a slash.
    borasGrill = await createTestDataset({
      title: "Grillplatser i Borås",
      publisherKommunkod: BORAS,
      conformsTo: ["https://dataportal.se/specifications/grillplatser/1.0"],
    }).then((d) => d.id);
    await createTestDataset({
      title: "Grillplatser Skövde",
      publisherKommunkod: SKOVDE,
      conformsTo: ["http://www.dataportal.se/specifications/grillplatser/2.0/"],
    });
    // Lidköping declares nothing, but publishes bathing sites: the matcher's judgement.
    await createTestDataset({
      title: "Badplatser i Lidköping",
      description: "Kommunens badplatser med badvattenkvalitet och läge.",
      keywords: ["badplatser", "bad"],
      publisherKommunkod: LIDKOPING,
    });
    // Alingsås declares a different specification whose address only begins like Grillplatser's.
    await createTestDataset({
      title: "Grillplatser och grillkol",
      publisherKommunkod: ALINGSAS,
      conformsTo: ["https://dataportal.se/specifications/grillplatser-och-kol/1.0"],
    });
    await drainOutbox(getSearchEngine());
  });

  it("counts a dataset whose conformsTo is the specification's address, or another version of it, as conforming", async () => {
    expect(await cellOf(BORAS, grill)).toEqual({ kind: "conforming", datasets: 1, otherVersion: false });
    expect(await cellOf(SKOVDE, grill)).toEqual({ kind: "conforming", datasets: 1, otherVersion: true });
    expect((await cellOf(ALINGSAS, grill)).kind).not.toBe("conforming");
    expect((await cellOf(MOLNDAL, grill)).kind).toBe("none");
    const listed = await listCoverageDatasets({ specificationId: grill, organisationId: (await getMunicipality(SKOVDE)).id });
    expect(listed.conforming.map((d) => d.uri)).toHaveLength(1);
  });

  it("marks a municipality that publishes data of the kind without declaring it as the matcher's judgement, after judging", async () => {
    expect((await cellOf(LIDKOPING, bathing)).kind).toBe("none");
    await judgeSameKind({ specificationIds: [bathing] });
    expect(await cellOf(LIDKOPING, bathing)).toEqual({ kind: "same_kind", datasets: 1, otherVersion: false });
    expect((await cellOf(MOLNDAL, bathing)).kind).toBe("none");
    // Judging again replaces what was judged, not adds to it.
    await judgeSameKind({ specificationIds: [bathing] });
    expect((await cellOf(LIDKOPING, bathing)).datasets).toBe(1);
  });

  it("does not judge a dataset that already declares the specification", async () => {
    await judgeSameKind({ specificationIds: [grill] });
    const judged = await db.selectFrom("specification_kind_matches").select("dataset_id").where("specification_id", "=", grill).execute();
    // The judgement ran and found the kind (Alingsås declares another specification) …
    expect((await cellOf(ALINGSAS, grill)).kind).toBe("same_kind");
    // … but left the dataset that declares it to the declaration.
    expect(judged.map((j) => j.dataset_id)).not.toContain(borasGrill);
  });

  it("counts over the 49 municipalities, has a row for the region, no column for a retired specification, and filters to those that lack", async () => {
    const grid = await getCoverageGrid();
    expect(grid.rows.filter((r) => r.organisation.type === "municipality")).toHaveLength(49);
    expect(grid.rows[0].organisation.type).toBe("region");
    expect(grid.specifications.every((s) => s.status !== "retired")).toBe(true);
    expect(coverageCounts(grid).get(grill)).toEqual({ conforming: 2, nonConforming: expect.any(Number), none: expect.any(Number) });
    const counts = coverageCounts(grid).get(grill)!;
    expect(counts.conforming + counts.nonConforming + counts.none).toBe(49);
    const lacking = await getCoverageGrid({ specificationId: grill, onlyLacking: true });
    expect(lacking.rows.map((r) => r.organisation.kommunkod)).not.toContain(BORAS);
    expect(lacking.rows.map((r) => r.organisation.kommunkod)).toContain(MOLNDAL);
  });

  it("changes when the catalogue gains a conforming dataset, and a coordinator's new specification gets a column at once", async () => {
    const coordinator = await actorOf(await createTestUser({ role: "coordinator" }));
    const { id } = await createTestSpecification({
      actor: coordinator,
      name: "Lekplatser",
      version: "1",
      uri: "https://vastkom.se/spec/lekplatser/1",
    });
    expect((await cellOf(MOLNDAL, id)).kind).toBe("none");
    await createTestDataset({ title: "Lekplatser", publisherKommunkod: MOLNDAL, conformsTo: ["https://vastkom.se/spec/lekplatser/1"] });
    expect((await cellOf(MOLNDAL, id)).kind).toBe("conforming");
  });

  it("fills from a harvest of the demo catalogue, whose municipalities declare the national specifications", async () => {
    const toilets = await specificationId("Offentliga toaletter");
    const names = ["Essunga", "Grästorp", "Gullspång", "Herrljunga", "Karlsborg", "Tranemo"];
    const before = coverageCounts(await getCoverageGrid({ specificationId: toilets })).get(toilets)!;
    const file = path.join(mkdtempSync(path.join(tmpdir(), "demo-")), "demo-catalogue.rdf");
    writeFileSync(file, generateDemoCatalogueRdfXml(names));
    const sourceId = await getOrCreateCatalogueSource({ location: file, name: "Demokatalog" });
    expect((await harvestCatalogueSource(sourceId)).status).toBe("succeeded");
    const after = coverageCounts(await getCoverageGrid({ specificationId: toilets })).get(toilets)!;
    expect(after.conforming).toBeGreaterThan(before.conforming);
  });
});

describe("the demand for a specification", () => {
  // A draft survey is its sender's alone: it asks nobody yet, so its questions are no demand.
  it("counts the questions of sent surveys that ask for it, not a draft's", async () => {
    const coordinator = await actorOf(await createTestUser({ role: "coordinator" }));
    const { id } = await createTestSpecification({
      actor: coordinator,
      name: "Enkätfrågor",
      description: "Prov.",
      fields: ["id"],
      maintainer: "VästKom",
    });
    const sent = await createTestSurvey({ send: true });
    const draft = await createTestSurvey();
    await db
      .updateTable("survey_questions")
      .set({ specification_id: id })
      .where("id", "in", [...sent.questionIds, ...draft.questionIds])
      .execute();
    const { items } = await listSpecificationSummaries({ origin: "https://example.test", page: 1, pageSize: 1000 });
    expect(items.find((item) => item.id === id)?.demand.surveyQuestions).toBe(1);
  });
});

describe("the specification a request asks for", () => {
  it("is suggested from what the datasets matching it declare, not from the specification's name", async () => {
    // The outdoor gym declares another specification on purpose: the suggestion follows the declaration.
    await createTestDataset({
      title: "Utegym i Vara",
      description: "Kommunens utegym med läge och redskap.",
      keywords: ["utegym", "träning"],
      publisherKommunkod: "1470",
      conformsTo: ["https://www.dataportal.se/specifications/badplatser/1.0"],
    });
    await drainOutbox(getSearchEngine());
    const request = await createTestRequest({ title: "Utegym i Vara", body: "Var finns utegym i Vara kommun?" });
    const suggested = await suggestSpecificationsForRequest({ requestId: request.id });
    expect(suggested[0]).toMatchObject({ name: "Badplatser", datasets: 1 });
    const unrelated = await createTestRequest({ title: "Protokoll från kommunfullmäktige", body: "Alla protokoll sedan 2010." });
    expect(await suggestSpecificationsForRequest({ requestId: unrelated.id })).toEqual([]);
  });
});
