import type { SearchParams } from "meilisearch";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "../../db/client.server";
import { buildDatasetDocuments, buildRequestDocuments } from "../../search/indexing/documents.server";
import { drainOutbox } from "../../search/indexing/outbox.server";
import { createMeilisearchEngine, toMeiliDocuments } from "../../search/engines/meilisearch.server";
import {
  embedderUpdates,
  hitVector,
  MEANING_EMBEDDER,
  meaningFields,
  meaningHits,
  meaningQueries,
  meaningQuery,
  nearestOfQueries,
} from "../../search/engines/meilisearch-meaning";
import { createPostgresEngine } from "../../search/engines/postgres/engine.server";
import { createMeaningIndex, recomputeMeaning } from "../../search/meaning/model.server";
import { pageMeaningVectors, readMeaningVectors } from "../../search/meaning/vectors.server";
import { createTestDataset, removeTestDataset } from "../factories/dataset";
import { createTestRequest } from "../factories/request";

/**
 * The meaning vectors as Meilisearch gets them (ADR 035), without a Meilisearch server: the
 * embedder setting, the documents' `_vectors`, the request's vector query, the similarity read
 * back from its hits (the same as the built-in engine's), and the refresh through the outbox. The
 * live server's side is the engine contract (test/search/engine-contract.test.ts) with MEILI_URL.
 */

describe("the embedder setting", () => {
  it("is a user-provided embedder of the model's dimensions, and none for an empty model", () => {
    expect(embedderUpdates(null, 100)).toEqual([{ meaning: { source: "userProvided", dimensions: 100 } }]);
    expect(embedderUpdates({}, 100)).toEqual([{ meaning: { source: "userProvided", dimensions: 100 } }]);
    expect(embedderUpdates({ meaning: { source: "userProvided", dimensions: 100 } }, 100)).toEqual([]);
    expect(embedderUpdates(null, 0)).toEqual([]);
    expect(embedderUpdates({ meaning: { source: "userProvided", dimensions: 100 } }, 0)).toEqual([{ meaning: null }]);
  });

  it("stays at 100 for a small catalogue's model, whose vectors are padded, whatever its dimensions", () => {
    expect(embedderUpdates(null, 37)).toEqual([{ meaning: { source: "userProvided", dimensions: 100 } }]);
    expect(embedderUpdates({ meaning: { source: "userProvided", dimensions: 100 } }, 37)).toEqual([]);
    expect(embedderUpdates({ meaning: { source: "userProvided", dimensions: 100 } }, 38)).toEqual([]);
  });

  it("is removed with its vectors and made again when a model's vectors are longer or shorter than it", () => {
    expect(embedderUpdates({ meaning: { source: "userProvided", dimensions: 100 } }, 120)).toEqual([
      { meaning: null },
      { meaning: { source: "userProvided", dimensions: 120 } },
    ]);
    expect(embedderUpdates({ meaning: { source: "userProvided", dimensions: 120 } }, 60)).toEqual([
      { meaning: null },
      { meaning: { source: "userProvided", dimensions: 100 } },
    ]);
    // Another embedder of the index is left as it is.
    expect(embedderUpdates({ other: { source: "userProvided", dimensions: 3 } }, 37)).toEqual([
      { meaning: { source: "userProvided", dimensions: 100 } },
    ]);
  });
});

describe("a document's meaning fields", () => {
  const model = { id: 7, dimensions: 3 };
  const vector = Float32Array.from([0.6, 0, 0.8]);

  it("carry the dataset's vector, padded with zeros to the embedder's length, never regenerated, tagged with the model that made it", () => {
    const embeddings = [Math.fround(0.6), 0, Math.fround(0.8), ...new Array<number>(97).fill(0)];
    expect(meaningFields(model, vector)).toEqual({ meaning_model: 7, _vectors: { meaning: { embeddings, regenerate: false } } });
  });

  it("say 'no embedding' for a document the model has no vector of, and while there is no model", () => {
    const none = { meaning_model: null, _vectors: { meaning: null } };
    expect(meaningFields(model, undefined)).toEqual(none);
    expect(meaningFields(model, Float32Array.from([1, 0]))).toEqual(none);
    expect(meaningFields(null, vector)).toEqual(none);
    expect(meaningFields({ id: 8, dimensions: 0 }, undefined)).toEqual(none);
  });
});

