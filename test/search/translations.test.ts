import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "../../db/client.server";
import { getOrCreateCatalogueSource } from "../../app/models/catalogue-source.server";
import { harvestCatalogueSource } from "../../app/models/harvest.server";
import { enqueueHarvest, startJobs, type JobRunner } from "../../app/jobs/queue.server";
import { createMeaningIndex, recomputeMeaning } from "../../search/meaning/model.server";
import { learnTranslations } from "../../search/meaning/translations";
import { createTranslationIndex } from "../../search/meaning/translation-index.server";
import { Kysely, PostgresDialect } from "kysely";
import pg from "pg";
import type { MeaningTables } from "../../search/meaning/tables";
import { createPostgresEngine } from "../../search/engines/postgres/engine.server";
import { createPostgresLexicons } from "../../search/engines/postgres/lexicon.server";
import type { SearchTables } from "../../search/engines/postgres/tables";
import { drainOutbox } from "../../search/indexing/outbox.server";
import { buildConcepts, type Concept } from "../../search/language/concepts";
import { analyseRequest } from "../../search/language/request-analysis";
import { placeFinderFor } from "../../search/language/places.server";
import { MATCH_THRESHOLD } from "../../search/matching/scoring";
import { catalogFixture } from "../support/catalogs";

/**
 * English requests against a Swedish catalogue (issue 11, ADR 033): translations learned from the
 * catalogue's own parallel titles and keywords. The catalogues are written here, on topics and in
 * words no evaluation request uses.
 */

const scratch = path.resolve(".data", `translations-test-${process.pid}`);
mkdirSync(scratch, { recursive: true });
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const PREFIXES = "@prefix dcat: <http://www.w3.org/ns/dcat#> . @prefix dct: <http://purl.org/dc/terms/> .";

interface Written {
  uri: string;
  sv: string;
  en?: string;
  keywords?: { sv: string[]; en?: string[] };
}

function catalogue(file: string, datasets: Written[]): string {
  const literal = (text: string, language: string) => `${JSON.stringify(text)}@${language}`;
  const body = datasets
    .map((d) => {
      const titles = [literal(d.sv, "sv"), ...(d.en ? [literal(d.en, "en")] : [])].join(", ");
      const keywords = [...(d.keywords?.sv ?? []).map((k) => literal(k, "sv")), ...(d.keywords?.en ?? []).map((k) => literal(k, "en"))];
      return `<${d.uri}> a dcat:Dataset ; dct:title ${titles}${keywords.length ? ` ; dcat:keyword ${keywords.join(", ")}` : ""} .`;
    })
    .join("\n");
  const location = path.join(scratch, file);
  writeFileSync(location, `${PREFIXES}\n${body}\n`);
  return location;
}

const SWEDISH_ONLY = "https://data.example.se/dataset/pulkabackar-vara";

/** Two datasets in both languages teach "sledging hills" = "pulkabackar"; the third has Swedish only. */
const SLEDGING: Written[] = [
  {
    uri: "https://data.example.se/dataset/pulkabackar-tibro",
    sv: "Pulkabackar i Tibro",
    en: "Sledging hills in Tibro",
    keywords: { sv: ["pulkabacke", "vinter"], en: ["sledging", "winter"] },
  },
  {
    uri: "https://data.example.se/dataset/pulkabackar-essunga",
    sv: "Pulkabackar",
    en: "Sledging hills",
    keywords: { sv: ["pulkabacke"], en: ["sledging"] },
  },
  { uri: SWEDISH_ONLY, sv: "Pulkabackar och kälkbackar i Vara", keywords: { sv: ["pulkabacke", "kälke"] } },
  {
    uri: "https://data.example.se/dataset/fageltorn-tibro",
    sv: "Fågeltorn i Tibro",
    en: "Bird towers in Tibro",
    keywords: { sv: ["fågelskådning"], en: ["birdwatching"] },
  },
  {
    uri: "https://data.example.se/dataset/fageltorn-lerum",
    sv: "Fågeltorn och rastplatser",
    en: "Bird towers and rest areas",
    keywords: { sv: ["fågelskådning"], en: ["birdwatching"] },
  },
  { uri: "https://data.example.se/dataset/fageltorn-vara", sv: "Fågeltorn vid Vänern" },
];

async function harvest(location: string) {
  const sourceId = await getOrCreateCatalogueSource({ location });
  expect((await harvestCatalogueSource(sourceId)).status).toBe("succeeded");
  return sourceId;
}

