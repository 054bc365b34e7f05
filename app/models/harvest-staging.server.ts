import { once } from "node:events";
import { Readable, Transform } from "node:stream";
import { sql, type Transaction } from "kysely";
import type pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import type { Database } from "../../db/schema";
import { CatalogueGraph, LITERAL_READ_LIMIT, PROPERTY } from "../catalogue/catalogue-graph.server";
import type { HarvestMessage } from "../catalogue/harvest-message";
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
/** `rdf:type dcat:Dataset`, staged in the same table: one COPY stream carries everything. */
const TYPED_DATASET = 255;
const KIND = { NamedNode: 0, BlankNode: 1, Literal: 2 } as const;
const KIND_NAMES = ["NamedNode", "BlankNode", "Literal"];

/** Text handed to COPY at a time (and the unit of back-pressure on the parser). */
const COPY_CHUNK_CHARS = 1 << 16;
export const MAP_BATCH = 2000;

/** COPY's text format: backslash, tab, newline and carriage return are escaped; NULL is \N. */
const COPY_ESCAPES: Record<string, string> = { "\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r" };
function copyText(value: string): string {
  return /[\\\t\n\r]/.test(value) ? value.replace(/[\\\t\n\r]/g, (c) => COPY_ESCAPES[c]) : value;
}

/**
 * Parses the stream into the run's staging table with COPY, which PostgreSQL loads on its own
 * core while the parser runs on this one; returns the number of datasets found.
 */
