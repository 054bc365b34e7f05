/**
 * The nearest datasets in meaning without reading every vector (ADR 031): an inverted file of
 * cells. Spherical k-means (on a sample) puts the datasets' unit vectors into about √n cells; a
 * request is compared with the cells' centroids and then only with the datasets of its nearest
 * cells. Below EXACT_BELOW datasets every vector is read: that is fast enough, and exact.
 */

/** Up to this many datasets a match reads every vector (about 2 ms at 20,000 × 100 dimensions). */
export const EXACT_BELOW = 20_000;
/** Cells read per request; chosen on the synthetic bench's requests, not on evaluation requests (docs/benchmarks.md). */
export const PROBE_CELLS = 24;
/**
 * …or fewer: the nearest cells are read until they have held this many vectors (the cell that
 * reaches it is read whole). With √n cells of √n datasets, 24 cells hold 4,200 vectors at 30,000
 * datasets but 13,000 at 300,000, so the cost of meaning grew with the catalogue (issue 11's growth
 * target). Chosen on the synthetic bench, as PROBE_CELLS was: at 300,000 datasets 6,000 vectors
 * find 0.992 of the exact nearest 30, what 24 cells found at 100,000 (docs/benchmarks.md).
 */
export const READ_BUDGET = 6_000;
const SAMPLE_PER_CELL = 24;
const ITERATIONS = 8;

export interface MeaningCells {
  /** k centroids of unit length, one after another. */
  centroids: Float32Array;
  /** Each dataset's cell. */
  cell: Int32Array;
}

function random(seed: number) {
  let state = seed >>> 0 || 1;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 4294967296;
  };
}

function dot(a: Float32Array, aAt: number, b: Float32Array, bAt: number, dims: number): number {
  let sum = 0;
  for (let c = 0; c < dims; c++) sum += a[aAt + c]! * b[bAt + c]!;
  return sum;
}

function nearestCentroid(centroids: Float32Array, k: number, vectors: Float32Array, at: number, dims: number): number {
  let best = 0;
  let bestScore = -Infinity;
  for (let j = 0; j < k; j++) {
    const score = dot(centroids, j * dims, vectors, at, dims);
    if (score > bestScore) [best, bestScore] = [j, score];
  }
  return best;
}

/** The cells of n unit vectors (null below EXACT_BELOW, or when asked for fewer than two cells). */
export function buildCells(
  vectors: Float32Array,
  dims: number,
  options: { exactBelow?: number; cells?: number; seed?: number } = {},
): MeaningCells | null {
  const n = dims > 0 ? vectors.length / dims : 0;
  if (n < (options.exactBelow ?? EXACT_BELOW)) return null;
  const k = Math.min(options.cells ?? Math.round(Math.sqrt(n)), n);
  if (k < 2) return null;
  const next = random(options.seed ?? 31);
  // A sample trains the centroids (k-means on 100,000 × 316 cells would cost more than the SVD).
  const sampleSize = Math.min(n, k * SAMPLE_PER_CELL);
  const sample = Int32Array.from({ length: sampleSize }, (_, i) => (sampleSize === n ? i : Math.floor(next() * n)));
  const centroids = new Float32Array(k * dims);
  for (let j = 0; j < k; j++) centroids.set(vectors.subarray(sample[j]! * dims, sample[j]! * dims + dims), j * dims);
  const sums = new Float64Array(k * dims);
  const counts = new Int32Array(k);
  for (let iteration = 0; iteration < ITERATIONS; iteration++) {
    sums.fill(0);
    counts.fill(0);
    for (const d of sample) {
      const j = nearestCentroid(centroids, k, vectors, d * dims, dims);
      counts[j]!++;
      for (let c = 0; c < dims; c++) sums[j * dims + c] += vectors[d * dims + c]!;
    }
    for (let j = 0; j < k; j++) {
      let norm = 0;
      for (let c = 0; c < dims; c++) norm += sums[j * dims + c]! ** 2;
      norm = Math.sqrt(norm);
      // An empty cell starts again from a random sampled dataset.
      if (counts[j] === 0 || norm === 0) {
        const d = sample[Math.floor(next() * sampleSize)]!;
        centroids.set(vectors.subarray(d * dims, d * dims + dims), j * dims);
      } else for (let c = 0; c < dims; c++) centroids[j * dims + c] = sums[j * dims + c]! / norm;
    }
  }
  const cell = new Int32Array(n);
  for (let d = 0; d < n; d++) cell[d] = nearestCentroid(centroids, k, vectors, d * dims, dims);
  return { centroids, cell };
}