/** Concepts as plain data, Maps included, to compare two readings of one request. */
function plain(concepts: Concept[]) {
  return JSON.stringify(concepts, (_key, value: unknown) => (value instanceof Map ? [...value].sort() : value));
}

describe("learning translations from parallel titles and keywords", () => {
  const doc = (sv: string[], en: string[]) => ({ sv: new Set(sv), en: new Set(en) });

  it("pairs the stems that keep appearing together, with a score, and never from one dataset alone", () => {
    const learned = learnTranslations([
      doc(["pulkaback", "vint"], ["sledg", "hill", "winter"]),
      doc(["pulkaback"], ["sledg", "hill"]),
      doc(["fageltorn"], ["bird", "tower"]),
      doc(["fageltorn", "rastplats"], ["bird", "tower", "rest", "area"]),
    ]);
    const pairs = learned.map((t) => `${t.english}→${t.swedish}`);
    expect(pairs).toEqual(expect.arrayContaining(["sledg→pulkaback", "hill→pulkaback", "bird→fageltorn", "tower→fageltorn"]));
    // "winter"/"vint" and "rest"/"rastplats" occur in one dataset only: a coincidence, not a translation.
    expect(pairs.filter((p) => p.startsWith("winter") || p.startsWith("rest") || p.endsWith("rastplats"))).toEqual([]);
    expect(learned.find((t) => t.english === "sledg")).toMatchObject({ score: 1, datasets: 2 });
  });

  it("keeps only the strong Swedish stems of an English stem, and nothing from text in one language", () => {
    const learned = learnTranslations([
      doc(["skatepark", "ramp"], ["skate", "park"]),
      doc(["skatepark"], ["skate", "park"]),
      doc(["skatepark"], ["skate"]),
      doc(["stadspark"], []),
      doc([], ["park"]),
    ]);
    expect(learned.filter((t) => t.english === "skate").map((t) => t.swedish)).toEqual(["skatepark"]);
    expect(learned.every((t) => t.score >= 0.3 && t.datasets >= 2)).toBe(true);
    expect(learnTranslations([])).toEqual([]);
  });

  it("lets a match go on without translations when the table cannot be read", async () => {
    // Nothing listens on port 1: every statement fails at once.
    const pool = new pg.Pool({ connectionString: "postgres://nobody@127.0.0.1:1/none", connectionTimeoutMillis: 1_000 });
    const unreachable = new Kysely<object>({ dialect: new PostgresDialect({ pool }) });
    try {
      expect(await createTranslationIndex(unreachable).translations(["sledg"])).toEqual(new Map());
    } finally {
      await unreachable.destroy();
    }
  });
});

