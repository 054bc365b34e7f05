import { Readable, Transform } from "node:stream";
import { sql, type Transaction } from "kysely";
import type { Database } from "../../db/schema";
import { CatalogueGraph, PROPERTY } from "../catalogue/catalogue-graph.server";
import { mapDatasets, type DatasetFailure, type ParsedDataset } from "../catalogue/dcat.server";
import { readQuads, type CatalogueFormat, type RdfQuad, type RdfTerm } from "../catalogue/rdf-read.server";

/**
 * A streamed RDF/XML or Turtle catalogue: the triples the mapping reads go, as the parser emits
 * them, into a temporary table of the run's transaction (no WAL, dropped at commit or rollback);
 * datasets are then mapped from there a batch at a time. RDF is a graph: a dataset's distributions
 * and publisher may stand anywhere in the file, so nothing can be mapped before the file has
 * ended, and the graph must live somewhere other than the heap (ADR 005).
 */
const RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type";
const DCAT_DATASET = "http://www.w3.org/ns/dcat#Dataset";
/** Predicates by number: a million rows share a handful of small integers instead of IRIs. */
const PREDICATES: string[] = [...new Set<string>(Object.values(PROPERTY))];
const PREDICATE_NUMBER = new Map(PREDICATES.map((iri, index) => [iri, index]));
const DATASET_PREDICATE = PREDICATE_NUMBER.get(PROPERTY.dataset)!;
const PUBLISHER_PREDICATE = PREDICATE_NUMBER.get(PROPERTY.publisher)!;
const LANGUAGE_PREDICATE = PREDICATE_NUMBER.get(PROPERTY.language)!;
const KIND = { NamedNode: 0, BlankNode: 1, Literal: 2 } as const;
const KIND_NAMES = ["NamedNode", "BlankNode", "Literal"];

const STAGE_ROWS = 5000;
export const MAP_BATCH = 1000;

interface StagedRow {
  n: number;
  s: string;
  s_kind: number;
  p: number;
  o: string;
  o_kind: number;
  lang: string | null;
}

