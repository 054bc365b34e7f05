import { EigenvalueDecomposition, Matrix } from "ml-matrix";
import { fold, tokenize } from "../language/text";
import { roleOf } from "../language/request-language";

/**
 * Meaning learned from the catalogue itself (issue 11, ADR 031): latent semantic analysis. Every
 * dataset is a bag of features — the Swedish (or English) stems of its words and the character
 * 4-grams inside each word — weighted by TF-IDF, and a truncated SVD of that matrix puts datasets
 * and words whose features co-occur near each other. A request is projected into the same space;
 * the cosine of a request and a dataset is the meaning score. No database here: the stems come in
 * from the caller (PostgreSQL's text search configurations, the lexicon's).
 */

/** Latent dimensions; LSA's usual range is 100–300, and a regional catalogue has few topics. */
export const DEFAULT_DIMENSIONS = 100;
/** Extra random directions and power iterations of the randomized range finder (Halko et al. 2011). */
const OVERSAMPLING = 10;
const POWER_ITERATIONS = 2;
const GRAM = 4;
/** How much a field's words count: the title names the data, keywords tag it, the description talks. */
export const FIELD_WEIGHT = { title: 3, keywords: 2, description: 1 } as const;
/** Features kept at most: bounds the model's memory at a national catalogue (ADR 031). */
const MAX_FEATURES = 60_000;

export type MeaningField = keyof typeof FIELD_WEIGHT;
export interface MeaningText {
  /** Swedish text of each field (untagged and other languages count as Swedish). */
  sv: Partial<Record<MeaningField, string>>;
  en: Partial<Record<MeaningField, string>>;
}

/** Stems of folded words, per language; a word missing from a map is its own stem. */
export interface Stems {
  sv: Map<string, string>;
  en: Map<string, string>;
}

export interface MeaningModel {
  dimensions: number;
  /** Feature → its direction in the latent space, times its IDF: a request is the sum of its features'. */
  features: Map<string, Float32Array>;
}

/**
 * The words of a text that carry meaning, folded: not stop words, not digits alone, and in a
 * request not the words of the errand around it ("behöver", "hitta").
 */
export function meaningWords(text: string, options: { request?: boolean } = {}): string[] {
  return tokenize(text)
    .map((t) => t.folded)
    .filter((w) => {
      const role = roleOf(w);
      return w.length > 1 && !/^\d+$/.test(w) && role !== "stop" && !(options.request && role === "errand");
    });
}

/** The features of one word and how much each counts: its stem, and its 4-grams sharing the stem's weight. */
export function wordFeatures(word: string, stem: string | undefined, language: "sv" | "en", into: Map<string, number>, weight: number) {
  const add = (feature: string, w: number) => into.set(feature, (into.get(feature) ?? 0) + w);
  add(`${language === "en" ? "e" : "s"}:${fold(stem ?? word)}`, weight);
  // In-word n-grams find the parts of compounds ("detaljplan" and "planer") and misspellings.
  const padded = `^${word}$`;
  if (padded.length <= GRAM) return;
  const grams = padded.length - GRAM + 1;
  for (let i = 0; i < grams; i++) add(`g:${padded.slice(i, i + GRAM)}`, weight / Math.sqrt(grams));
}

export function textFeatures(text: MeaningText, stems: Stems): Map<string, number> {
  const features = new Map<string, number>();
  for (const language of ["sv", "en"] as const)
    for (const field of Object.keys(FIELD_WEIGHT) as MeaningField[])
      for (const word of meaningWords(text[language][field] ?? ""))
        wordFeatures(word, stems[language].get(word), language, features, FIELD_WEIGHT[field]);
  return features;
}

/** A seeded normal variate source: the same catalogue gives the same model on every run. */
function gaussian(seed: number) {
  let state = seed >>> 0 || 1;
  const uniform = () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return (state + 0.5) / 4294967296;
  };
  return () => Math.sqrt(-2 * Math.log(uniform())) * Math.cos(2 * Math.PI * uniform());
}

interface SparseRows {
  /** Per document: feature indexes and weights. */
  index: Int32Array[];
  value: Float64Array[];
  features: number;
}

/** A dense tall matrix, row-major in one typed array: the products over it are the build's hot loops. */
interface Dense {
  rows: number;
  cols: number;
  data: Float64Array;
}

/** X·M for sparse X (documents × features) and dense M (features × l). */
function times(x: SparseRows, m: Dense): Dense {
  const l = m.cols;
  const out: Dense = { rows: x.index.length, cols: l, data: new Float64Array(x.index.length * l) };
  for (let d = 0; d < x.index.length; d++) {
    const idx = x.index[d]!;
    const val = x.value[d]!;
    const at = d * l;
    for (let j = 0; j < idx.length; j++) {
      const from = idx[j]! * l;
      const v = val[j]!;
      for (let c = 0; c < l; c++) out.data[at + c] += v * m.data[from + c]!;
    }
  }
  return out;
}