describe("an English request against a Swedish catalogue", () => {
  beforeAll(async () => {
    await harvest(catalogue("sledging.ttl", SLEDGING));
    await drainOutbox(createPostgresEngine(db, { fusion: null }), { batchSize: 500 });
  });

  it("finds a Swedish-only dataset through a translation learned from other datasets' parallel titles", async () => {
    await db.withTables<MeaningTables>().deleteFrom("search_meaning_models").execute();
    const text = "where are the sledging hills";
    // The lexical matcher alone, so meaning's share cannot be what finds it.
    const before = await createPostgresEngine(db, { fusion: null }).match(text, { limit: 10 });
    expect(before.datasets.map((d) => d.uri)).not.toContain(SWEDISH_ONLY);

    const summary = await recomputeMeaning(db);
    expect(summary.translations).toBeGreaterThan(0);
    const stored = await db.withTables<MeaningTables>().selectFrom("search_meaning_translations").selectAll().execute();
    expect(stored).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ english: "sledg", swedish: "pulkaback", datasets: 2 }),
        expect.objectContaining({ english: "tower", swedish: "fageltorn", datasets: 2 }),
      ]),
    );
    // Names both texts carry are no translation.
    expect(stored.filter((t) => t.english === "tibro" || t.swedish === "tibro")).toEqual([]);

    const after = await createPostgresEngine(db, { fusion: null }).match(text, { limit: 10 });
    const found = after.datasets.find((d) => d.uri === SWEDISH_ONLY);
    expect(found?.score).toBeGreaterThanOrEqual(MATCH_THRESHOLD);
    // The datasets that also say it in English stay ahead of the one found through the translation.
    expect(after.datasets[0]!.uri).not.toBe(SWEDISH_ONLY);
    // And through the engine as the portal runs it, meaning fused.
    expect((await createPostgresEngine(db).match("bird towers", { limit: 10 })).datasets.map((d) => d.uri)).toContain(
      "https://data.example.se/dataset/fageltorn-vara",
    );
  });

  it("leaves a Swedish request as it is, even with a word the table translates", async () => {
    await recomputeMeaning(db);
    const lexicon = createPostgresLexicons(db.withTables<SearchTables>()).dataset;
    const withoutTranslations = { ...lexicon, translations: undefined };
    const finder = await placeFinderFor(db);
    for (const text of ["finns det pulkabackar i Tibro", "fågeltorn och sledging hills vid sjön i Tibro", "pulkabackar"]) {
      const request = analyseRequest(text, finder);
      expect(request.english).toBe(false);
      const read = await buildConcepts(request, lexicon);
      expect(plain(read.concepts)).toBe(plain((await buildConcepts(request, withoutTranslations)).concepts));
    }
    // The same words in an English request are translated.
    const english = await buildConcepts(analyseRequest("where are the sledging hills", finder), lexicon);
    expect(english.concepts.flatMap((c) => c.alternatives.flatMap((a) => a.parts.flatMap((p) => [...p.keys()])))).toContain("pulkaback");
  });

  it("answers junk quickly and cleanly: 10,000 characters, another alphabet, digits only", async () => {
    await recomputeMeaning(db);
    const engine = createPostgresEngine(db);
    const junk = [
      "where are the sledging hills ".repeat(350).slice(0, 10_000),
      "где находятся санные горки и птичьи башни ".repeat(240).slice(0, 10_000),
      "the of and in ".repeat(700).slice(0, 10_000),
      "1234567890 ".repeat(900).slice(0, 10_000),
      "x".repeat(10_000),
    ];
    for (const text of junk) {
      const started = performance.now();
      const result = await engine.match(text, { limit: 10 });
      expect(performance.now() - started).toBeLessThan(3_000);
      expect(Array.isArray(result.datasets)).toBe(true);
      for (const d of result.datasets) expect(d.score).toBeGreaterThanOrEqual(0);
    }
    for (const text of junk.slice(1)) expect((await engine.match(text, { limit: 10 })).datasets).toEqual([]);
  });
});

describe("meaning across the languages", () => {
  beforeAll(async () => {
    // A catalogue large enough that the model's 100 dimensions are a reduction (beside the one above).
    await harvest(catalogue("sledging.ttl", SLEDGING));
    await harvest(catalogFixture("catalog-vg-public.rdf"));
  });

  it("puts a dataset's English and Swedish text in one document, so an English word is near a Swedish-only dataset", async () => {
    await recomputeMeaning(db);
    // Cross-language LSI (Dumais et al. 1997): "sledg" shares latent directions with "pulkaback"
    // through the datasets that give both, so the Swedish-only one is near by meaning alone.
    const near = (await createMeaningIndex(db).similar("sledging", 5)).map((hit) => hit.uri);
    expect(near).toContain(SWEDISH_ONLY);
  });
});

describe("the translation table after a harvest", () => {
  let jobs: JobRunner;
  beforeAll(async () => {
    jobs = await startJobs({ connectionString: process.env.DATABASE_URL! });
  });
  afterAll(async () => {
    await jobs.stop();
  });

  async function waitForTable(check: (rows: { english: string; swedish: string }[]) => boolean) {
    for (let i = 0; i < 300; i++) {
      const rows = await db.withTables<MeaningTables>().selectFrom("search_meaning_translations").select(["english", "swedish"]).execute();
      if (check(rows)) return rows;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    throw new Error("the translation table was not rebuilt");
  }

  it("is learned again with the meaning model by the job after each successful harvest", async () => {
    const rinks: Written[] = [
      { uri: "https://data.example.se/dataset/isbanor-1", sv: "Isbanor", en: "Ice rinks" },
      { uri: "https://data.example.se/dataset/isbanor-2", sv: "Isbanor och skridskobanor", en: "Ice rinks and skating" },
    ];
    const location = catalogue("rinks.ttl", rinks);
    const sourceId = await getOrCreateCatalogueSource({ location });
    await enqueueHarvest(sourceId);
    await waitForTable((rows) => rows.some((t) => t.english === "rink" && t.swedish === "isban"));

    // The publisher drops the English titles: the next harvest's table no longer has the pair.
    catalogue(
      "rinks.ttl",
      rinks.map(({ en: _en, ...swedish }) => swedish),
    );
    await enqueueHarvest(sourceId);
    await waitForTable((rows) => !rows.some((t) => t.english === "rink"));
  });
});
