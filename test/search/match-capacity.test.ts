import { beforeAll, describe, expect, it } from "vitest";
import { MATCHES_IN_FLIGHT } from "../../app/models/match.server";
import { loader } from "../../app/routes/api.match";
import { drainOutbox } from "../../search/indexing/outbox.server";
import { getSearchEngine } from "../../search/engines/select-engine.server";
import { createTestDataset } from "../factories/dataset";
import { pageRequest } from "../support/route-request";

/** A thrown Response (the busy answer) is an answer too. */
async function ask(q: string) {
  const response: Response = await loader(pageRequest(`/api/match?q=${encodeURIComponent(q)}`)).catch((thrown: unknown) => {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  });
  return { response, settledAt: performance.now() };
}

beforeAll(async () => {
  for (let i = 0; i < 5; i++) await createTestDataset({ title: `Laddplatser för elbilar, del ${i + 1}`, keywords: ["laddplatser"] });
  expect((await drainOutbox(getSearchEngine())).error).toBeNull();
});

describe("GET /api/match under more requests than it runs at once", () => {
  it("answers those over the cap at once with 503 and Retry-After, and the others with matches", async () => {
    expect(MATCHES_IN_FLIGHT).toBeGreaterThan(0);
    const count = MATCHES_IN_FLIGHT + 24;
    const answers = await Promise.all(Array.from({ length: count }, (_, i) => ask(`laddplatser för elbilar ${i}`)));

    const busy = answers.filter((a) => a.response.status === 503);
    const matched = answers.filter((a) => a.response.status === 200);
    expect(matched.length + busy.length).toBe(count);
    expect(matched.length).toBeGreaterThanOrEqual(1);
    expect(matched.length).toBeLessThanOrEqual(MATCHES_IN_FLIGHT);
    expect(busy.length).toBeGreaterThanOrEqual(24);
    for (const { response } of busy) {
      expect(Number(response.headers.get("Retry-After"))).toBeGreaterThanOrEqual(1);
      expect(((await response.json()) as { error: string }).error).toMatch(/försök igen.*\(.*try again/);
    }
    for (const { response } of matched) expect(((await response.json()) as { datasets: unknown[] }).datasets.length).toBeGreaterThan(0);
    // Turned away without waiting: every 503 was answered before the first match was done.
    const firstMatch = Math.min(...matched.map((a) => a.settledAt));
    for (const { settledAt } of busy) expect(settledAt).toBeLessThan(firstMatch);
  });

  it("serves again once the matches in flight are done", async () => {
    const { response } = await ask("laddplatser");
    expect(response.status).toBe(200);
  });
});
