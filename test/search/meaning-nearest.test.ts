import { describe, expect, it } from "vitest";
import { buildCells, cellLists, nearest, nearestAmong, PROBE_CELLS, type CellLists } from "../../search/meaning/cells";

/**
 * The nearest vectors skip work by exact bounds (issue 11); these tests hold them to the answer of
 * reading every vector of the probed cells in full, as nearest() did before: the same indices, in
 * the same order, with the same similarities bit for bit.
 */

/** nearest() before the bounds: every vector read in full, the best kept as it keeps them. */
function readingEverything(
  query: Float32Array,
  vectors: Float32Array,
  dims: number,
  limit: number,
  cells: CellLists | null,
  probe: number,
  budget = Infinity,
) {
  const dot = (a: Float32Array, aAt: number, b: Float32Array, bAt: number) => {
    let sum = 0;
    for (let c = 0; c < dims; c++) sum += a[aAt + c]! * b[bAt + c]!;
    return sum;
  };
  const keep = (list: { index: number; score: number }[], size: number, index: number, score: number) => {
    if (list.length === size && score <= list[size - 1]!.score) return;
    let at = list.findIndex((entry) => entry.score < score);
    if (at === -1) at = list.length;
    list.splice(at, 0, { index, score });
    if (list.length > size) list.pop();
  };
  const best: { index: number; score: number }[] = [];
  if (!cells || probe >= cells.start.length - 1) {
    for (let d = 0; d < vectors.length / dims; d++) keep(best, limit, d, dot(query, 0, vectors, d * dims));
  } else {
    const near: { index: number; score: number }[] = [];
    for (let j = 0; j < cells.start.length - 1; j++) keep(near, probe, j, dot(query, 0, cells.centroids, j * dims));
    let taken = 0;
    for (const { index: j } of near) {
      if (taken >= budget) break;
      taken += cells.start[j + 1]! - cells.start[j]!;
      for (let m = cells.start[j]!; m < cells.start[j + 1]!; m++) {
        const d = cells.members[m]!;
        keep(best, limit, d, dot(query, 0, vectors, d * dims));
      }
    }
  }
  return best.map(({ index, score }) => ({ index, similarity: score }));
}

function randomness(seed: number) {
  let state = seed;
  return () => (state = (Math.imul(state, 1664525) + 1013904223) >>> 0) / 4294967296;
}

function unit(vector: Float32Array) {
  let sum = 0;
  for (const x of vector) sum += x * x;
  return vector.map((x) => x / Math.sqrt(sum));
}

/**
 * Unit vectors shaped like the meaning model's: 100 dimensions whose spread falls off as an LSA's
 * singular values do, in clusters, with exact copies (a dataset published again by another
 * municipality) and near copies among them.
 */
function catalogue(n: number, seed: number) {
  const dims = 100;
  const uniform = randomness(seed);
  const spread = (c: number) => 1 / (1 + c / 8);
  const direction = () => unit(Float32Array.from({ length: dims }, (_, c) => (uniform() - 0.5) * spread(c)));
  const centres = Array.from({ length: 60 }, direction);
  const vectors = new Float32Array(n * dims);
  for (let i = 0; i < n; i++) {
    if (i % 7 === 6) {
      vectors.copyWithin(i * dims, (i - 1) * dims, i * dims);
      continue;
    }
    const noise = i % 5 === 0 ? 0.02 : 0.4;
    const centre = centres[Math.floor(uniform() * centres.length)]!;
    vectors.set(unit(centre.map((x, c) => x + (uniform() - 0.5) * noise * spread(c))), i * dims);
  }
  return { dims, vectors, queries: Array.from({ length: 40 }, (_, q) => (q % 2 ? direction() : centres[q % centres.length]!)) };
}