/** Xᵀ·M for sparse X (documents × features) and dense M (documents × l). */
function transposeTimes(x: SparseRows, m: Dense): Dense {
  const l = m.cols;
  const out: Dense = { rows: x.features, cols: l, data: new Float64Array(x.features * l) };
  for (let d = 0; d < x.index.length; d++) {
    const idx = x.index[d]!;
    const val = x.value[d]!;
    const from = d * l;
    for (let j = 0; j < idx.length; j++) {
      const at = idx[j]! * l;
      const v = val[j]!;
      for (let c = 0; c < l; c++) out.data[at + c] += v * m.data[from + c]!;
    }
  }
  return out;
}

/** MᵀM, the small l × l Gram matrix, for ml-matrix. */
function gram(m: Dense): Matrix {
  const l = m.cols;
  const g = new Float64Array(l * l);
  for (let r = 0; r < m.rows; r++) {
    const at = r * l;
    for (let a = 0; a < l; a++) {
      const va = m.data[at + a]!;
      if (va === 0) continue;
      for (let b = a; b < l; b++) g[a * l + b] += va * m.data[at + b]!;
    }
  }
  const out = new Matrix(l, l);
  for (let a = 0; a < l; a++) for (let b = a; b < l; b++) out.set(a, b, g[a * l + b]!).set(b, a, g[a * l + b]!);
  return out;
}

/** M·W for dense tall M and small W. */
function timesSmall(m: Dense, w: Matrix): Dense {
  const l = m.cols;
  const cols = w.columns;
  const wd = Float64Array.from(w.to1DArray());
  const out: Dense = { rows: m.rows, cols, data: new Float64Array(m.rows * cols) };
  for (let r = 0; r < m.rows; r++)
    for (let a = 0; a < l; a++) {
      const v = m.data[r * l + a]!;
      if (v === 0) continue;
      for (let c = 0; c < cols; c++) out.data[r * cols + c] += v * wd[a * cols + c]!;
    }
  return out;
}

/**
 * An orthonormal basis of M's columns from the eigenvectors of its Gram matrix (M W Λ^-½); a
 * second pass cleans the rounding where orthonormality matters (the last basis): l × l work for ml-matrix instead of a QR of the tall matrix,
 * which ml-matrix does element by element (minutes at 100,000 datasets).
 */
function orthonormal(m: Dense, passes = 1): Dense {
  let q = m;
  for (let pass = 0; pass < passes; pass++) {
    const eigen = new EigenvalueDecomposition(gram(q), { assumeSymmetric: true });
    const values = eigen.realEigenvalues;
    const largest = Math.max(...values);
    const keep = values.map((value, i) => [value, i] as const).filter(([value]) => value > largest * 1e-12);
    const vectors = eigen.eigenvectorMatrix;
    const w = new Matrix(q.cols, keep.length);
    for (let r = 0; r < q.cols; r++) keep.forEach(([value, i], c) => w.set(r, c, vectors.get(r, i) / Math.sqrt(value)));
    q = timesSmall(q, w);
  }
  return q;
}

/**
 * The model of a catalogue: TF-IDF (log term frequency, smoothed IDF, unit-length rows), then a
 * randomized truncated SVD X ≈ U Σ Vᵀ. Features are V's rows times their IDF, so a request's
 * vector is its TF-IDF row times V, the way a dataset's is (U Σ = X V).
 */