/** The datasets of each cell, as offsets into one list, and each dataset's cell (loaded once with the model). */
export interface CellLists {
  centroids: Float32Array;
  start: Int32Array;
  members: Int32Array;
  cell: Int32Array;
}

export function cellLists(cells: { centroids: Float32Array; cell: ArrayLike<number> }, dims: number): CellLists {
  const k = cells.centroids.length / dims;
  const start = new Int32Array(k + 1);
  for (let d = 0; d < cells.cell.length; d++) start[cells.cell[d]! + 1]!++;
  for (let j = 0; j < k; j++) start[j + 1]! += start[j]!;
  const fill = start.slice(0, k);
  const members = new Int32Array(cells.cell.length);
  for (let d = 0; d < cells.cell.length; d++) members[fill[cells.cell[d]!]!++] = d;
  return { centroids: cells.centroids, start, members, cell: Int32Array.from(cells.cell) };
}

/**
 * Keeps the best `limit` (index, score) pairs, best first, without an allocation per candidate. Of
 * equal scores the one of lower `rank` comes first; offered in rising rank (as `nearest` offers),
 * that is the one offered first.
 */
class Best {
  readonly index: Int32Array;
  readonly score: Float64Array;
  readonly rank: Float64Array;
  size = 0;
  private offered = 0;
  constructor(readonly limit: number) {
    this.index = new Int32Array(limit);
    this.score = new Float64Array(limit);
    this.rank = new Float64Array(limit);
  }
  get floor() {
    return this.size < this.limit ? -Infinity : this.score[this.limit - 1]!;
  }
  offer(index: number, score: number, rank = this.offered++) {
    if (this.size === this.limit && (score < this.floor || (score === this.floor && rank > this.rank[this.limit - 1]!))) return;
    let at = Math.min(this.size, this.limit - 1);
    while (at > 0 && (this.score[at - 1]! < score || (this.score[at - 1] === score && this.rank[at - 1]! > rank))) {
      this.score[at] = this.score[at - 1]!;
      this.index[at] = this.index[at - 1]!;
      this.rank[at] = this.rank[at - 1]!;
      at--;
    }
    this.score[at] = score;
    this.index[at] = index;
    this.rank[at] = rank;
    if (this.size < this.limit) this.size++;
  }
}

/**
 * The leading dimensions of a vector read before its bound decides whether the rest is read. The
 * LSA's directions come by falling singular value, so the first ones carry most of a dot product.
 */
const HEAD_DIMENSIONS = 32;
/** Headroom for rounding in the bounds: a vector or cell is skipped only when it surely scores under the best kept. */
const BOUND_SLACK = 1e-6;
/** The same for the angles of the cell bound (acos is steep near 1). */
const ANGLE_SLACK = 1e-4;

/** Each vector's length beyond HEAD_DIMENSIONS. */
function tailNorms(vectors: Float32Array, dims: number): Float64Array {
  const n = vectors.length / dims;
  const tails = new Float64Array(n);
  for (let d = 0; d < n; d++) {
    let sum = 0;
    for (let c = Math.min(HEAD_DIMENSIONS, dims); c < dims; c++) sum += vectors[d * dims + c]! ** 2;
    tails[d] = Math.sqrt(sum);
  }
  return tails;
}

/** Computed once per set of vectors (the loaded model's). */
const tailNormsOf = new WeakMap<Float32Array, Float64Array>();

/**
 * The vectors in cell order, with what the bounds need: a cell's members one after another, so
 * reading a cell reads memory in a row instead of jumping across the whole model (at 300,000
 * datasets that alone made the nearest cells three times faster); each member's tail length; and
 * per cell its members' largest length and largest angle to the centroid. Built once per model:
 * it costs as much memory again as the vectors.
 */
interface CellOrder {
  /** The vectors it was built from. */
  source: Float32Array;
  vectors: Float32Array;
  tails: Float64Array;
  length: Float64Array;
  angle: Float64Array;
}