describe("the nearest vectors, with work skipped by exact bounds", () => {
  it("gives the answer of reading every vector in full, below the size where cells pay", () => {
    const { dims, vectors, queries } = catalogue(3_000, 7);
    for (const query of queries)
      for (const limit of [1, 10, 30])
        expect(nearest(query, vectors, dims, limit)).toEqual(readingEverything(query, vectors, dims, limit, null, 0));
  });

  it("gives the answer of reading every vector of the probed cells in full", () => {
    const { dims, vectors, queries } = catalogue(6_000, 11);
    const cells = cellLists(buildCells(vectors, dims, { exactBelow: 1_000 })!, dims);
    for (const query of queries)
      for (const probe of [1, 4, PROBE_CELLS, 1_000])
        expect(nearest(query, vectors, dims, 30, cells, probe)).toEqual(readingEverything(query, vectors, dims, 30, cells, probe));
  });

  it("stops reading cells once they have held the budget's vectors, the last cell read whole, as reading them in full would", () => {
    const { dims, vectors, queries } = catalogue(6_000, 17);
    const cells = cellLists(buildCells(vectors, dims, { exactBelow: 1_000 })!, dims);
    const cellOf = new Map(Array.from(cells.members, (d, m) => [d, cells.start.findLastIndex((start) => start <= m)]));
    for (const query of queries) {
      for (const budget of [1, 150, 500, 6_000])
        expect(nearest(query, vectors, dims, 30, cells, PROBE_CELLS, budget)).toEqual(
          readingEverything(query, vectors, dims, 30, cells, PROBE_CELLS, budget),
        );
      // A budget of one vector reads the nearest cell only: every dataset found is of one cell.
      const found = nearest(query, vectors, dims, 30, cells, PROBE_CELLS, 1);
      expect(found.length).toBeGreaterThan(0);
      expect(new Set(found.map((hit) => cellOf.get(hit.index))).size).toBe(1);
    }
  });

  it("gives the nearest of some datasets' lists (a named municipality's own) as reading each of them in full, in list order, every time", () => {
    const { dims, vectors, queries } = catalogue(6_000, 13);
    const cells = cellLists(buildCells(vectors, dims, { exactBelow: 1_000 })!, dims);
    // Scattered across the vectors as a municipality's datasets are, exact copies included; two
    // lists read one after the other, as for two named municipalities.
    const lists = [
      Array.from({ length: 6_000 }, (_, d) => d).filter((d) => d % 49 === 3 || d % 49 === 4),
      Array.from({ length: 6_000 }, (_, d) => d).filter((d) => d % 49 === 20),
    ];
    const inOrder = (chosen: number[][]) => {
      const picked = new Float32Array(chosen.flat().length * dims);
      chosen.flat().forEach((d, i) => picked.set(vectors.subarray(d * dims, (d + 1) * dims), i * dims));
      return picked;
    };
    for (const chosen of [[lists[0]!], lists]) {
      const indices = chosen.flat();
      // Twice: the second reads the heads kept from the first.
      for (const round of [1, 2])
        for (const query of queries)
          for (const limit of [1, 10, 30]) {
            const reference = readingEverything(query, inOrder(chosen), dims, limit, null, 0).map(({ index, similarity }) => ({
              index: indices[index]!,
              similarity,
            }));
            expect(nearestAmong(query, vectors, dims, limit, chosen), `round ${round}`).toEqual(reference);
            // Read cell by cell, nearest cells first, far cells skipped by their bound: the same answer.
            expect(nearestAmong(query, vectors, dims, limit, chosen, cells), `round ${round}, by cells`).toEqual(reference);
          }
    }
  });

  it("keeps list order among equal similarities when it reads a list cell by cell", () => {
    // Each vector and its mirror in the second dimension score exactly the same against a query with
    // nothing there. The cells are made by hand: the originals in one, the mirrors in another whose
    // centroid is nearer every query (so it is read first), and a third cell facing away from the
    // queries. The list holds the originals first, so of each tied pair the original comes first.
    const dims = 3;
    const next = randomness(5);
    const pairs = Array.from({ length: 100 }, () => unit(Float32Array.from([0.2 + next(), 0.3 + next(), next() - 0.5])));
    const away = Array.from({ length: 50 }, () => unit(Float32Array.from([-1 - next(), next() - 0.5, next() - 0.5])));
    const vectors = new Float32Array((pairs.length * 2 + away.length) * dims);
    const cell: number[] = [];
    pairs.forEach((v, i) => {
      vectors.set(v, 2 * i * dims);
      vectors.set([v[0]!, -v[1]!, v[2]!], (2 * i + 1) * dims);
      cell.push(0, 1);
    });
    away.forEach((v, i) => {
      vectors.set(v, (pairs.length * 2 + i) * dims);
      cell.push(2);
    });
    const mean = (c: number) => {
      const sum = new Float32Array(dims);
      cell.forEach((j, d) => j === c && vectors.subarray(d * dims, (d + 1) * dims).forEach((x, k) => (sum[k] = sum[k]! + x)));
      return sum;
    };
    // The originals' centroid at half its length: the same direction (the bound depends on angles
    // only), but a smaller dot product with every query.
    const centroids = Float32Array.from([...mean(0).map((x) => x / 2), ...mean(1), ...mean(2)]);
    const cells = cellLists({ centroids, cell }, dims);
    const list = [...cell.keys()].sort((a, b) => (a % 2) - (b % 2) || a - b);
    for (const angle of [-0.4, 0, 0.3, 0.8]) {
      const query = Float32Array.from([Math.cos(angle), 0, Math.sin(angle)]);
      const toCentroid = (j: number) => query.reduce((sum, x, k) => sum + x * centroids[j * dims + k]!, 0);
      expect(toCentroid(1)).toBeGreaterThan(toCentroid(0));
      for (const limit of [1, 5, 31]) {
        const reference = readingEverything(
          query,
          Float32Array.from(list.flatMap((d) => [...vectors.subarray(d * dims, (d + 1) * dims)])),
          dims,
          limit,
          null,
          0,
        ).map(({ index, similarity }) => ({ index: list[index]!, similarity }));
        // The tie is there: the best has a mirror of equal similarity, which the answer leaves out or puts after.
        expect(reference[0]!.index % 2).toBe(0);
        expect(nearestAmong(query, vectors, dims, limit, [list], cells)).toEqual(reference);
      }
    }
  });

  it("answers a query of zeros (nothing known) and a catalogue smaller than the limit as before", () => {
    const { dims, vectors } = catalogue(20, 3);
    const zeros = new Float32Array(dims);
    expect(nearest(zeros, vectors, dims, 30)).toEqual(readingEverything(zeros, vectors, dims, 30, null, 0));
    expect(nearest(vectors.slice(0, dims), vectors, dims, 30)).toHaveLength(20);
  });
});