/** Parses the stream into the run's staging tables; returns the number of datasets found. */
export async function stageCatalogue(
  trx: Transaction<Database>,
  input: Readable,
  options: { format: CatalogueFormat; baseIri?: string; onNul: () => void; onWarning: (message: string) => void },
): Promise<number> {
  await sql`CREATE TEMP TABLE harvest_triples (n bigint, s text, s_kind smallint, p smallint, o text, o_kind smallint, lang text) ON COMMIT DROP`.execute(trx);
  await sql`CREATE TEMP TABLE harvest_dataset_subjects (n bigint, s text, s_kind smallint) ON COMMIT DROP`.execute(trx);

  let rows: StagedRow[] = [];
  let subjects: { n: number; s: string; s_kind: number }[] = [];
  let counter = 0;
  let pending: Promise<void> = Promise.resolve();
  let inFlight = 0;
  let failure: unknown = null;
  const waiters: (() => void)[] = [];

  const flush = () => {
    const triples = rows;
    const datasets = subjects;
    rows = [];
    subjects = [];
    inFlight++;
    pending = pending
      .then(async () => {
        if (failure) return;
        if (triples.length > 0) {
          await sql`INSERT INTO harvest_triples SELECT * FROM unnest(
            ${triples.map((r) => r.n)}::bigint[], ${triples.map((r) => r.s)}::text[],
            ${triples.map((r) => r.s_kind)}::smallint[], ${triples.map((r) => r.p)}::smallint[],
            ${triples.map((r) => r.o)}::text[], ${triples.map((r) => r.o_kind)}::smallint[], ${triples.map((r) => r.lang)}::text[])`.execute(trx);
        }
        if (datasets.length > 0) {
          await sql`INSERT INTO harvest_dataset_subjects SELECT * FROM unnest(
            ${datasets.map((d) => d.n)}::bigint[], ${datasets.map((d) => d.s)}::text[], ${datasets.map((d) => d.s_kind)}::smallint[])`.execute(trx);
        }
      })
      .catch((error) => {
        failure ??= error;
      })
      .finally(() => {
        inFlight--;
        waiters.splice(0).forEach((wake) => wake());
      });
  };

  const clean = (value: string) => {
    if (!value.includes("\0")) return value;
    options.onNul();
    return value.replaceAll("\0", "");
  };

  const onQuad = (quad: RdfQuad) => {
    counter++;
    if (quad.predicate.value === RDF_TYPE) {
      if (quad.object.value === DCAT_DATASET) {
        subjects.push({ n: counter, s: clean(quad.subject.value), s_kind: KIND[quad.subject.termType as keyof typeof KIND] ?? 0 });
      }
      return;
    }
    const p = PREDICATE_NUMBER.get(quad.predicate.value);
    if (p === undefined) return;
    rows.push({
      n: counter,
      s: clean(quad.subject.value),
      s_kind: KIND[quad.subject.termType as keyof typeof KIND] ?? 0,
      p,
      o: clean(quad.object.value),
      o_kind: KIND[quad.object.termType as keyof typeof KIND] ?? 2,
      lang: quad.object.language || null,
    });
    if (rows.length >= STAGE_ROWS) flush();
  };

  // Back-pressure: the parser gets its next piece of the file only once at most two batches of
  // triples wait for PostgreSQL, so a parser faster than the database never fills the heap.
  const gate = new Transform({
    transform(chunk, _encoding, done) {
      const go = () => (inFlight <= 2 || failure ? done(failure as Error | null, chunk) : waiters.push(go));
      go();
    },
  });
  input.on("error", (error) => gate.destroy(error));
  // What the reader repaired (invalid IRIs left out, NUL removed) becomes the run's warnings.
  const report = (await readQuads(input.pipe(gate), { format: options.format, baseIri: options.baseIri }, onQuad)) as
    | { warnings?: string[] }
    | void;
  for (const warning of report?.warnings ?? []) options.onWarning(warning);
  flush();
  await pending;
  if (failure) throw failure;

  // Built after loading: one index build is far cheaper than keeping it up to date per row.
  await sql`CREATE INDEX ON harvest_triples (s)`.execute(trx);
  await sql`CREATE INDEX ON harvest_triples (o) WHERE p = ${sql.lit(DATASET_PREDICATE)}`.execute(trx);
  await sql`CREATE INDEX ON harvest_dataset_subjects (n)`.execute(trx);
  await sql`CREATE INDEX ON harvest_dataset_subjects (s)`.execute(trx);
  // Temporary tables are never analysed by autovacuum; without statistics the planner guesses.
  await sql`ANALYZE harvest_triples`.execute(trx);
  await sql`ANALYZE harvest_dataset_subjects`.execute(trx);
  const { rows: count } = await sql<{ count: number }>`SELECT count(DISTINCT s)::int AS count FROM harvest_dataset_subjects`.execute(trx);
  return count[0].count;
}

interface TripleRow {
  s: string;
  s_kind: number;
  p: number;
  o: string;
  o_kind: number;
  lang: string | null;
}

function term(value: string, kind: number, language?: string | null): RdfTerm {
  return language ? { termType: KIND_NAMES[kind], value, language } : { termType: KIND_NAMES[kind], value };
}

/**
 * The staged datasets, mapped a batch at a time in the order of the file. Each batch reads its
 * datasets' triples and those of the nodes they point at, two steps deep (distribution → format
 * node, dataset → keyword node), and each catalogue's publisher once.
 */