const cellOrderOf = new WeakMap<CellLists, CellOrder>();

function cellOrder(cells: CellLists, vectors: Float32Array, dims: number): CellOrder {
  let order = cellOrderOf.get(cells);
  if (!order || order.source !== vectors) {
    const k = cells.start.length - 1;
    const ordered = new Float32Array(cells.members.length * dims);
    for (let m = 0; m < cells.members.length; m++)
      ordered.set(vectors.subarray(cells.members[m]! * dims, (cells.members[m]! + 1) * dims), m * dims);
    order = { source: vectors, vectors: ordered, tails: tailNorms(ordered, dims), length: new Float64Array(k), angle: new Float64Array(k) };
    for (let j = 0; j < k; j++) {
      const centroidLength = Math.sqrt(dot(cells.centroids, j * dims, cells.centroids, j * dims, dims));
      for (let m = cells.start[j]!; m < cells.start[j + 1]!; m++) {
        const length = Math.sqrt(dot(ordered, m * dims, ordered, m * dims, dims));
        const cos =
          length > 0 && centroidLength > 0 ? dot(cells.centroids, j * dims, ordered, m * dims, dims) / (length * centroidLength) : -1;
        order.length[j] = Math.max(order.length[j]!, length);
        order.angle[j] = Math.max(order.angle[j]!, Math.acos(Math.min(1, Math.max(-1, cos))));
      }
    }
    cellOrderOf.set(cells, order);
  }
  return order;
}

/**
 * The most any member of cell j can score against a query of length `queryLength` whose dot product
 * with the cell's centroid is `toCentroid`: the query's angle to the centroid less the members'
 * largest angle to it, at the members' largest length.
 */
function mostInCell(cells: CellLists, order: CellOrder, j: number, toCentroid: number, queryLength: number, dims: number): number {
  const centroidLength = Math.sqrt(dot(cells.centroids, j * dims, cells.centroids, j * dims, dims));
  const cos = queryLength > 0 && centroidLength > 0 ? toCentroid / (queryLength * centroidLength) : -1;
  const apart = Math.acos(Math.min(1, Math.max(-1, cos))) - order.angle[j]! - ANGLE_SLACK;
  // More than a right angle apart, no member scores above 0 (a shorter member would score nearer 0).
  return apart > 0 ? Math.max(0, Math.cos(apart)) * queryLength * order.length[j]! : queryLength * order.length[j]!;
}

/**
 * The `limit` vectors nearest the query (unit vectors: the dot product is the cosine), best first:
 * every vector without cells, else the vectors of the `probe` cells nearest the query, stopping
 * after the cell with which the cells taken hold `budget` vectors.
 *
 * Exact bounds skip work without changing the answer (issue 11): once `limit` vectors are kept, a
 * vector whose first HEAD_DIMENSIONS products plus the most its other dimensions can add (Cauchy–
 * Schwarz: |q_tail|·|v_tail|) stay under the weakest kept is not read further, and a cell whose
 * members are all too far from the query (its angle to the centroid less their largest angle to
 * it) is not read at all. Whatever is not skipped is summed in the same order as before, and
 * offered in the same order, so the answer is bit for bit that of reading everything.
 */
export function nearest(
  query: Float32Array,
  vectors: Float32Array,
  dims: number,
  limit: number,
  cells: CellLists | null = null,
  probe = PROBE_CELLS,
  budget = READ_BUDGET,
): { index: number; similarity: number }[] {
  const { best, offer } = boundedBest(query, dims, limit);
  if (!cells || probe >= cells.start.length - 1) {
    const tails = tailNormsFor(vectors, dims);
    const n = vectors.length / dims;
    for (let d = 0; d < n; d++) offer(vectors, d * dims, tails[d]!, d);
  } else {
    const k = cells.start.length - 1;
    const near = new Best(probe);
    for (let j = 0; j < k; j++) near.offer(j, dot(query, 0, cells.centroids, j * dims, dims));
    const order = cellOrder(cells, vectors, dims);
    const queryLength = Math.sqrt(dot(query, 0, query, 0, dims));
    let taken = 0;
    for (let p = 0; p < near.size && taken < budget; p++) {
      const j = near.index[p]!;
      taken += cells.start[j + 1]! - cells.start[j]!;
      if (best.size === limit && mostInCell(cells, order, j, near.score[p]!, queryLength, dims) + BOUND_SLACK < best.floor) continue;
      for (let m = cells.start[j]!; m < cells.start[j + 1]!; m++) offer(order.vectors, m * dims, order.tails[m]!, cells.members[m]!);
    }
  }
  return found(best);
}

