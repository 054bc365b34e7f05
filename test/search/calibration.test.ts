import { createElement } from "react";
import { renderToString } from "react-dom/server";
import { createStaticHandler, createStaticRouter, StaticRouterProvider } from "react-router-dom/server";
import { beforeAll, describe, expect, it } from "vitest";
import { MatchPanel, type MatchPanelData } from "../../app/components/match-panel";
import { db } from "../../db/client.server";
import { loader as matchLoader } from "../../app/routes/api.match";
import { getOrCreateCatalogueSource } from "../../app/models/catalogue-source.server";
import { harvestCatalogueSource } from "../../app/models/harvest.server";
import { createPostgresEngine } from "../../search/engines/postgres/engine.server";
import { getSearchEngine } from "../../search/engines/select-engine.server";
import { drainOutbox } from "../../search/indexing/outbox.server";
import { createMeaningIndex, recomputeMeaning } from "../../search/meaning/model.server";
import {
  alignedLexicalScore,
  calibrateDatasets,
  calibrated,
  fitCalibration,
  LEXICAL_DECISION,
  MATCH_THRESHOLD,
  SCORE_CALIBRATION,
} from "../../search/matching/calibration";
import { MATCH_THRESHOLD as SCORING_THRESHOLD } from "../../search/matching/scoring";
import { catalogFixture } from "../support/catalogs";
import { pageRequest } from "../support/route-request";

/**
 * The score's scale (issue 11, ADR 034): a calibrated probability in 0..1, monotone in the
 * matcher's evidence, with the "no good match" threshold on the same scale in both engines and in
 * /api/match. The requests below are not evaluation requests.
 */