export async function* mappedBatches(
  trx: Transaction<Database>,
  baseIri: string | null,
): AsyncGenerator<{ datasets: ParsedDataset[]; failures: DatasetFailure[]; warnings: DatasetFailure[] }> {
  const derivedUris = new Set<string>();
  const catalogueRows = new Map<string, TripleRow[]>();
  let last = 0;
  for (;;) {
    // The first typing of a subject counts; a dataset typed twice is mapped once.
    const { rows: batch } = await sql<{ n: number; s: string; s_kind: number }>`
      SELECT d.n, d.s, d.s_kind FROM harvest_dataset_subjects d
      WHERE d.n > ${last} AND NOT EXISTS (SELECT 1 FROM harvest_dataset_subjects e WHERE e.s = d.s AND e.n < d.n)
      ORDER BY d.n LIMIT ${MAP_BATCH}`.execute(trx);
    if (batch.length === 0) return;
    last = Number(batch[batch.length - 1].n);
    const subjects = batch.map((b) => b.s);

    const { rows: triples } = await sql<TripleRow>`
      WITH RECURSIVE reach(s, depth) AS (
        SELECT unnest(${subjects}::text[]), 0
        UNION
        SELECT t.o, r.depth + 1 FROM reach r JOIN harvest_triples t ON t.s = r.s
        WHERE t.o_kind < 2 AND r.depth < 2 AND t.p <> ${DATASET_PREDICATE}
      )
      SELECT t.s, t.s_kind, t.p, t.o, t.o_kind, t.lang FROM harvest_triples t
      WHERE t.s IN (SELECT s FROM reach) ORDER BY t.n`.execute(trx);
    const { rows: listings } = await sql<TripleRow>`
      SELECT DISTINCT ON (o) s, s_kind, p, o, o_kind, lang FROM harvest_triples
      WHERE p = ${sql.lit(DATASET_PREDICATE)} AND o = ANY(${subjects}::text[]) ORDER BY o, n`.execute(trx);

    const newCatalogues = [...new Set(listings.map((l) => l.s))].filter((c) => !catalogueRows.has(c));
    if (newCatalogues.length > 0) {
      // A catalogue lists every dataset: only its publisher (and what names it) and its language
      // (for the datasets' untagged text) are read.
      const { rows: publisherRows } = await sql<TripleRow>`
        SELECT s, s_kind, p, o, o_kind, lang FROM harvest_triples
        WHERE s = ANY(${newCatalogues}::text[]) AND p IN (${sql.lit(PUBLISHER_PREDICATE)}, ${sql.lit(LANGUAGE_PREDICATE)}) ORDER BY n`.execute(trx);
      const publishers = [...new Set(publisherRows.filter((r) => r.o_kind < 2 && r.p === PUBLISHER_PREDICATE).map((r) => r.o))];
      const { rows: publisherFacts } = await sql<TripleRow>`
        SELECT s, s_kind, p, o, o_kind, lang FROM harvest_triples WHERE s = ANY(${publishers}::text[]) ORDER BY n`.execute(trx);
      for (const catalogue of newCatalogues) {
        const own = publisherRows.filter((r) => r.s === catalogue);
        const named = new Set(own.map((r) => r.o));
        catalogueRows.set(catalogue, [...own, ...publisherFacts.filter((r) => named.has(r.s))]);
      }
    }

    const graph = new CatalogueGraph();
    const add = (row: TripleRow) =>
      graph.add({ subject: term(row.s, row.s_kind), predicate: { termType: "NamedNode", value: PREDICATES[row.p] }, object: term(row.o, row.o_kind, row.lang) });
    for (const subject of batch) {
      graph.add({ subject: term(subject.s, subject.s_kind), predicate: { termType: "NamedNode", value: RDF_TYPE }, object: term(DCAT_DATASET, 0) });
    }
    const cataloguesAdded = new Set<string>();
    for (const listing of listings) {
      add(listing);
      if (cataloguesAdded.has(listing.s)) continue;
      cataloguesAdded.add(listing.s);
      for (const row of catalogueRows.get(listing.s) ?? []) add(row);
    }
    for (const row of triples) add(row);
    yield mapDatasets(graph, baseIri, derivedUris);
  }
}