/**
 * The `limit` nearest of some datasets (`lists` of indices into `vectors`: a named municipality's
 * own, ADR 034), best first, equal similarities in list order (the lists one after another), as a
 * stable sort of them all would give. The same exact bounds as `nearest`, so a dataset that cannot
 * be among the best is read only in its first dimensions, and nothing is allocated per dataset.
 * With `cells`, a list's datasets are read cell by cell, the cells nearest the query first, and a
 * cell whose members cannot beat the best kept is not read at all (issue 11: at 300,000 datasets a
 * municipality has ~6,000 spread over most cells); the answer is the same. A list must not change
 * once read: what is derived from it (its heads, its cells) is kept with it.
 */
export function nearestAmong(
  query: Float32Array,
  vectors: Float32Array,
  dims: number,
  limit: number,
  lists: ArrayLike<number>[],
  cells: CellLists | null = null,
): { index: number; similarity: number }[] {
  const { best, offerHead } = boundedBest(query, dims, limit);
  const stride = Math.min(HEAD_DIMENSIONS, dims);
  const order = cells && cellOrder(cells, vectors, dims);
  const queryLength = Math.sqrt(dot(query, 0, query, 0, dims));
  let offset = 0;
  for (const list of lists) {
    const { heads, tails } = listHeads(list, vectors, dims);
    if (!cells || !order) {
      for (let i = 0; i < list.length; i++) offerHead(heads, i * stride, vectors, list[i]! * dims, tails[i]!, list[i]!, offset + i);
    } else {
      const groups = listCells(list, cells);
      const toCentroid = new Float64Array(groups.cell.length);
      for (let g = 0; g < groups.cell.length; g++) toCentroid[g] = dot(query, 0, cells.centroids, groups.cell[g]! * dims, dims);
      const nearestFirst = Int32Array.from(groups.cell.keys()).sort((a, b) => toCentroid[b]! - toCentroid[a]! || a - b);
      for (const g of nearestFirst) {
        if (best.size === limit && mostInCell(cells, order, groups.cell[g]!, toCentroid[g]!, queryLength, dims) + BOUND_SLACK < best.floor)
          continue;
        for (let p = groups.start[g]!; p < groups.start[g + 1]!; p++) {
          const i = groups.positions[p]!;
          offerHead(heads, i * stride, vectors, list[i]! * dims, tails[i]!, list[i]!, offset + i);
        }
      }
    }
    offset += list.length;
  }
  return found(best);
}

/** A list's positions grouped by their datasets' cells: the cells present, and per cell its positions in list order. */
interface ListCells {
  cells: CellLists;
  cell: Int32Array;
  start: Int32Array;
  positions: Int32Array;
}

const listCellsOf = new WeakMap<ArrayLike<number>, ListCells>();

function listCells(list: ArrayLike<number>, cells: CellLists): ListCells {
  let kept = listCellsOf.get(list);
  if (!kept || kept.cells !== cells || kept.positions.length !== list.length) {
    const cellOf = cells.cell;
    const positions = Int32Array.from({ length: list.length }, (_, i) => i).sort((a, b) => cellOf[list[a]!]! - cellOf[list[b]!]! || a - b);
    const present: number[] = [];
    const start: number[] = [];
    positions.forEach((i, p) => {
      const j = cellOf[list[i]!]!;
      if (present[present.length - 1] !== j) {
        present.push(j);
        start.push(p);
      }
    });
    start.push(positions.length);
    kept = { cells, cell: Int32Array.from(present), start: Int32Array.from(start), positions };
    listCellsOf.set(list, kept);
  }
  return kept;
}