describe("the calibrated scale", () => {
  it("is monotone in the evidence and stays within 0..1", () => {
    expect(SCORE_CALIBRATION.slope).toBeGreaterThan(0);
    const steps = Array.from({ length: 101 }, (_, i) => calibrated(i / 100));
    for (let i = 1; i < steps.length; i++) expect(steps[i]).toBeGreaterThanOrEqual(steps[i - 1]!);
    expect(steps[100]).toBeGreaterThan(steps[0]!);
    for (const value of [-3, 0, 0.5, 1, 7, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(calibrated(value)).toBeGreaterThanOrEqual(0);
      expect(calibrated(value)).toBeLessThanOrEqual(1);
    }
  });

  it("puts the threshold inside the scale, where full evidence passes it and none does not", () => {
    expect(MATCH_THRESHOLD).toBeGreaterThan(0);
    expect(MATCH_THRESHOLD).toBeLessThan(1);
    expect(SCORING_THRESHOLD).toBe(MATCH_THRESHOLD);
    expect(calibrated(1)).toBeGreaterThan(MATCH_THRESHOLD);
    expect(calibrated(0)).toBeLessThan(MATCH_THRESHOLD);
  });

  it("aligns earlier requests' and answers' lexical score so their old decision point is the threshold", () => {
    expect(alignedLexicalScore(0)).toBe(0);
    expect(alignedLexicalScore(1)).toBe(1);
    expect(alignedLexicalScore(LEXICAL_DECISION)).toBeCloseTo(MATCH_THRESHOLD, 4);
    expect(alignedLexicalScore(LEXICAL_DECISION - 0.01)).toBeLessThan(MATCH_THRESHOLD);
    const steps = Array.from({ length: 101 }, (_, i) => alignedLexicalScore(i / 100));
    for (let i = 1; i < steps.length; i++) expect(steps[i]).toBeGreaterThan(steps[i - 1]!);
  });

  it("keeps another municipality's dataset under the threshold whatever its evidence, and a regional one as its evidence says", () => {
    const hits = [
      { id: "own", score: 0.3, publisherKommunkod: "1490" },
      { id: "region", score: 0.9, publisherKommunkod: "14" },
      { id: "other", score: 1, publisherKommunkod: "1496" },
    ];
    const scored = calibrateDatasets(hits, { kommunkoder: ["1490"] });
    expect(scored.map((h) => h.id)).toEqual(["own", "region", "other"]);
    expect(scored[0]!.score).toBe(calibrated(0.3));
    expect(scored[1]!.score).toBe(calibrated(0.9));
    expect(scored[2]!.score).toBeLessThan(MATCH_THRESHOLD);
    expect(scored[2]!.score).toBeLessThan(scored[0]!.score);
    // With no municipality named every dataset is in scope.
    expect(calibrateDatasets(hits, { kommunkoder: [] })[2]!.score).toBe(calibrated(1));
    // The bench's uncalibrated evidence: another municipality's dataset counts for nothing.
    expect(calibrateDatasets(hits, { kommunkoder: ["1490"], calibration: null }).map((h) => h.score)).toEqual([0.3, 0.9, 0]);
  });

  it("fits a curve that follows the share of relevant datasets, finite even when the evidence separates them perfectly", () => {
    // Evidence e is relevant with probability e: the fitted curve must rise and be near 0.5 at 0.5.
    const samples = Array.from({ length: 400 }, (_, i) => ({ evidence: (i % 100) / 100, relevant: i % 100 > (i * 37) % 100 }));
    const fit = fitCalibration(samples);
    expect(fit.slope).toBeGreaterThan(0);
    expect(calibrated(0.5, fit)).toBeGreaterThan(0.35);
    expect(calibrated(0.5, fit)).toBeLessThan(0.65);
    expect(calibrated(0.9, fit)).toBeGreaterThan(calibrated(0.1, fit));
    const separated = fitCalibration([
      { evidence: 0.1, relevant: false },
      { evidence: 0.2, relevant: false },
      { evidence: 0.8, relevant: true },
      { evidence: 0.9, relevant: true },
    ]);
    expect(Number.isFinite(separated.slope) && Number.isFinite(separated.intercept)).toBe(true);
    expect(calibrated(0.9, separated)).toBeGreaterThan(0.5);
    expect(calibrated(0.1, separated)).toBeLessThan(0.5);
  });
});

describe("the scale in the engine and /api/match", () => {
  beforeAll(async () => {
    // A real catalogue (351 datasets of 20 municipalities) and its meaning model, as the portal has them.
    const sourceId = await getOrCreateCatalogueSource({ location: catalogFixture("catalog-vg-public.rdf") });
    expect((await harvestCatalogueSource(sourceId)).status).toBe("succeeded");
    await recomputeMeaning(db);
    expect((await drainOutbox(getSearchEngine(), { batchSize: 500 })).error).toBeNull();
  });

  it("scores a full match of every concept in the named municipality above the threshold, first", async () => {
    const result = await createPostgresEngine(db).match("gatubelysning i Vänersborg");
    expect(result.threshold).toBe(MATCH_THRESHOLD);
    expect(result.datasets[0]).toMatchObject({ title: "Gatubelysning – Vänersborgs kommun" });
    expect(result.datasets[0]!.score).toBeGreaterThanOrEqual(result.threshold);
    expect(result.datasets[0]!.score).toBeLessThanOrEqual(1);
  });

  it("gives the calibrated value of the engine's own evidence", async () => {
    const text = "gatubelysning i Vänersborg";
    const [scored, evidence] = await Promise.all([
      createPostgresEngine(db).match(text),
      createPostgresEngine(db, { calibration: null }).match(text),
    ]);
    expect(scored.datasets[0]!.uri).toBe(evidence.datasets[0]!.uri);
    expect(scored.datasets[0]!.score).toBeCloseTo(calibrated(evidence.datasets[0]!.score), 3);
  });

  it("reads meaning without the named place: the municipality's unrelated datasets get no evidence from its name", async () => {
    // Before, "Vänersborg" in the meaning query made every Vänersborg dataset a near miss.
    const evidence = await createPostgresEngine(db, { calibration: null }).match("gatubelysning i Vänersborg", { limit: 50 });
    const unrelated = evidence.datasets.filter((d) => d.publisher?.startsWith("Vänersborg") && !/belysning/i.test(d.title));
    for (const dataset of unrelated) expect(dataset.score, dataset.title).toBeLessThan(0.1);
  });

  it("reads the named municipality's own datasets in meaning, however many others publish the same kind", async () => {
    const meaning = createMeaningIndex(db);
    // Two municipalities publish street lighting: with room for one, meaning alone gives one of them.
    const [nearestAnywhere] = await meaning.similar("gatubelysning", 1);
    const other = ["1487", "1499"].find((code) => code !== nearestAnywhere!.publisherKommunkod)!;
    const scoped = await meaning.similar("gatubelysning", 1, { kommunkoder: [other] });
    expect(scoped.map((hit) => hit.publisherKommunkod)).toContain(other);
    expect(scoped.find((hit) => hit.publisherKommunkod === other)!.title).toMatch(/^Gatubelysning/);
  });

  it("keeps another municipality's dataset of the very kind asked under the threshold", async () => {
    // Ale is one of the region's municipalities and publishes nothing in this catalogue.
    const result = await createPostgresEngine(db).match("gatubelysning i Ale kommun");
    expect(result.datasets.length).toBeGreaterThan(0);
    expect(result.datasets.map((d) => d.title)).toContain("Gatubelysning – Vänersborgs kommun");
    for (const dataset of result.datasets) expect(dataset.score).toBeLessThan(result.threshold);
  });

  it("answers only stop words with no good match", async () => {
    const result = await createPostgresEngine(db).match("och det som är i på");
    expect(result.datasets.every((d) => d.score < result.threshold)).toBe(true);
  });

  it("returns the threshold of the scale from GET /api/match, and the panel's decision follows it", async () => {
    const response = await matchLoader(pageRequest(`/api/match?q=${encodeURIComponent("gatubelysning i Vänersborg")}`));
    const body = (await response.json()) as { threshold: number; datasets: { title: string; score: number }[] };
    expect(body.threshold).toBe(MATCH_THRESHOLD);
    expect(body.datasets[0]!.score).toBeGreaterThanOrEqual(body.threshold);
    for (const dataset of body.datasets) {
      expect(dataset.score).toBeGreaterThanOrEqual(0);
      expect(dataset.score).toBeLessThanOrEqual(1);
    }
  });

  it("lets the request form's panel say 'no good match' from /api/match's own threshold, and show a match over it", async () => {
    const panel = async (text: string) => {
      const response = await matchLoader(pageRequest(`/api/match?q=${encodeURIComponent(text)}`));
      const data = (await response.json()) as MatchPanelData;
      const routes = [{ id: "page", path: "/", Component: () => createElement(MatchPanel, { data, query: text, busy: false }) }];
      const handler = createStaticHandler(routes);
      const context = await handler.query(new Request("http://localhost/"));
      if (context instanceof Response) throw new Error("unexpected redirect");
      return renderToString(
        createElement(StaticRouterProvider, { router: createStaticRouter(handler.dataRoutes, context), context, hydrate: false }),
      );
    };
    const nothing = await panel("gatubelysning i Ale kommun");
    expect(nothing).toContain("Inget som redan finns stämmer bra");
    expect(nothing).not.toContain("Gatubelysning – Vänersborgs kommun");
    const found = await panel("gatubelysning i Vänersborg");
    expect(found).not.toContain("Inget som redan finns stämmer bra");
    expect(found).toContain("Gatubelysning – Vänersborgs kommun");
  });
});
