/**
 * The meaning model's nearest-dataset search at a large catalogue (ADR 031): learns the model of a
 * synthetic catalogue (topics of features, as search/meaning/lsa.ts sees a dataset), then compares
 * reading every vector with reading the nearest cells only: milliseconds per request and how many
 * of the exact 30 nearest the cells find (recall@30), for several numbers of cells read, and for
 * the 24 cells stopped at each of --budgets vectors (READ_BUDGET). The requests are synthetic (a
 * few features of a topic), never evaluation requests.
 *
 *   node --import tsx test/bench/meaning-scan.ts [--datasets 100000] [--requests 300] [--budgets 4000,6000]
 */
import { parseArgs } from "node:util";
import { buildMeaningModel, project } from "../../search/meaning/lsa";
import { buildCells, cellLists, nearest, PROBE_CELLS } from "../../search/meaning/cells";

const { values } = parseArgs({
  options: { datasets: { type: "string", default: "100000" }, requests: { type: "string", default: "300" }, budgets: { type: "string" } },
});
const n = Number(values.datasets);
const requests = Number(values.requests);

let state = 7;
const uniform = () => (state = (Math.imul(state, 1664525) + 1013904223) >>> 0) / 4294967296;
const TOPICS = 600;
const VOCABULARY = 50_000;
// Each topic: 120 features, a few of them very common in it (Zipf-like).
const topics = Array.from({ length: TOPICS }, () => Array.from({ length: 120 }, () => `f${Math.floor(uniform() ** 1.5 * VOCABULARY)}`));
const pick = (topic: string[]) => topic[Math.floor(uniform() ** 2 * topic.length)]!;
function bag(size: number, topicsOf: string[][]) {
  const features = new Map<string, number>();
  for (let i = 0; i < size; i++) {
    const f = uniform() < 0.15 ? `f${Math.floor(uniform() ** 3 * VOCABULARY)}` : pick(topicsOf[Math.floor(uniform() * topicsOf.length)]!);
    features.set(f, (features.get(f) ?? 0) + 1);
  }
  return features;
}
const topicOf = () => topics[Math.floor(uniform() ** 1.3 * TOPICS)]!;
const documents = Array.from({ length: n }, () =>
  bag(40 + Math.floor(uniform() * 40), uniform() < 0.6 ? [topicOf()] : [topicOf(), topicOf()]),
);

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const rss = () => `${(process.memoryUsage().rss / 1e9).toFixed(2)} GB`;
let started = performance.now();
const { model, documentVectors } = buildMeaningModel(documents);
console.log(
  `${n} datasets: model (${model.features.size} features, ${model.dimensions} dimensions) learned in ${((performance.now() - started) / 1000).toFixed(1)} s, RSS ${rss()}`,
);
const dims = model.dimensions;
const vectors = new Float32Array(n * dims);
documentVectors.forEach((v, i) => vectors.set(v, i * dims));
started = performance.now();
const cells = buildCells(vectors, dims, { exactBelow: 0 })!;
const lists = cellLists(cells, dims);
const sizes = Array.from({ length: lists.start.length - 1 }, (_, j) => lists.start[j + 1]! - lists.start[j]!);
console.log(
  `cells: ${sizes.length} built in ${((performance.now() - started) / 1000).toFixed(1)} s; datasets per cell median ${median(sizes)}, largest ${Math.max(...sizes)}`,
);

const queries = Array.from({ length: requests }, () => project(model, bag(2 + Math.floor(uniform() * 3), [topicOf()])));
const exact: number[][] = [];
const exactMs: number[] = [];
for (const q of queries) {
  const t = performance.now();
  exact.push(nearest(q, vectors, dims, 30).map((hit) => hit.index));
  exactMs.push(performance.now() - t);
}
console.log(
  `every vector: median ${median(exactMs).toFixed(2)} ms, p95 ${[...exactMs].sort((a, b) => a - b)[Math.floor(requests * 0.95)]!.toFixed(2)} ms`,
);
/** Times one way of reading the nearest cells and counts how many of the exact 30 it finds. */
function measureCells(label: string, read: (query: Float32Array) => { index: number }[]) {
  const ms: number[] = [];
  let found = 0;
  queries.forEach((q, i) => {
    const t = performance.now();
    const hits = read(q);
    ms.push(performance.now() - t);
    const want = new Set(exact[i]);
    found += hits.filter((hit) => want.has(hit.index)).length / Math.max(1, want.size);
  });
  const sorted = [...ms].sort((a, b) => a - b);
  console.log(
    `${label}: median ${median(ms).toFixed(2)} ms, p95 ${sorted[Math.floor(requests * 0.95)]!.toFixed(2)} ms, recall@30 ${(found / requests).toFixed(3)}`,
  );
}
// Without a read budget: the cells alone.
for (const probe of [4, 8, 16, 24, 32, 48]) measureCells(`${probe} cells`, (q) => nearest(q, vectors, dims, 30, lists, probe, Infinity));
for (const budget of (values.budgets ?? "").split(",").filter(Boolean).map(Number))
  measureCells(`${PROBE_CELLS} cells or ${budget} vectors`, (q) => nearest(q, vectors, dims, 30, lists, PROBE_CELLS, budget));
console.log(`RSS ${rss()}`);