/**
 * A list's heads (its vectors' first HEAD_DIMENSIONS) one after another, with their tail lengths:
 * a named municipality's datasets lie scattered across the whole vector array, and at 300,000
 * datasets reading each one's head was a trip to main memory (1.5 ms of a match, issue 11).
 * Built once per list and vectors (the loaded model keeps its lists): 136 bytes a dataset.
 */
interface ListHeads {
  vectors: Float32Array;
  heads: Float32Array;
  tails: Float64Array;
}

const listHeadsOf = new WeakMap<ArrayLike<number>, ListHeads>();

function listHeads(list: ArrayLike<number>, vectors: Float32Array, dims: number): ListHeads {
  let kept = listHeadsOf.get(list);
  if (!kept || kept.vectors !== vectors || kept.tails.length !== list.length) {
    const stride = Math.min(HEAD_DIMENSIONS, dims);
    const all = tailNormsFor(vectors, dims);
    kept = { vectors, heads: new Float32Array(list.length * stride), tails: new Float64Array(list.length) };
    for (let i = 0; i < list.length; i++) {
      const index = list[i]!;
      kept.heads.set(vectors.subarray(index * dims, index * dims + stride), i * stride);
      kept.tails[i] = all[index]!;
    }
    listHeadsOf.set(list, kept);
  }
  return kept;
}

function tailNormsFor(vectors: Float32Array, dims: number): Float64Array {
  let tails = tailNormsOf.get(vectors);
  if (!tails) tailNormsOf.set(vectors, (tails = tailNorms(vectors, dims)));
  return tails;
}

/**
 * The bytes of what the searches above have built so far from these vectors, their cells and these
 * lists (each built once and kept: the tail lengths, the cell order, a list's heads and its grouping
 * by cell), so a memory figure counts them too.
 */
export function builtBytes(vectors: Float32Array, cells: CellLists | null, lists: Iterable<ArrayLike<number>>): number {
  let bytes = tailNormsOf.get(vectors)?.byteLength ?? 0;
  if (cells) {
    const order = cellOrderOf.get(cells);
    if (order) bytes += order.vectors.byteLength + order.tails.byteLength + order.length.byteLength + order.angle.byteLength;
  }
  for (const list of lists) {
    const heads = listHeadsOf.get(list);
    if (heads?.vectors === vectors) bytes += heads.heads.byteLength + heads.tails.byteLength;
    const grouped = listCellsOf.get(list);
    if (grouped && grouped.cells === cells) bytes += grouped.cell.byteLength + grouped.start.byteLength + grouped.positions.byteLength;
  }
  return bytes;
}

/** The best `limit` so far, and how a vector is offered to them: its head, then (unless its bound says it cannot be kept) the rest. */
function boundedBest(query: Float32Array, dims: number, limit: number) {
  const best = new Best(limit);
  const head = Math.min(HEAD_DIMENSIONS, dims);
  let queryTail = 0;
  for (let c = head; c < dims; c++) queryTail += query[c]! ** 2;
  queryTail = Math.sqrt(queryTail);
  /** Dataset `index`, whose vector is at `at` in `source`. */
  const offer = (source: Float32Array, at: number, tail: number, index: number) => {
    let sum = 0;
    for (let c = 0; c < head; c++) sum += query[c]! * source[at + c]!;
    if (best.size === limit && sum + queryTail * tail + BOUND_SLACK < best.floor) return;
    for (let c = head; c < dims; c++) sum += query[c]! * source[at + c]!;
    best.offer(index, sum);
  };
  /** The same, the head read from `heads` at `headAt` and the rest (when it is read) from `source` at `at`: the same sum in the same order; `rank` breaks ties (Best). */
  const offerHead = (heads: Float32Array, headAt: number, source: Float32Array, at: number, tail: number, index: number, rank?: number) => {
    let sum = 0;
    for (let c = 0; c < head; c++) sum += query[c]! * heads[headAt + c]!;
    if (best.size === limit && sum + queryTail * tail + BOUND_SLACK < best.floor) return;
    for (let c = head; c < dims; c++) sum += query[c]! * source[at + c]!;
    best.offer(index, sum, rank);
  };
  return { best, offer, offerHead };
}

function found(best: Best): { index: number; similarity: number }[] {
  return Array.from({ length: best.size }, (_, i) => ({ index: best.index[i]!, similarity: best.score[i]! }));
}
