import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "../../db/client.server";
import { availableEngines } from "../support/search-engines";
import type { MatchResult, SearchEngine } from "../../search/engines/engine";
import { alignedLexicalScore } from "../../search/matching/calibration";
import { drainOutbox } from "../../search/indexing/outbox.server";
import { reindexAll } from "../../search/indexing/reindex.server";
import { loader as matchLoader } from "../../app/routes/api.match";
import { getSearchEngine } from "../../search/engines/select-engine.server";
import { createTestDataset } from "../factories/dataset";
import { pageRequest } from "../support/route-request";
import { createTestRequest, setTestRequestStatus } from "../factories/request";

/**
 * Earlier requests in match(): the contract every engine keeps for "support this request instead".
 * The built-in engine always; Meilisearch when MEILI_URL reaches a server (a fresh index per run).
 */
const BORAS = "1490";
const SKOVDE = "1496";
const LIDKOPING = "1494";

const engines = availableEngines("request-matching");

async function createRequests() {
  return {
    borasBathing: await createTestRequest({
      title: "Badplatser och badvattenkvalitet i Borås",
      body: "Vi bygger en app för badgäster och behöver veta var det finns badplatser och hur vattnet är.",
      purpose: "En app för badgäster.",
      targetKommunkoder: [BORAS],
      tags: ["bad", "miljö"],
      votes: 12,
    }),
    skovdeCharging: await createTestRequest({
      title: "Laddplatser för elbil i Skövde",
      body: "Var finns publika laddplatser och hur många laddpunkter har de?",
      targetKommunkoder: [SKOVDE],
      status: "submitted",
    }),
    everywherePlaygrounds: await createTestRequest({
      title: "Lekplatser i alla kommuner",
      body: "En sammanställning av kommunernas lekplatser med läge och utrustning.",
      targetScope: "all",
      status: "answered",
      answeredAt: new Date(),
    }),
    twoPreschools: await createTestRequest({
      title: "Förskolor med antal platser",
      body: "Förskolor och antal barn per avdelning.",
      targetKommunkoder: [BORAS, LIDKOPING],
      status: "partly_answered",
    }),
    // Body-only: the title says nothing of parks; a near miss, as a dataset's description would be.
    vagueParks: await createTestRequest({
      title: "Underlag till vår tjänst",
      body: "Vi behöver uppgifter om hundrastgårdar.",
      targetScope: "all",
    }),
    englishTrees: await createTestRequest({
      title: "Street trees in the municipality",
      body: "We need a list of the street trees with species and planting year.",
      targetScope: "all",
    }),
    // Words no dataset has, one of them a typo: they must not change how datasets are matched.
    foodWaste: await createTestRequest({
      title: "Matsvinn i skolköken",
      body: "Hur mycket mat slängs i skolorna? Också badplaster och annat skräp vid stränderna.",
      targetScope: "all",
    }),
    duplicate: await createTestRequest({ title: "Badplatser i Borås", targetKommunkoder: [BORAS], status: "duplicate" }),
    rejected: await createTestRequest({ title: "Badplatser Borås igen", targetKommunkoder: [BORAS], status: "rejected" }),
    withdrawn: await createTestRequest({ title: "Badplatserna i Borås", targetKommunkoder: [BORAS], status: "withdrawn" }),
    closed: await createTestRequest({ title: "Badplatser, stängd", targetKommunkoder: [BORAS], status: "closed" }),
  };
}

type Requests = Awaited<ReturnType<typeof createRequests>>;
let requests: Requests;

beforeAll(async () => {
  // A few datasets too: requests and datasets share the index but never each other's list.
  await createTestDataset({ title: "Badplatser i Borås", keywords: ["badplatser"] });
  await createTestDataset({ title: "Lekplatser", keywords: ["lekplatser"], publisherKommunkod: LIDKOPING });
  requests = await createRequests();
});

const numbers = (result: MatchResult) => result.requests.map((r) => r.number);
const scoreOf = (result: MatchResult, number: number) => result.requests.find((r) => r.number === number)?.score ?? 0;

