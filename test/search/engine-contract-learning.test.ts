import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { sql } from "kysely";
import { db } from "../../db/client.server";
import { getOrCreateCatalogueSource } from "../../app/models/catalogue-source.server";
import { harvestCatalogueSource } from "../../app/models/harvest.server";
import { acceptDatasetAsAnswer } from "../../app/models/request.server";
import type { MatchResult, SearchEngine } from "../../search/engines/engine";
import { createPostgresEngine } from "../../search/engines/postgres/engine.server";
import { drainOutbox } from "../../search/indexing/outbox.server";
import { reindexAll } from "../../search/indexing/reindex.server";
import { analyseRequest } from "../../search/language/request-analysis";
import { placeFinderFor } from "../../search/language/places.server";
import { createLearnedIndex } from "../../search/learning/learned.server";
import { learnAssociations, learnedScores } from "../../search/learning/associations";
import { fuse, fuseDatasets, fuseLearning, LEARNING_SHARE, MEANING_FUSION } from "../../search/matching/fusion";
import { catalogFixture } from "../support/catalogs";
import { availableEngines } from "../support/search-engines";
import { newRequestInput } from "../factories/request";
import { createTestUser } from "../factories/user";

/**
 * The engine contract's learning part (issue 11, ADR 032, 035), against each engine available: the
 * built-in engine always, Meilisearch when MEILI_URL points at a server. What use taught is read
 * from PostgreSQL by the same code for both engines and joined by the same fusion, so after two
 * distinct people taught a word, a new request with it finds the taught kind of dataset first with
 * the built-in engine's score. The taught word ("plaskdammar") is in no evaluation request and in
 * no catalogue text (as in learning.test.ts).
 */

const engines = availableEngines("learning contract");

/** The playground datasets of a municipality in the catalogue, by kommunkod. */
async function playground(kommunkod: string) {
  const row = await db
    .selectFrom("datasets")
    .innerJoin("organisations", "organisations.id", "datasets.publisher_organisation_id")
    .select(["datasets.id", "datasets.uri", sql<string>`datasets.title->>'sv'`.as("title")])
    .where("organisations.kommunkod", "=", kommunkod)
    .where(sql<boolean>`datasets.title->>'sv' ILIKE '%lekplats%'`)
    .orderBy("datasets.uri")
    .executeTakeFirstOrThrow();
  return row;
}

async function teach(title: string, uri: string) {
  const user = await createTestUser();
  await acceptDatasetAsAnswer({ requesterUserId: user.id, request: newRequestInput({ title, body: "" }), datasetUri: uri });
}

const scoreOf = (result: MatchResult, uri: string) => result.datasets.find((d) => d.uri === uri)?.score;

/** The built-in engine over the same catalogue and evidence, as every engine's scores are held against. */
async function builtInMatch(text: string) {
  const reference = createPostgresEngine(db);
  await reindexAll(reference);
  return reference.match(text, { limit: 20 });
}

let skovde: Awaited<ReturnType<typeof playground>>;

beforeAll(async () => {
  const sourceId = await getOrCreateCatalogueSource({ location: catalogFixture("catalog-vg-public.rdf") });
  expect((await harvestCatalogueSource(sourceId)).status).toBe("succeeded");
  skovde = await playground("1496");
  // Two distinct people, two municipalities' playgrounds: the word learns the kind.
  await teach("Plaskdammar i Borås", (await playground("1490")).uri);
  await teach("Var finns det plaskdammar i Uddevalla?", (await playground("1485")).uri);
  // One person alone teaches another word, once for every engine's run.
  await teach("Pulkabackar i Borås", (await playground("1490")).uri);
});