export async function stageCatalogue(
  trx: Transaction<Database>,
  client: pg.ClientBase,
  input: Readable,
  options: { format: CatalogueFormat; baseIri?: string; onNul: () => void; onWarning: (message: HarvestMessage) => void },
): Promise<number> {
  // "C" collation: the index on s is built by comparing bytes, not by the locale's rules (and
  // equality, all the mapping asks of it, is the same).
  await sql`CREATE TEMP TABLE harvest_triples (n bigint, s text COLLATE "C", s_kind smallint, p smallint, o text COLLATE "C", o_kind smallint, lang text) ON COMMIT DROP`.execute(
    trx,
  );

  const copy = client.query(copyFrom("COPY harvest_triples FROM STDIN"));
  let failure: unknown = null;
  copy.on("error", (error) => {
    failure ??= error;
  });
  let buffer = "";
  let counter = 0;
  const send = () => {
    if (buffer.length === 0 || failure) return;
    copy.write(buffer);
    buffer = "";
  };

  const clean = (value: string) => {
    if (!value.includes("\0")) return value;
    options.onNul();
    return value.replaceAll("\0", "");
  };

  const onQuad = (quad: RdfQuad) => {
    counter++;
    const subject = `${copyText(clean(quad.subject.value))}\t${KIND[quad.subject.termType as keyof typeof KIND] ?? 0}`;
    if (quad.predicate.value === RDF_TYPE) {
      if (quad.object.value === DCAT_DATASET) buffer += `${counter}\t${subject}\t${TYPED_DATASET}\t\\N\t\\N\t\\N\n`;
      return;
    }
    const p = PREDICATE_NUMBER.get(quad.predicate.value);
    if (p === undefined) return;
    const object = quad.object;
    // The mapping never reads further (CatalogueGraph cuts there too): a 20 MB literal stays out.
    const value = object.value.length > LITERAL_READ_LIMIT ? object.value.slice(0, LITERAL_READ_LIMIT) : object.value;
    const lang = object.language ? copyText(clean(object.language)) : "\\N";
    buffer += `${counter}\t${subject}\t${p}\t${copyText(clean(value))}\t${KIND[object.termType as keyof typeof KIND] ?? 2}\t${lang}\n`;
    if (buffer.length >= COPY_CHUNK_CHARS) send();
  };

  // Back-pressure: the parser gets its next piece of the file only once COPY has taken what it
  // was given, so a parser faster than the database never fills the heap.
  const gate = new Transform({
    transform(chunk, _encoding, done) {
      if (failure) return done(failure as Error);
      if (!copy.writableNeedDrain) return done(null, chunk);
      const go = () => {
        copy.off("drain", go);
        copy.off("close", go);
        done((failure as Error | null) ?? null, chunk);
      };
      copy.on("drain", go);
      copy.on("close", go);
    },
  });
  input.on("error", (error) => gate.destroy(error));
  let report: { warnings?: HarvestMessage[] } | void;
  try {
    // What the reader repaired (invalid IRIs left out, NUL removed) becomes the run's warnings.
    report = (await readQuads(input.pipe(gate), { format: options.format, baseIri: options.baseIri }, onQuad)) as {
      warnings?: HarvestMessage[];
    } | void;
    if (failure) throw failure;
  } catch (error) {
    // CopyFail ends the COPY on the server; the connection is then ready for the rollback.
    if (!copy.destroyed) {
      copy.destroy(error instanceof Error ? error : new Error(String(error)));
      await once(copy, "close").catch(() => {});
    }
    // The parser's error, not the database's answer to CopyFail (57014), says what went wrong.
    throw error;
  }
  for (const warning of report?.warnings ?? []) options.onWarning(warning);
  send();
  copy.end();
  await once(copy, "finish").catch((error) => {
    failure ??= error;
  });
  if (failure) throw failure;

  // The first typing of a subject counts; a dataset typed twice is mapped once.
  await sql`CREATE TEMP TABLE harvest_dataset_subjects ON COMMIT DROP AS
    SELECT DISTINCT ON (s) n, s, s_kind FROM harvest_triples WHERE p = ${sql.lit(TYPED_DATASET)} ORDER BY s, n`.execute(trx);
  // Built after loading: one index build is far cheaper than keeping it up to date per row.
  await sql`CREATE INDEX ON harvest_triples (s)`.execute(trx);
  await sql`CREATE INDEX ON harvest_triples (o) WHERE p = ${sql.lit(DATASET_PREDICATE)}`.execute(trx);
  await sql`CREATE INDEX ON harvest_dataset_subjects (n)`.execute(trx);
  // Temporary tables are never analysed by autovacuum; without statistics the planner guesses.
  await sql`ANALYZE harvest_triples`.execute(trx);
  await sql`ANALYZE harvest_dataset_subjects`.execute(trx);
  const { rows: count } = await sql<{ count: number }>`SELECT count(*)::int AS count FROM harvest_dataset_subjects`.execute(trx);
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

interface StagedBatch {
  last: number;
  subjects: { s: string; s_kind: number }[];
  triples: TripleRow[];
  listings: TripleRow[];
}

/**
 * One batch of datasets in the order of the file, with their triples and those of the nodes they
 * point at, two steps deep (distribution → format node, dataset → keyword node). Each step is a
 * lookup of an array of subjects in the index on `s`: the planner cannot estimate a recursive
 * query's rows, took it for most of the table and scanned all of it for every batch (15 of 26
 * seconds of a 30,000-dataset harvest).
 */
async function fetchBatch(trx: Transaction<Database>, after: number): Promise<StagedBatch | null> {
  const { rows: subjects } = await sql<{ n: number; s: string; s_kind: number }>`
    SELECT n, s, s_kind FROM harvest_dataset_subjects WHERE n > ${after} ORDER BY n LIMIT ${MAP_BATCH}`.execute(trx);
  if (subjects.length === 0) return null;
  const iris = subjects.map((b) => b.s);
  const [{ rows: graph }, { rows: listings }] = await Promise.all([
    // One JSON value instead of thousands of rows: JSON.parse reads it far faster than the
    // driver reads rows field by field.
    sql<{ triples: [string, number, number, string, number, string | null][] | null }>`
      WITH step1 AS (
        SELECT coalesce(array_agg(DISTINCT o), '{}') AS nodes FROM harvest_triples
        WHERE s = ANY(${iris}::text[]) AND o_kind < 2 AND p NOT IN (${sql.lit(DATASET_PREDICATE)}, ${sql.lit(TYPED_DATASET)})
      ), step2 AS (
        SELECT coalesce(array_agg(DISTINCT t.o), '{}') AS nodes FROM step1, harvest_triples t
        WHERE t.s = ANY(step1.nodes) AND t.o_kind < 2 AND t.p NOT IN (${sql.lit(DATASET_PREDICATE)}, ${sql.lit(TYPED_DATASET)})
      )
      SELECT json_agg(json_build_array(t.s, t.s_kind, t.p, t.o, t.o_kind, t.lang) ORDER BY t.n) AS triples
      FROM step1, step2, harvest_triples t
      WHERE t.s = ANY(${iris}::text[] || step1.nodes || step2.nodes) AND t.p <> ${sql.lit(TYPED_DATASET)}`.execute(trx),
    sql<TripleRow>`
      SELECT DISTINCT ON (o) s, s_kind, p, o, o_kind, lang FROM harvest_triples
      WHERE p = ${sql.lit(DATASET_PREDICATE)} AND o = ANY(${iris}::text[]) ORDER BY o, n`.execute(trx),
  ]);
  const triples = (graph[0]?.triples ?? []).map(([s, s_kind, p, o, o_kind, lang]) => ({ s, s_kind, p, o, o_kind, lang }));
  return { last: Number(subjects[subjects.length - 1].n), subjects, triples, listings };
}

/**
 * The staged datasets, mapped a batch at a time in the order of the file. The next batch is
 * asked for before this one is mapped and written, so PostgreSQL reads it while JavaScript maps.
 */
export async function* mappedBatches(
  trx: Transaction<Database>,
  baseIri: string | null,
): AsyncGenerator<{ datasets: ParsedDataset[]; failures: DatasetFailure[]; warnings: DatasetFailure[] }> {
  const derivedUris = new Set<string>();
  const catalogueRows = new Map<string, TripleRow[]>();
  let next = fetchBatch(trx, 0);
  for (;;) {
    const batch = await next;
    if (!batch) return;
    next = fetchBatch(trx, batch.last);
    // Awaited on the next turn; a consumer that stops early must not leave it unhandled.
    next.catch(() => {});
    const { subjects, triples, listings } = batch;

    const newCatalogues = [...new Set(listings.map((l) => l.s))].filter((c) => !catalogueRows.has(c));
    if (newCatalogues.length > 0) {
      // A catalogue lists every dataset: only its publisher (and what names it) and its language
      // (for the datasets' untagged text) are read.
      const { rows: publisherRows } = await sql<TripleRow>`
        SELECT s, s_kind, p, o, o_kind, lang FROM harvest_triples
        WHERE s = ANY(${newCatalogues}::text[]) AND p IN (${sql.lit(PUBLISHER_PREDICATE)}, ${sql.lit(LANGUAGE_PREDICATE)}) ORDER BY n`.execute(
        trx,
      );
      const publishers = [...new Set(publisherRows.filter((r) => r.o_kind < 2 && r.p === PUBLISHER_PREDICATE).map((r) => r.o))];
      const { rows: publisherFacts } = await sql<TripleRow>`
        SELECT s, s_kind, p, o, o_kind, lang FROM harvest_triples
        WHERE s = ANY(${publishers}::text[]) AND p <> ${sql.lit(TYPED_DATASET)} ORDER BY n`.execute(trx);
      for (const catalogue of newCatalogues) {
        const own = publisherRows.filter((r) => r.s === catalogue);
        const named = new Set(own.map((r) => r.o));
        catalogueRows.set(catalogue, [...own, ...publisherFacts.filter((r) => named.has(r.s))]);
      }
    }

    const graph = new CatalogueGraph({ detach: false });
    const add = (row: TripleRow) =>
      graph.add({
        subject: term(row.s, row.s_kind),
        predicate: { termType: "NamedNode", value: PREDICATES[row.p] },
        object: term(row.o, row.o_kind, row.lang),
      });
    for (const subject of subjects) {
      graph.add({
        subject: term(subject.s, subject.s_kind),
        predicate: { termType: "NamedNode", value: RDF_TYPE },
        object: term(DCAT_DATASET, 0),
      });
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
