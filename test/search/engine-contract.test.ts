import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { availableEngines } from "../support/search-engines";
import type { MatchResult, SearchEngine } from "../../search/engines/engine";
import { drainOutbox } from "../../search/indexing/outbox.server";
import { reindexAll } from "../../search/indexing/reindex.server";
import { createTestDataset, removeTestDataset } from "../factories/dataset";
import { createTestRequest } from "../factories/request";

/**
 * What every search engine must do, run against each one available: the built-in engine always,
 * Meilisearch when MEILI_URL points at a server (a fresh index per run, deleted afterwards).
 */
const SKOVDE = "1496";
const LIDKOPING = "1494";
const REGION = "14";

const engines = availableEngines("contract");

async function createCatalogue() {
  const d = (input: Parameters<typeof createTestDataset>[0]) => createTestDataset(input);
  return {
    borasBathing: await d({
      title: { sv: "Badplatsförteckning, Borås stad", en: "Bathing sites in Borås" },
      description: "Strandbad och badplatser som kommunen ansvarar för, med position och typ av bad.",
      keywords: { sv: ["badplatser", "strandbad", "bad"], en: ["bathing sites", "beaches"] },
      themes: ["ENVI"],
      formats: ["GeoJSON", "CSV"],
      conformsTo: ["https://www.dataportal.se/specifications/badplatser/1.0"],
    }),
    borasBathingWater: await d({
      title: "Badvattenkontroll Borås",
      description: "Resultat från provtagning av badvatten vid kommunens badplatser under badsäsongen.",
      keywords: ["badvatten", "provtagning"],
      themes: ["ENVI", "HEAL"],
      formats: ["CSV"],
    }),
    skovdeBathing: await d({
      title: "Badplatser i Skövde",
      keywords: ["badplatser", "sjöar"],
      publisherKommunkod: SKOVDE,
      themes: ["ENVI"],
      formats: ["CSV"],
      conformsTo: ["https://www.dataportal.se/specifications/badplatser/1.0"],
    }),
    borasPreschools: await d({
      title: "Förskolor i Borås",
      description: "Kommunala och fristående förskolor med adress, antal avdelningar och öppettider.",
      keywords: ["förskola", "barnomsorg"],
      themes: ["EDUC"],
    }),
    skovdePreschools: await d({
      title: "Förskoleenheter – Skövde kommun",
      keywords: ["förskolor", "utbildning"],
      publisherKommunkod: SKOVDE,
      themes: ["EDUC"],
    }),
    borasCharging: await d({
      title: "Laddplatser för elbil",
      description: "Publika laddplatser för elbilar i Borås med antal laddpunkter och effekt.",
      keywords: ["laddplatser", "laddstationer"],
      themes: ["TRAN"],
    }),
    skovdeCharging: await d({ title: "Laddplatsregister Skövde", publisherKommunkod: SKOVDE, themes: ["TRAN"] }),
    recyclingStations: await d({
      title: "Återvinningsstationer i Borås",
      description: "Stationer där man lämnar förpackningar och tidningar.",
      keywords: ["återvinning", "förpackningar"],
      themes: ["ENVI"],
    }),
    recyclingCentres: await d({
      title: "Återvinningscentraler – Borås stad",
      description: "Kommunens återvinningscentraler för grovavfall och farligt avfall.",
      keywords: ["återvinningscentral", "grovavfall"],
      themes: ["ENVI"],
    }),
    lidkopingPlaygrounds: await d({
      title: "Lekplatser",
      description: "Allmänna lekplatser som kommunen förvaltar.",
      keywords: ["lekplatser", "lekplats"],
      publisherKommunkod: LIDKOPING,
      themes: ["SOCI"],
    }),
    lidkopingBudget: await d({ title: "Budget 2025", keywords: ["budget", "ekonomi"], publisherKommunkod: LIDKOPING, themes: ["ECON"] }),
    borasAir: await d({
      title: { sv: "Mätningar av luftföroreningar – Borås stad", en: "Air quality measurements in Borås" },
      keywords: { sv: ["luftkvalitet"], en: ["air quality"] },
      themes: ["ENVI"],
    }),
    // The kinds of "…platser" every catalogue has: they make "plats" as common here as in life.
    grilling: await d({ title: "Grillplatser", keywords: ["grillplatser", "friluftsliv"], themes: ["SOCI"] }),
    parking: await d({ title: "Parkeringsplatser och avgifter", publisherKommunkod: SKOVDE, themes: ["TRAN"] }),
    borasPlaygrounds: await d({ title: "Lekplatser i Borås", keywords: ["lekplatser"], themes: ["SOCI"] }),
    dogAreas: await d({ title: "Hundrastplatser", keywords: ["hundar"], publisherKommunkod: SKOVDE, themes: ["SOCI"] }),
    sportsGrounds: await d({ title: "Idrottsplatser", keywords: ["idrott"], publisherKommunkod: LIDKOPING, themes: ["SOCI"] }),
    regionStops: await d({
      title: "Hållplatser för kollektivtrafik i Västra Götaland",
      keywords: ["hållplatser", "kollektivtrafik"],
      publisherKommunkod: REGION,
      themes: ["TRAN"],
    }),
  };
}

