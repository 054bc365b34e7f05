import { describe, expect, it } from "vitest";
import { fuse, fuseLearning, type LexicalHit } from "../../search/matching/fusion";

/**
 * Two datasets with the same score are listed in the same order on every run and every database:
 * by their address, which the catalogue gives them, not by the id a harvest draws at random (the
 * first page of 50 and the bench's figures depended on that draw).
 */
const hit = (id: string, uri: string, score: number): LexicalHit => ({
  id,
  uri,
  title: uri,
  publisher: null,
  publisherKommunkod: "1490",
  score,
});

describe("the order of datasets with equal scores", () => {
  it("follows the datasets' addresses, whatever their ids", () => {
    const first = [hit("f", "https://example.org/a", 0.4), hit("0", "https://example.org/b", 0.4)];
    const second = [hit("0", "https://example.org/a", 0.4), hit("f", "https://example.org/b", 0.4)];
    for (const hits of [first, second]) {
      expect(fuse(hits, [], { method: "weighted", weight: 0.6, kommunkoder: [] }).map((d) => d.uri)).toEqual([
        "https://example.org/a",
        "https://example.org/b",
      ]);
      expect(fuseLearning(hits, [{ ...hits[0]!, learned: 0 }], { share: 0.25, kommunkoder: [] }).map((d) => d.uri)).toEqual([
        "https://example.org/a",
        "https://example.org/b",
      ]);
    }
  });
});