describe("the request's meaning query", () => {
  it("searches only the semantic side, among the datasets of the same model, and returns their vectors", () => {
    expect(meaningQuery({ id: 7, dimensions: 3 }, Float32Array.from([1, 0, 0]), 30)).toEqual({
      vector: [1, ...new Array<number>(99).fill(0)],
      hybrid: { embedder: "meaning", semanticRatio: 1 },
      filter: ['kind = "dataset"', "meaning_model = 7"],
      limit: 30,
      retrieveVectors: true,
      attributesToRetrieve: ["document_id", "uri", "title", "publisher", "publisher_kommunkod", "_vectors"],
    });
  });

  it("asks also for the nearest among the named municipalities' datasets, as the built-in engine's meaning does", () => {
    const model = { id: 7, dimensions: 3 };
    const vector = Float32Array.from([1, 0, 0]);
    expect(meaningQueries(model, vector, 30, [])).toEqual([meaningQuery(model, vector, 30)]);
    const [everywhere, named] = meaningQueries(model, vector, 30, ["1490", "1496"]);
    expect(everywhere).toEqual(meaningQuery(model, vector, 30));
    expect(named).toEqual({
      ...meaningQuery(model, vector, 30),
      filter: ['kind = "dataset"', "meaning_model = 7", 'publisher_kommunkod IN ["1490", "1496"]'],
    });
  });

  it("keeps the nearest of all first and adds the named municipalities' nearest it lacks, each once, by the request's coverage", () => {
    const hit = (id: string, similarity: number) => ({ id, uri: null, title: id, publisher: null, publisherKommunkod: null, similarity });
    expect(
      nearestOfQueries(
        [
          [hit("a", 0.9), hit("b", 0.8)],
          [hit("b", 0.8), hit("d", 0.6), hit("c", 0.5)],
        ],
        1,
      ).map((h) => h.id),
    ).toEqual(["a", "b", "d", "c"]);
    expect(nearestOfQueries([[], [hit("c", 0.5)]], 1).map((h) => h.id)).toEqual(["c"]);
    expect(nearestOfQueries([[hit("a", 0.9)], [hit("c", 0.5)]], 0.5).map((h) => h.similarity)).toEqual([0.45, 0.25]);
  });

  it("reads a hit's vector in the forms Meilisearch returns or takes it", () => {
    const expected = Float32Array.from([0.5, 0.5]);
    expect(hitVector({ _vectors: { meaning: { embeddings: [[0.5, 0.5]], regenerate: false } } })).toEqual(expected);
    expect(hitVector({ _vectors: { meaning: { embeddings: [0.5, 0.5], regenerate: false } } })).toEqual(expected);
    expect(hitVector({ _vectors: { meaning: [0.5, 0.5] } })).toEqual(expected);
    expect(hitVector({ _vectors: { meaning: [[0.5, 0.5]] } })).toEqual(expected);
    for (const none of [{}, { _vectors: {} }, { _vectors: { meaning: null } }, { _vectors: { meaning: { embeddings: [] } } }])
      expect(hitVector(none)).toBeNull();
    expect(hitVector({ _vectors: { meaning: ["a"] } })).toBeNull();
  });
});