for (const { name, create, skip, dispose } of engines) {
  if (skip) console.warn(`[request matching] ${name}: ${skip}`);

  (skip ? describe.skip : describe)(`earlier requests in match(): ${name}`, () => {
    let engine: SearchEngine;

    beforeAll(async () => {
      engine = create();
      const { requests: indexed } = await reindexAll(engine);
      // Duplicates, rejected, withdrawn and closed requests are never indexed.
      expect(indexed).toBe(7);
    });

    afterAll(dispose);

    it("offers an earlier request that asks the same, with its number, status and votes", async () => {
      const result = await engine.match("Var finns det badplatser i Borås?");
      expect(result.requests[0]).toEqual({
        id: expect.any(String),
        number: requests.borasBathing.number,
        title: "Badplatser och badvattenkvalitet i Borås",
        status: "open",
        votes: 12,
        score: expect.any(Number),
      });
      expect(result.requests[0].score).toBeGreaterThanOrEqual(result.threshold);
      expect(result.requests[0].score).toBeLessThanOrEqual(1);
      // The datasets are still the datasets' list.
      expect(result.datasets[0]).toMatchObject({ title: "Badplatser i Borås" });
      expect(result.datasets.map((d) => d.title)).not.toContain("Badplatser och badvattenkvalitet i Borås");
    });

    it("never offers a duplicate, rejected, withdrawn or closed request", async () => {
      const result = await engine.match("badplatser i Borås", { limit: 50 });
      for (const gone of [requests.duplicate, requests.rejected, requests.withdrawn, requests.closed])
        expect(numbers(result)).not.toContain(gone.number);
    });

    it("drops a request at once when its status moves on, and the outbox takes it out of the index", async () => {
      const tennis = await createTestRequest({ title: "Tennisbanor i Borås", targetKommunkoder: [BORAS] });
      await drainOutbox(engine);
      expect(numbers(await engine.match("tennisbanor"))).toEqual([tennis.number]);

      await setTestRequestStatus(tennis.id, "withdrawn");
      // Still in the index until the outbox is drained, but the live status already hides it.
      expect(numbers(await engine.match("tennisbanor"))).toEqual([]);
      expect(await drainOutbox(engine)).toMatchObject({ removed: 1, error: null });
      expect((await engine.search({ text: "tennisbanor", kind: "request" })).total).toBe(0);

      // Reopened (a coordinator's correction): back in.
      await setTestRequestStatus(tennis.id, "open");
      await drainOutbox(engine);
      expect(numbers(await engine.match("tennisbanor"))).toEqual([tennis.number]);
    });

    it("knows whom a request asks: all municipalities and a chosen one are in scope, others are not", async () => {
      const borasPlaygrounds = await engine.match("lekplatser i Borås");
      expect(scoreOf(borasPlaygrounds, requests.everywherePlaygrounds.number)).toBeGreaterThanOrEqual(borasPlaygrounds.threshold);

      const skovdeCharging = await engine.match("laddplatser i Skövde");
      expect(numbers(skovdeCharging)[0]).toBe(requests.skovdeCharging.number);
      expect(skovdeCharging.requests[0].score).toBeGreaterThanOrEqual(skovdeCharging.threshold);
      expect(skovdeCharging.requests[0].status).toBe("submitted");

      // Skövde's request does not answer for Borås: shown at most, never a good match.
      const borasCharging = await engine.match("laddplatser i Borås");
      expect(scoreOf(borasCharging, requests.skovdeCharging.number)).toBeLessThan(borasCharging.threshold);

      // A request asking Borås and Lidköping is in scope for either.
      for (const text of ["förskolor i Lidköping", "förskolor i Borås"]) {
        const result = await engine.match(text);
        expect(numbers(result)[0], text).toBe(requests.twoPreschools.number);
        expect(result.requests[0].score, text).toBeGreaterThanOrEqual(result.threshold);
      }
      const skovdePreschools = await engine.match("förskolor i Skövde");
      expect(scoreOf(skovdePreschools, requests.twoPreschools.number)).toBeLessThan(skovdePreschools.threshold);
    });

    it("scores like a dataset: a word in the title counts fully, one only in the body as a description's", async () => {
      const playgrounds = await engine.match("lekplatser");
      expect(scoreOf(playgrounds, requests.everywherePlaygrounds.number)).toBe(1);
      // The description's factor (0.45), as for a dataset that mentions the word in its description,
      // on the portal's scale (ADR 034).
      const parks = await engine.match("hundrastgårdar");
      expect(scoreOf(parks, requests.vagueParks.number)).toBeCloseTo(alignedLexicalScore(0.45), 2);
      // Asked together with something the earlier request does not mention: under the threshold.
      const parksAndBenches = await engine.match("hundrastgårdar och parkbänkar");
      expect(scoreOf(parksAndBenches, requests.vagueParks.number)).toBeLessThan(parksAndBenches.threshold);
    });

    it("finds an English request from an English one", async () => {
      const result = await engine.match("Is there data on street trees?");
      expect(numbers(result)[0]).toBe(requests.englishTrees.number);
      expect(result.requests[0].score).toBeGreaterThanOrEqual(result.threshold);
    });

    it("finds an earlier request by words no dataset has", async () => {
      const result = await engine.match("Finns det statistik om matsvinn?");
      expect(result.datasets.every((d) => d.score < result.threshold)).toBe(true);
      expect(numbers(result)[0]).toBe(requests.foodWaste.number);
      expect(result.requests[0].score).toBeGreaterThanOrEqual(result.threshold);
    });

    it("never changes how datasets are matched: each kind is read against its own vocabulary", async () => {
      const texts = ["badplaster", "badplatser i Borås", "matsvinn", "lekplatser i Lidköping", "laddplatser"];
      const withRequests = await Promise.all(texts.map((text) => engine.match(text)));
      // The typo of a request's body is no word of the datasets': still corrected towards them.
      expect(withRequests[0].datasets[0]).toMatchObject({ title: "Badplatser i Borås" });
      expect(withRequests[0].datasets[0].score).toBeGreaterThanOrEqual(withRequests[0].threshold);

      const { rows } = await sql<{ id: string }>`SELECT 'request:' || id AS id FROM requests`.execute(db);
      await engine.delete(rows.map((row) => row.id));
      try {
        const withoutRequests = await Promise.all(texts.map((text) => engine.match(text)));
        expect(withoutRequests.map((r) => r.requests)).toEqual(texts.map(() => []));
        expect(withoutRequests.map((r) => r.datasets)).toEqual(withRequests.map((r) => r.datasets));
      } finally {
        await reindexAll(engine);
      }
    });

    it("says nothing when no earlier request is about it, and honours the limit", async () => {
      expect((await engine.match("Statistik över antal vildsvin som fällts vid jakt")).requests.every((r) => r.score < 0.4)).toBe(true);
      expect((await engine.match("?!")).requests).toEqual([]);
      const limited = await engine.match("badplatser laddplatser lekplatser förskolor", { limit: 2 });
      expect(limited.requests.length).toBe(2);
      const scores = limited.requests.map((r) => r.score);
      expect(scores).toEqual([...scores].sort((a, b) => b - a));
    });
  });
}

describe("GET /api/match with earlier requests", () => {
  it("lists them under requests, with number, status and votes, as the submit form reads them", async () => {
    await drainOutbox(getSearchEngine());
    const response = await matchLoader(pageRequest(`/api/match?q=${encodeURIComponent("badplatser i Borås")}&limit=3`));
    const body = (await response.json()) as MatchResult;
    expect(body.requests.length).toBeLessThanOrEqual(3);
    expect(body.requests[0]).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      number: requests.borasBathing.number,
      title: "Badplatser och badvattenkvalitet i Borås",
      status: "open",
      votes: 12,
      score: expect.any(Number),
    });
    expect(body.datasets[0]).toMatchObject({ title: "Badplatser i Borås" });
  });
});