export function buildMeaningModel(documents: Map<string, number>[], options: { dimensions?: number; seed?: number } = {}) {
  const n = documents.length;
  const df = new Map<string, number>();
  for (const doc of documents) for (const feature of doc.keys()) df.set(feature, (df.get(feature) ?? 0) + 1);
  // A feature of one dataset relates it to nothing; in a tiny catalogue every feature is kept.
  const minDf = n >= 200 ? 2 : 1;
  const kept = [...df]
    .filter(([, count]) => count >= minDf && count < n)
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, MAX_FEATURES);
  const position = new Map(kept.map(([feature], i) => [feature, i]));
  const idf = Float64Array.from(kept, ([, count]) => Math.log((1 + n) / (1 + count)) + 1);

  const x: SparseRows = { index: [], value: [], features: kept.length };
  for (const doc of documents) {
    const entries = [...doc].flatMap(([feature, tf]) => {
      const i = position.get(feature);
      return i === undefined ? [] : [[i, Math.log1p(tf) * idf[i]!] as const];
    });
    const norm = Math.sqrt(entries.reduce((sum, [, v]) => sum + v * v, 0)) || 1;
    x.index.push(Int32Array.from(entries, ([i]) => i));
    x.value.push(Float64Array.from(entries, ([, v]) => v / norm));
  }

  // Nothing to relate: an empty catalogue, or one dataset.
  if (n < 2 || kept.length < 2) {
    const empty: MeaningModel = { dimensions: 0, features: new Map() };
    return { model: empty, documentVectors: documents.map(() => new Float32Array(0)) };
  }
  const k = Math.max(1, Math.min(options.dimensions ?? DEFAULT_DIMENSIONS, n - 1, kept.length - 1));
  const l = Math.min(k + OVERSAMPLING, n, kept.length);
  const normal = gaussian(options.seed ?? 31);
  const omega: Dense = { rows: kept.length, cols: l, data: Float64Array.from({ length: kept.length * l }, normal) };
  // The power iterations need only the span; the last basis must be orthonormal to the last digits.
  let q = orthonormal(times(x, omega));
  for (let i = 0; i < POWER_ITERATIONS; i++)
    q = orthonormal(times(x, orthonormal(transposeTimes(x, q))), i === POWER_ITERATIONS - 1 ? 2 : 1);
  // B = Qᵀ X is l × features; its SVD comes from the small l × l eigenproblem of B Bᵀ.
  const bt = transposeTimes(x, q);
  const eigen = new EigenvalueDecomposition(gram(bt), { assumeSymmetric: true });
  const order = eigen.realEigenvalues
    .map((value, i) => [value, i] as const)
    .sort((a, b) => b[0] - a[0])
    .slice(0, k)
    .filter(([value]) => value > 1e-10);
  const dimensions = order.length;
  // V = Bᵀ U_B Σ⁻¹: features × dimensions.
  const ub = eigen.eigenvectorMatrix;
  const scaled = new Matrix(ub.rows, dimensions);
  for (let r = 0; r < ub.rows; r++)
    for (let c = 0; c < dimensions; c++) scaled.set(r, c, ub.get(r, order[c]![1]) / Math.sqrt(order[c]![0]));
  const v = timesSmall(bt, scaled);

  const features = new Map<string, Float32Array>();
  kept.forEach(([feature], i) =>
    features.set(
      feature,
      Float32Array.from(v.data.subarray(i * dimensions, (i + 1) * dimensions), (value) => value * idf[i]!),
    ),
  );
  const model: MeaningModel = { dimensions, features };
  return { model, documentVectors: documents.map((doc) => project(model, doc)) };
}

/** A bag of features (TF counts) in the latent space, unit length (zero when nothing is known). */
export function project(model: MeaningModel, features: Map<string, number>): Float32Array {
  const vector = new Float32Array(model.dimensions);
  for (const [feature, tf] of features) {
    const direction = model.features.get(feature);
    if (!direction) continue;
    const w = Math.log1p(tf);
    for (let c = 0; c < vector.length; c++) vector[c] += w * direction[c]!;
  }
  return normalised(vector);
}

export function normalised(vector: Float32Array): Float32Array {
  let sum = 0;
  for (const value of vector) sum += value * value;
  const norm = Math.sqrt(sum);
  if (norm > 0) for (let c = 0; c < vector.length; c++) vector[c] /= norm;
  return vector;
}

export function cosine(a: Float32Array, b: Float32Array, offset = 0): number {
  let sum = 0;
  for (let c = 0; c < a.length; c++) sum += a[c]! * b[offset + c]!;
  return sum;
}

/** Float32 vectors as bytes (little-endian) for a bytea column, and back. */
export function vectorBytes(vector: Float32Array): Buffer {
  const out = Buffer.alloc(vector.length * 4);
  vector.forEach((value, i) => out.writeFloatLE(value, i * 4));
  return out;
}

export function bytesVector(bytes: Uint8Array): Float32Array {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return Float32Array.from({ length: bytes.byteLength / 4 }, (_, i) => view.getFloat32(i * 4, true));
}

/**
 * A request's features: each word as a Swedish and as an English stem (the catalogue knows the
 * one it uses) and its 4-grams, once.
 */
export function requestFeatures(words: string[], stems: Stems): Map<string, number> {
  const features = new Map<string, number>();
  for (const word of words) {
    wordFeatures(word, stems.sv.get(word), "sv", features, 1);
    const en = `e:${fold(stems.en.get(word) ?? word)}`;
    features.set(en, (features.get(en) ?? 0) + 1);
  }
  return features;
}

/**
 * How much of a request the model knows, 0..1: the mean over its words of 1 for a word whose
 * Swedish or English stem is a feature, else the share of its 4-grams that are. A request whose
 * words the catalogue never uses is projected from the few it does (a place, a stray n-gram), so
 * its nearest datasets say little; its meaning counts by this share.
 */
export function requestCoverage(model: MeaningModel, words: string[], stems: Stems): number {
  if (words.length === 0) return 0;
  let known = 0;
  for (const word of words) {
    if (model.features.has(`s:${fold(stems.sv.get(word) ?? word)}`) || model.features.has(`e:${fold(stems.en.get(word) ?? word)}`)) {
      known += 1;
      continue;
    }
    const grams = new Map<string, number>();
    wordFeatures(word, undefined, "sv", grams, 1);
    const ngrams = [...grams.keys()].filter((feature) => feature.startsWith("g:"));
    if (ngrams.length) known += ngrams.filter((feature) => model.features.has(feature)).length / ngrams.length;
  }
  return known / words.length;
}