describe("the meaning vectors of a catalogue, as Meilisearch gets and gives them", () => {
  // Birdwatching and the wetlands' trails share the wetlands: only meaning relates the trails to
  // a request for birdwatching (none of these words is in an evaluation request).
  let birds: Awaited<ReturnType<typeof createTestDataset>>;
  let trails: Awaited<ReturnType<typeof createTestDataset>>;
  let removed: Awaited<ReturnType<typeof createTestDataset>>;

  beforeAll(async () => {
    birds = await createTestDataset({
      title: "Fågeltorn och fågelskådning",
      description: "Torn och gömslen för fågelskådning vid kommunens våtmarker.",
      keywords: ["fågeltorn", "fågelskådning", "våtmarker"],
    });
    trails = await createTestDataset({
      title: "Naturstigar vid våtmarker",
      description: "Markerade stigar genom våtmarker och strandängar.",
      keywords: ["våtmarker", "naturstigar"],
      publisherKommunkod: "1496",
    });
    removed = await createTestDataset({ title: "Strandängar", keywords: ["strandängar", "våtmarker"] });
    await createTestDataset({ title: "Badplatser i Borås", keywords: ["badplatser", "strandbad"] });
    await createTestDataset({ title: "Förskolor", keywords: ["förskola", "barnomsorg"] });
    await createTestDataset({ title: "Laddplatser för elbil", keywords: ["laddplatser"] });
    await createTestDataset({ title: "Återvinningsstationer", keywords: ["återvinning", "förpackningar"] });
    await createTestDataset({ title: "Budget 2025", keywords: ["budget", "ekonomi"] });
    await drainOutbox(createPostgresEngine(db));
  });

  it("learns a model and, in the same transaction, asks the search outbox to refresh the index's vectors", async () => {
    await recomputeMeaning(db);
    const { model } = await readMeaningVectors(db, []);
    expect(model).not.toBeNull();
    const rows = await db.selectFrom("search_outbox").select(["entity_type", "entity_id"]).where("entity_type", "=", "meaning").execute();
    expect(rows).toEqual([{ entity_type: "meaning", entity_id: String(model!.id) }]);
  });

  it("gives each dataset document its stored vector with the model's id, and every other document 'no embedding'", async () => {
    await recomputeMeaning(db);
    const datasets = (await buildDatasetDocuments(db, [birds.id, trails.id])).documents;
    const request = await createTestRequest({ title: "Fågelskådning vid sjöar", status: "open" });
    const requests = (await buildRequestDocuments(db, [request.id])).documents;
    const meaning = await readMeaningVectors(
      db,
      datasets.map((d) => d.id),
    );
    expect(meaning.model!.dimensions).toBeGreaterThan(1);
    expect(meaning.vectors.size).toBe(2);

    const documents = await toMeiliDocuments(db, [...datasets, ...requests], meaning);
    const bird = documents.find((d) => d.document_id === `dataset:${birds.id}`)!;
    expect(bird.meaning_model).toBe(meaning.model!.id);
    const stored = Array.from(meaning.vectors.get(`dataset:${birds.id}`)!);
    expect(stored).toHaveLength(meaning.model!.dimensions);
    expect(bird._vectors).toEqual({
      [MEANING_EMBEDDER]: { embeddings: [...stored, ...new Array<number>(100 - stored.length).fill(0)], regenerate: false },
    });
    const asked = documents.find((d) => d.kind === "request")!;
    expect(asked).toMatchObject({ meaning_model: null, _vectors: { meaning: null } });
  });

  it("finds from the hits the same datasets with the same similarity as the built-in engine's meaning", async () => {
    await recomputeMeaning(db);
    const all = (
      await buildDatasetDocuments(
        db,
        (await db.selectFrom("datasets").select("id").execute()).map((d) => d.id),
      )
    ).documents;
    const meaning = await readMeaningVectors(
      db,
      all.map((d) => d.id),
    );
    // What Meilisearch returns for a hit with retrieveVectors: the embedding in a list.
    const hits = (await toMeiliDocuments(db, all, meaning)).map((d) => ({
      ...d,
      _vectors: { meaning: { embeddings: [d._vectors!.meaning!.embeddings], regenerate: false } },
    }));
    const index = createMeaningIndex(db, { documents: false });
    // Half the request is a word the catalogue has no stem or 4-gram of: both engines halve the cosine.
    const request = await index.requestVector("fågelskådning xqzjw");
    expect(request!.model).toEqual(meaning.model);
    expect(request!.coverage).toBeLessThan(1);

    const viaMeilisearch = nearestOfQueries([meaningHits(hits, request!.vector)], request!.coverage).slice(0, 5);
    const builtIn = await createMeaningIndex(db).similar("fågelskådning xqzjw", 5);
    expect(viaMeilisearch.map((hit) => hit.id)).toEqual(builtIn.map((hit) => hit.id));
    viaMeilisearch.forEach((hit, i) => expect(hit.similarity).toBeCloseTo(builtIn[i]!.similarity, 6));
    expect(viaMeilisearch[0]!.id).toBe(`dataset:${birds.id}`);
    const trail = viaMeilisearch.find((hit) => hit.id === `dataset:${trails.id}`);
    expect(trail).toMatchObject({ publisherKommunkod: "1496", title: "Naturstigar vid våtmarker" });
    expect(trail!.similarity).toBeGreaterThan(0);
  });

  it("finds a named municipality's dataset that is not among the nearest of all, as the built-in engine does", async () => {
    await recomputeMeaning(db);
    const all = (
      await buildDatasetDocuments(
        db,
        (await db.selectFrom("datasets").select("id").where("removed_at", "is", null).execute()).map((d) => d.id),
      )
    ).documents;
    const meaning = await readMeaningVectors(
      db,
      all.map((d) => d.id),
    );
    const documents = await toMeiliDocuments(db, all, meaning);
    const request = await createMeaningIndex(db, { documents: false }).requestVector("fågelskådning");
    // Meilisearch's exact vector search over these documents, with the filters the engine sends.
    const search = (params: SearchParams) =>
      documents
        .filter((d) => (params.filter as string[]).every((filter) => passes(d, filter)))
        .map((d) => ({ ...d, _vectors: { meaning: { embeddings: [d._vectors!.meaning!.embeddings], regenerate: false } } }));
    const nearest = (kommunkoder: string[]) =>
      nearestOfQueries(
        meaningQueries(request!.model, request!.vector, 1, kommunkoder).map((params) =>
          meaningHits(search(params), request!.vector).slice(0, params.limit),
        ),
        request!.coverage,
      ).map((hit) => hit.id);

    // The trails (Skövde, 1496) are not the nearest of all; named, Skövde's own nearest joins.
    expect(nearest([])).toEqual([`dataset:${birds.id}`]);
    expect(nearest(["1496"])).toEqual([`dataset:${birds.id}`, `dataset:${trails.id}`]);
    const builtIn = createMeaningIndex(db);
    expect(nearest(["1496"])).toEqual((await builtIn.similar("fågelskådning", 1, { kommunkoder: ["1496"] })).map((hit) => hit.id));
    expect(nearest([])).toEqual((await builtIn.similar("fågelskådning", 1)).map((hit) => hit.id));
  });

  it("pages the current datasets' vectors of one model only, without removed datasets", async () => {
    await recomputeMeaning(db);
    await removeTestDataset(removed.id);
    const { model } = await readMeaningVectors(db, []);
    const first = await pageMeaningVectors(db, { modelId: model!.id, after: null, limit: 3 });
    const rest = await pageMeaningVectors(db, { modelId: model!.id, after: first[2]!.documentId, limit: 100 });
    const ids = [...first, ...rest].map((row) => row.documentId);
    expect(ids).toEqual([...ids].sort());
    expect(ids).toContain(`dataset:${birds.id}`);
    expect(ids).not.toContain(`dataset:${removed.id}`);
    expect(first[0]!.vector).toHaveLength(model!.dimensions);
    expect(await pageMeaningVectors(db, { modelId: model!.id - 1, after: null, limit: 10 })).toEqual([]);
  });

  it("keeps the refresh in the outbox while Meilisearch is down, and the built-in engine, which reads the model itself, clears it", async () => {
    await drainOutbox(createPostgresEngine(db));
    await recomputeMeaning(db);
    const unreachable = createMeilisearchEngine(db, { host: "http://127.0.0.1:9" });
    const down = await drainOutbox(unreachable);
    expect(down.error).not.toBeNull();
    expect(down.meaning).toBe(0);
    const kept = await db
      .selectFrom("search_outbox")
      .select(["attempts", "last_error", "dead_at"])
      .where("entity_type", "=", "meaning")
      .execute();
    expect(kept).toHaveLength(1);
    expect(kept[0]).toMatchObject({ attempts: 1, dead_at: null });
    expect(kept[0]!.last_error).toBeTruthy();

    expect(await drainOutbox(createPostgresEngine(db))).toMatchObject({ meaning: 1, error: null });
    expect(await db.selectFrom("search_outbox").select("id").where("entity_type", "=", "meaning").execute()).toEqual([]);
  });
});

/** The filters a meaning query sends, as Meilisearch reads them: `a = "x"`, `a = 7` and `a IN ["x", "y"]`. */
function passes(document: object, filter: string): boolean {
  const equal = /^(\w+) = (.+)$/.exec(filter);
  const within = /^(\w+) IN \[(.*)\]$/.exec(filter);
  const value = (attribute: string) => (document as Record<string, unknown>)[attribute];
  if (equal) return value(equal[1]!) === JSON.parse(equal[2]!);
  if (within) return (JSON.parse(`[${within[2]}]`) as unknown[]).includes(value(within[1]!));
  throw new Error(`A filter this test does not read: ${filter}`);
}