describe("what use taught, read without the built-in engine's index", () => {
  it("finds the taught datasets from PostgreSQL's catalogue when the built-in index is empty, as under Meilisearch", async () => {
    // Under Meilisearch only Meilisearch holds the documents: the built-in engine's tables stay empty.
    await createPostgresEngine(db).clear();
    const request = analyseRequest("plaskdammar i Skövde", await placeFinderFor(db));
    const hits = await createLearnedIndex(db).similar(request, { limit: 10, kommunkoder: ["1496"] });
    const hit = hits.find((h) => h.uri === skovde.uri);
    expect(hit).toMatchObject({ id: `dataset:${skovde.id}`, title: skovde.title, publisherKommunkod: "1496" });
    expect(hit!.learned).toBeGreaterThan(0);
    expect(hits[0]!.publisherKommunkod).toBe("1496");
  });

  it("answers from what it had learned while it reads new evidence again, and from the new evidence after", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    try {
      const index = createLearnedIndex(db);
      const request = analyseRequest("gungställningar", await placeFinderFor(db));
      const found = async () => (await index.similar(request, { limit: 10, kommunkoder: ["1496"] })).some((h) => h.uri === skovde.uri);
      await teach("Gungställningar i Borås", (await playground("1490")).uri);
      expect(await found()).toBe(false);
      await teach("Var finns gungställningar i Uddevalla?", (await playground("1485")).uri);
      // Past the check's interval the match does not wait for the rebuild: it answers as before.
      vi.setSystemTime(Date.now() + 11_000);
      expect(await found()).toBe(false);
      await vi.waitFor(async () => expect(await found()).toBe(true), { timeout: 20_000, interval: 100 });
    } finally {
      vi.useRealTimers();
    }
  });

  it("scores alike with the stems' scores kept between requests, as the learned index keeps them", () => {
    const rows = ["anna", "bertil"].flatMap((userId) => [
      { stem: "plaskdamm", datasetId: "a", userId, writerId: userId, newest: new Date() },
      { stem: "pulkaback", datasetId: "b", userId, writerId: userId, newest: new Date() },
    ]);
    const kinds: Record<string, string[]> = { a: ["kw:lekplatser"], b: ["kw:lekplatser", "kw:backar"], c: ["kw:lekplatser"] };
    const catalogue = {
      kindsOf: (id: string) => kinds[id] ?? [],
      specificity: () => 0.8,
      datasetsOf: (kind: string) => Object.keys(kinds).filter((id) => kinds[id]!.includes(kind)),
    };
    const learned = learnAssociations(rows, catalogue);
    const cache = new Map();
    const once = learnedScores(learned, ["plaskdamm", "pulkaback", "okänd"], catalogue, cache);
    expect(cache.size).toBe(3);
    expect(learnedScores(learned, ["plaskdamm", "pulkaback", "okänd"], catalogue, cache)).toEqual(once);
    expect(once).toEqual(learnedScores(learned, ["plaskdamm", "pulkaback", "okänd"], catalogue));
    expect(once.get("c")).toBeGreaterThan(0);
  });

  it("joins lexical, meaning and learned scores in one function, the same as the two steps it replaces", () => {
    const hit = (id: string, score: number, publisherKommunkod: string | null = "1496") => ({
      id,
      uri: id,
      title: id,
      publisher: null,
      publisherKommunkod,
      score,
    });
    const lexical = [hit("a", 0.7), hit("b", 0.3), hit("c", 0.4, "1490")];
    const meaning = [
      { ...hit("b", 0), similarity: 0.8 },
      { ...hit("d", 0), similarity: 0.5 },
    ];
    const learned = [
      { ...hit("d", 0), learned: 0.6 },
      { ...hit("e", 0, "1485"), learned: 0.9 },
    ];
    const options = { fusion: MEANING_FUSION, learning: LEARNING_SHARE, kommunkoder: ["1496"] };
    const steps = fuseLearning(fuse(lexical, meaning, { ...MEANING_FUSION, kommunkoder: ["1496"] }), learned, {
      share: LEARNING_SHARE,
      kommunkoder: ["1496"],
    });
    expect(fuseDatasets(lexical, meaning, learned, options)).toEqual(steps);
    // Without meaning or learning (as the bench measures the parts), the lexical hits are kept as they are.
    expect(fuseDatasets(lexical, [], [], options)).toBe(lexical);
    expect(fuseDatasets(lexical, meaning, learned, { fusion: null, learning: 0, kommunkoder: [] })).toBe(lexical);
  });
});

for (const { name, create, skip, dispose } of engines) {
  if (skip) console.warn(`[search learning contract] ${name}: ${skip}`);

  (skip ? describe.skip : describe)(`search engine contract, learning: ${name}`, () => {
    let engine: SearchEngine;

    beforeAll(async () => {
      engine = create();
      await drainOutbox(engine);
      await reindexAll(engine);
      // As in production: where Meilisearch is the engine, the built-in engine's index is empty.
      if (engine.name !== "postgres") await createPostgresEngine(db).clear();
    });

    afterAll(dispose);

    it("finds the kind two people taught first for a new request, with the built-in engine's score", async () => {
      const text = "plaskdammar i Skövde";
      const result = await engine.match(text, { limit: 20 });
      const builtIn = await builtInMatch(text);
      const untaught = await createPostgresEngine(db, { learning: null }).match(text, { limit: 20 });
      expect(result.datasets[0]!.uri).toBe(skovde.uri);
      expect(scoreOf(result, skovde.uri)).toBeGreaterThan(scoreOf(untaught, skovde.uri) ?? 0);
      expect(scoreOf(result, skovde.uri)).toBeCloseTo(scoreOf(builtIn, skovde.uri)!, 2);
      expect(builtIn.datasets[0]!.uri).toBe(skovde.uri);
    });

    it("learns nothing from one person alone: a word taught once scores as untaught on every engine", async () => {
      const boras = await playground("1490");
      const text = "pulkabackar i Borås";
      const result = await create().match(text, { limit: 20 });
      const untaught = await createPostgresEngine(db, { learning: null }).match(text, { limit: 20 });
      expect(scoreOf(result, boras.uri) ?? 0).toBeCloseTo(scoreOf(untaught, boras.uri) ?? 0, 2);
    });
  });
}