type Catalogue = Awaited<ReturnType<typeof createCatalogue>>;
let catalogue: Catalogue;

beforeAll(async () => {
  catalogue = await createCatalogue();
});

const uris = (result: MatchResult) => result.datasets.map((d) => d.uri);
const top = (result: MatchResult) => result.datasets[0]?.score ?? 0;

for (const { name, create, skip, dispose } of engines) {
  if (skip) console.warn(`[search contract] ${name}: ${skip}`);

  (skip ? describe.skip : describe)(`search engine contract: ${name}`, () => {
    // Created in beforeAll: a skipped suite's body still runs, its hooks do not.
    let engine: SearchEngine;

    beforeAll(async () => {
      engine = create();
      // The outbox may have been drained by another engine's suite; a reindex loads this one.
      await reindexAll(engine);
    });

    afterAll(dispose);

    it("reports itself healthy", async () => {
      const health = await engine.health();
      expect(health).toMatchObject({ status: "ok", engine: engine.name });
    });

    it("matches Swedish inflections both ways (badplats / badplatser)", async () => {
      for (const query of ["badplats", "badplatser", "Badplatserna"]) {
        const result = await engine.match(query);
        expect(uris(result).slice(0, 2).sort(), query).toEqual([catalogue.borasBathing.uri, catalogue.skovdeBathing.uri].sort());
        expect(top(result)).toBeGreaterThanOrEqual(result.threshold);
      }
    });

    it("splits compounds: förskoleplatser finds the preschools", async () => {
      const result = await engine.match("förskoleplatser");
      expect(uris(result).slice(0, 2).sort()).toEqual([catalogue.borasPreschools.uri, catalogue.skovdePreschools.uri].sort());
      expect(top(result)).toBeGreaterThanOrEqual(result.threshold);
    });

    it("knows synonyms: laddstolpar and elbilsladdning find the charging points", async () => {
      for (const query of ["laddstolpar", "elbilsladdning"]) {
        const result = await engine.match(query);
        expect(uris(result).slice(0, 2).sort(), query).toEqual([catalogue.borasCharging.uri, catalogue.skovdeCharging.uri].sort());
        expect(top(result)).toBeGreaterThanOrEqual(result.threshold);
      }
    });

    it("tolerates typos (badplaster)", async () => {
      const result = await engine.match("badplaster");
      expect(uris(result).slice(0, 2).sort()).toEqual([catalogue.borasBathing.uri, catalogue.skovdeBathing.uri].sort());
      expect(top(result)).toBeGreaterThanOrEqual(result.threshold);
    });

    it("finds a dataset with an English title from an English request", async () => {
      const bathing = await engine.match("Where are the bathing sites?");
      expect(uris(bathing)[0]).toBe(catalogue.borasBathing.uri);
      const air = await engine.match("air quality measurements");
      expect(uris(air)[0]).toBe(catalogue.borasAir.uri);
      expect(top(air)).toBeGreaterThanOrEqual(air.threshold);
    });

    it("ranks the named municipality's datasets first, also without diacritics and in the genitive", async () => {
      for (const query of ["badplatser i Skövde", "badplatser skovde", "Skövdes badplatser"]) {
        const result = await engine.match(query);
        expect(uris(result)[0], query).toBe(catalogue.skovdeBathing.uri);
        expect(top(result)).toBeGreaterThanOrEqual(result.threshold);
        // Borås's bathing sites are shown, but not as a good match for Skövde.
        const boras = result.datasets.find((d) => d.uri === catalogue.borasBathing.uri);
        expect(boras?.score ?? 0).toBeLessThan(result.threshold);
      }
      const both = await engine.match("badplatser i Skövde och Borås");
      expect(uris(both).slice(0, 2).sort()).toEqual([catalogue.borasBathing.uri, catalogue.skovdeBathing.uri].sort());
    });

    it("says no good match for a municipality that does not publish the kind of data", async () => {
      const lidkoping = await engine.match("laddplatser i Lidköping");
      expect(top(lidkoping)).toBeLessThan(lidkoping.threshold);
      const dalsEd = await engine.match("badplatser i Dals-Ed");
      expect(top(dalsEd)).toBeLessThan(dalsEd.threshold);
    });

    it("says no good match when nothing like it is published", async () => {
      const result = await engine.match("Statistik över antal vildsvin som fällts vid jakt i kommunen");
      expect(top(result)).toBeLessThan(result.threshold);
    });

    it("keeps closely related kinds apart (recycling stations vs recycling centres)", async () => {
      const stations = await engine.match("återvinningsstationer");
      expect(uris(stations)[0]).toBe(catalogue.recyclingStations.uri);
      const centres = await engine.match("var ligger återvinningscentralen");
      expect(uris(centres)[0]).toBe(catalogue.recyclingCentres.uri);
      const centre = centres.datasets.find((d) => d.uri === catalogue.recyclingStations.uri);
      expect(centre?.score ?? 0).toBeLessThan(centres.threshold);
    });

    it("reads a whole paragraph", async () => {
      const result = await engine.match(
        "Hej! Vi är ett litet företag som utvecklar en app för barnfamiljer. Vi behöver veta var det finns lekplatser i Lidköping och skulle gärna få dem som öppna data. Tack på förhand!",
      );
      expect(uris(result)[0]).toBe(catalogue.lidkopingPlaygrounds.uri);
      expect(top(result)).toBeGreaterThanOrEqual(result.threshold);
    });

    it("answers punctuation and 5,000-character requests without an error", async () => {
      for (const text of ["?!.,;:-–…", "", "x".repeat(5000), "🚲🚲🚲"]) {
        const result = await engine.match(text);
        expect(result).toEqual({ datasets: [], requests: [], answers: [], threshold: result.threshold });
      }
      const long = await engine.match("Vi behöver data om badplatser och lekplatser i kommunen. ".repeat(90).slice(0, 5000));
      expect(long.datasets.length).toBeGreaterThan(0);
    });

    it("gives scores in 0..1, best first, and honours the limit", async () => {
      const result = await engine.match("badplatser förskolor lekplatser", { limit: 3 });
      expect(result.datasets.length).toBe(3);
      const scores = result.datasets.map((d) => d.score);
      expect(scores).toEqual([...scores].sort((a, b) => b - a));
      for (const score of scores) {
        expect(score).toBeGreaterThan(0);
        expect(score).toBeLessThanOrEqual(1);
      }
      expect(result.datasets[0]).toMatchObject({ uri: expect.any(String), title: expect.any(String), publisher: expect.any(String) });
    });

    it("searches with facet counts and filters", async () => {
      const all = await engine.search({ text: "badplatser" });
      expect(all.hits.map((h) => h.uri)).toEqual(expect.arrayContaining([catalogue.borasBathing.uri, catalogue.skovdeBathing.uri]));
      expect(all.facets.publisher).toEqual(
        expect.arrayContaining([
          { value: "Borås", count: expect.any(Number) },
          { value: "Skövde", count: 1 },
        ]),
      );
      expect(all.facets.specification).toEqual([{ value: "https://www.dataportal.se/specifications/badplatser/1.0", count: 2 }]);

      const skovde = await engine.search({ text: "badplatser", filters: { publisher: ["Skövde"] } });
      expect(skovde.hits.map((h) => h.uri)).toEqual([catalogue.skovdeBathing.uri]);

      const byTheme = await engine.search({ text: "", filters: { theme: ["EDUC"] } });
      expect(byTheme.total).toBe(2);
      expect(byTheme.facets.theme).toEqual([{ value: "EDUC", count: 2 }]);

      const byFormat = await engine.search({ text: "", filters: { format: ["GeoJSON"] }, pageSize: 1 });
      expect(byFormat.hits.map((h) => h.uri)).toEqual([catalogue.borasBathing.uri]);

      const paged = await engine.search({ text: "", pageSize: 5, page: 2 });
      expect(paged.hits.length).toBe(5);
      expect(paged.total).toBeGreaterThanOrEqual(18);
    });

    it("looks only for the kinds asked: datasets and answers without earlier requests", async () => {
      await createTestRequest({ title: "Badplatser med badvattenkvalitet", body: "Var finns kommunens badplatser?", status: "open" });
      await drainOutbox(engine);
      const all = await engine.match("badplatser");
      expect(all.requests.map((r) => r.title)).toContain("Badplatser med badvattenkvalitet");
      const some = await engine.match("badplatser", { kinds: ["dataset", "answer"] });
      expect(some.requests).toEqual([]);
      expect(uris(some)).toEqual(uris(all));
      const requestsOnly = await engine.match("badplatser", { kinds: ["request"] });
      expect(requestsOnly.datasets).toEqual([]);
      expect(requestsOnly.requests).toEqual(all.requests);
    });

    it("forgets a removed dataset", async () => {
      const dogs = await createTestDataset({ title: "Hundrastgårdar i Borås", keywords: ["hundrastgård"] });
      await drainOutbox(engine);
      expect(uris(await engine.match("hundrastgårdar"))).toContain(dogs.uri);
      await removeTestDataset(dogs.id);
      await drainOutbox(engine);
      expect(uris(await engine.match("hundrastgårdar"))).not.toContain(dogs.uri);
    });
  });
}
