import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { crossValidationHalves, loadEvaluationSets, tuningRequests, type LabelledQuery } from "../bench/eval-sets";

describe("the matcher's evaluation sets (issue 11)", () => {
  const sets = loadEvaluationSets();
  const catalogueUris = new Set(
    [...readFileSync(sets.catalogue, "utf8").matchAll(/<dcat:Dataset rdf:about="([^"]+)"/g)].map((match) => match[1]),
  );
  /** Every relevant dataset is in the catalogue, and the note's kind and count agree with the labels. */
  const expectLabelled = (query: LabelledQuery) => {
    for (const uri of query.relevant) expect(catalogueUris, `${query.id} ${uri}`).toContain(uri);
    const kind = /\[([a-z-]+);/.exec(query.note)?.[1];
    expect(kind, query.id).toEqual(query.relevant.length ? "positive" : expect.stringMatching(/^nomatch-/));
    expect(query.note, query.id).toContain(`n_relevant=${query.relevant.length}]`);
  };

  it("labels the unseen set against the evaluation catalogue, with a kind that agrees with its labels", () => {
    expect(sets.unseen.length).toBeGreaterThanOrEqual(60);
    expect(new Set([...sets.public, ...sets.unseen].map((q) => q.id)).size).toBe(sets.public.length + sets.unseen.length);
    for (const query of sets.unseen) expectLabelled(query);
    expect(sets.unseen.filter((q) => q.note.includes("[nomatch-topic;")).length).toBeGreaterThanOrEqual(10);
    expect(sets.unseen.filter((q) => q.note.includes("English")).length).toBeGreaterThanOrEqual(12);
  });

  it("labels the fresh and the holdout set the same way, with unique ids across all four sets", () => {
    expect(sets.fresh.length).toBeGreaterThanOrEqual(60);
    expect(sets.holdout.length).toBeGreaterThanOrEqual(60);
    const every = [...sets.public, ...sets.unseen, ...sets.fresh, ...sets.holdout];
    expect(new Set(every.map((q) => q.id)).size).toBe(every.length);
    for (const query of [...sets.fresh, ...sets.holdout]) expectLabelled(query);
    expect(sets.holdout.filter((q) => q.note.includes("[nomatch-topic;")).length).toBeGreaterThanOrEqual(10);
  });

  it("keeps the holdout set out of the cross-validation halves and of what tuning reads", () => {
    const halves = new Set(crossValidationHalves(sets).flat());
    const tuning = new Set(tuningRequests(sets));
    for (const query of sets.holdout) {
      expect(halves.has(query)).toBe(false);
      expect(tuning.has(query)).toBe(false);
    }
    expect(halves).toEqual(tuning);
  });

  it("splits the tuning sets in two fixed, disjoint halves with the same mix of answerable and no-match requests", () => {
    const [a, b] = crossValidationHalves(sets);
    const again = crossValidationHalves({
      public: [...sets.public].reverse(),
      unseen: [...sets.unseen].reverse(),
      fresh: [...sets.fresh].reverse(),
    });
    expect(again[0].map((q) => q.id).sort()).toEqual(a.map((q) => q.id).sort());
    expect(new Set([...a, ...b].map((q) => q.id)).size).toBe(sets.public.length + sets.unseen.length + sets.fresh.length);
    for (const inSet of [sets.public, sets.unseen, sets.fresh])
      for (const positive of [true, false]) {
        const count = (half: typeof a) => half.filter((q) => inSet.includes(q) && q.relevant.length > 0 === positive).length;
        expect(Math.abs(count(a) - count(b))).toBeLessThanOrEqual(1);
      }
    const other = crossValidationHalves(sets, 12);
    expect(other[0].map((q) => q.id).sort()).not.toEqual(a.map((q) => q.id).sort());
  });
});
