import { sql, type Kysely } from "kysely";
import type { Database } from "../../db/schema";
import { cachedStemmer, stemWords } from "../engines/postgres/lexicon.server";
import { buildDatasetDocuments, listDatasetIds } from "../indexing/documents.server";
import { buildCells, builtBytes, cellLists, nearest, nearestAmong, type CellLists } from "./cells";
import {
  buildMeaningModel,
  bytesVector,
  meaningWords,
  project,
  requestCoverage,
  requestFeatures,
  textFeatures,
  vectorBytes,
  type MeaningModel,
  type MeaningText,
  type Stems,
} from "./lsa";
import type { MeaningTables } from "./tables";
import type { StoredMeaningModel } from "./vectors.server";
import { roleOf } from "../language/request-language";
import { learnTranslations, type ParallelStems } from "./translations";

/**
 * The meaning model in PostgreSQL: recomputed from the datasets (the source of truth, so it does
 * not wait for the search index) after each harvest by a job (app/jobs/meaning.server.ts), read
 * by the built-in engine and kept in memory between matches.
 */

const PAGE = 1_000;
const STEM_BATCH = 5_000;
const WRITE_BATCH = 1_000;
/** How long another process's recompute may go unseen by this one's matcher. */
const MODEL_CHECK_TTL_MS = 10_000;

export interface MeaningSummary {
  documents: number;
  features: number;
  dimensions: number;
  /** English → Swedish translations learned from the parallel titles and keywords (ADR 033). */
  translations: number;
  buildMs: number;
}

async function stemsOf(db: Kysely<Database>, words: Iterable<string>): Promise<Stems> {
  const list = [...new Set(words)];
  const stems: Stems = { sv: new Map(), en: new Map() };
  for (let start = 0; start < list.length; start += STEM_BATCH)
    for (const [word, stem] of await stemWords(db, list.slice(start, start + STEM_BATCH))) {
      if (stem.sv) stems.sv.set(word, stem.sv);
      if (stem.en) stems.en.set(word, stem.en);
    }
  return stems;
}

/**
 * Learns the model from every current dataset and replaces the stored one. `exactBelow`: up to how
 * many datasets a match reads every vector instead of the nearest cells; `dimensions`: the latent
 * dimensions, 100 unless given (tests lower both).
 */
export async function recomputeMeaning(
  db: Kysely<Database>,
  options: { exactBelow?: number; dimensions?: number } = {},
): Promise<MeaningSummary> {
  const started = performance.now();
  const documents: {
    id: string;
    uri: string | null;
    title: string;
    publisher: string | null;
    kommunkod: string | null;
    text: MeaningText;
  }[] = [];
  for (let after: string | null = null; ;) {
    const ids = await listDatasetIds(db, after, PAGE);
    if (ids.length === 0) break;
    after = ids[ids.length - 1]!;
    for (const d of (await buildDatasetDocuments(db, ids)).documents) {
      const field = (language: "sv" | "en") => ({
        title: d.text.title[language],
        keywords: d.text.keywords[language],
        description: d.text.description[language],
      });
      documents.push({
        id: d.id,
        uri: d.uri,
        title: d.title,
        publisher: d.publisher?.name ?? null,
        kommunkod: d.publisher?.kommunkod ?? null,
        text: { sv: field("sv"), en: field("en") },
      });
    }
  }
  // A set, not a list of every word of every dataset (some 10 million at 100,000 datasets).
  const words = new Set<string>();
  for (const d of documents)
    for (const fields of [d.text.sv, d.text.en])
      for (const text of Object.values(fields)) for (const word of meaningWords(text ?? "")) words.add(word);
  const stems = await stemsOf(db, words);
  const { model, documentVectors } = buildMeaningModel(
    documents.map((d) => textFeatures(d.text, stems)),
    { dimensions: options.dimensions },
  );
  const all = new Float32Array(documents.length * model.dimensions);
  documentVectors.forEach((vector, i) => all.set(vector, i * model.dimensions));
  const cells = buildCells(all, model.dimensions, { exactBelow: options.exactBelow });
  const translations = learnTranslations(documents.flatMap((d) => parallelStems(d.text, stems)));
  const buildMs = Math.round(performance.now() - started);

  const meaningDb = db.withTables<MeaningTables>();
  await meaningDb.transaction().execute(async (trx) => {
    // Two recomputes take turns; the later one's model stands.
    await sql`SELECT pg_advisory_xact_lock(hashtext('fraga:search_meaning'))`.execute(trx);
    await trx.deleteFrom("search_meaning_features").execute();
    await trx.deleteFrom("search_meaning_documents").execute();
    const features = [...model.features];
    for (let start = 0; start < features.length; start += WRITE_BATCH)
      await trx
        .insertInto("search_meaning_features")
        .values(features.slice(start, start + WRITE_BATCH).map(([feature, vector]) => ({ feature, vector: vectorBytes(vector) })))
        .execute();
    for (let start = 0; start < documents.length; start += WRITE_BATCH)
      await trx
        .insertInto("search_meaning_documents")
        .values(
          documents.slice(start, start + WRITE_BATCH).map((d, i) => ({
            document_id: d.id,
            uri: d.uri,
            title: d.title,
            publisher: d.publisher,
            publisher_kommunkod: d.kommunkod,
            vector: vectorBytes(documentVectors[start + i]!),
            cell: cells ? cells.cell[start + i]! : null,
          })),
        )
        .execute();
    await trx.deleteFrom("search_meaning_translations").execute();
    for (let start = 0; start < translations.length; start += WRITE_BATCH)
      await trx
        .insertInto("search_meaning_translations")
        .values(translations.slice(start, start + WRITE_BATCH))
        .execute();
    await trx.deleteFrom("search_meaning_models").execute();
    const stored = await trx
      .insertInto("search_meaning_models")
      .values({
        dimensions: model.dimensions,
        documents: documents.length,
        features: model.features.size,
        build_ms: buildMs,
        centroids: cells ? vectorBytes(cells.centroids) : null,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    // An index that keeps its own copy of the vectors (Meilisearch) takes the new model's through
    // the search outbox, written with the model so no recompute goes unseen (ADR 035).
    await trx
      .insertInto("search_outbox")
      .values({ entity_type: "meaning", entity_id: String(stored.id) })
      .execute();
  });
  return {
    documents: documents.length,
    features: model.features.size,
    dimensions: model.dimensions,
    translations: translations.length,
    buildMs,
  };
}

/**
 * A dataset's title and keywords as stems per language, when it has both: the parallel text
 * translations are learned from (descriptions are left out: the English one is often a line
 * where the Swedish is a paragraph, so their words do not correspond). Only words that name
 * something (not "lediga", "kommun", "data": request-language.ts's roles), and no word both texts
 * share ("Borås", "budget"): a name is no translation, and the lexical matcher finds a shared word
 * by its Swedish stem already.
 */
function parallelStems(text: MeaningText, stems: Stems): ParallelStems[] {
  const words = (language: "sv" | "en") =>
    meaningWords(`${text[language].title ?? ""} ; ${text[language].keywords ?? ""}`).filter((word) => roleOf(word) === "content");
  const en = words("en");
  const sv = words("sv");
  if (en.length === 0 || sv.length === 0) return [];
  const swedishStems = new Set(sv.flatMap((word) => stems.sv.get(word) ?? []));
  const shared = new Set(en.flatMap((word) => stems.sv.get(word) ?? []).filter((stem) => swedishStems.has(stem)));
  return [
    {
      sv: new Set([...swedishStems].filter((stem) => !shared.has(stem))),
      en: new Set(en.filter((word) => !shared.has(stems.sv.get(word) ?? "")).flatMap((word) => stems.en.get(word) ?? [])),
    },
  ];
}

/** Whether a model has been learned yet (a fresh database, or one from before the meaning model). */
export async function hasMeaningModel(db: Kysely<Database>): Promise<boolean> {
  return (await db.withTables<MeaningTables>().selectFrom("search_meaning_models").select("id").limit(1).executeTakeFirst()) !== undefined;
}

export interface MeaningHit {
  id: string;
  uri: string | null;
  title: string;
  publisher: string | null;
  publisherKommunkod: string | null;
  /** Cosine in the latent space times the share of the request the model knows (lsa.ts requestCoverage), -1..1. */
  similarity: number;
}

interface LoadedModel {
  id: number;
  model: MeaningModel;
  documents: HitFields;
  /** Every dataset's unit vector, one after another. */
  vectors: Float32Array;
  /** The cells a match reads at a large catalogue; null: every vector. */
  cells: CellLists | null;
}

export interface MeaningIndex {
  /** The datasets nearest in meaning to a request, best first; empty without a model or known words. */
  similar(text: string, limit: number, options?: { kommunkoder?: string[] }): Promise<MeaningHit[]>;
  /**
   * A request's unit vector and the model that made it (for another engine's vectors), and the
   * share of the request the model knows, which the cosine is multiplied by; null when it has none.
   */
  requestVector(text: string): Promise<{ model: StoredMeaningModel; vector: Float32Array; coverage: number } | null>;
  /** The model in memory: its size, for the bench. */
  loaded(): Promise<{ documents: number; features: number; dimensions: number; bytes: number } | null>;
  /** After a recompute in this process: the next match reads the stored model again. */
  forget(): void;
}

/**
 * The stored model, loaded once and again only after a recompute (checked every few seconds).
 * `documents: false` loads only what projects a request (Meilisearch holds the datasets' vectors).
 */
export function createMeaningIndex(db: Kysely<Database>, options: { documents?: boolean } = {}): MeaningIndex {
  const withDocuments = options.documents ?? true;
  const meaningDb = db.withTables<MeaningTables>();
  // A request's words are stemmed once per process (ADR 029), not by a statement per match.
  const stemmer = cachedStemmer(db);
  const requestStems = async (words: string[]): Promise<Stems> => {
    const stems: Stems = { sv: new Map(), en: new Map() };
    for (const [word, stem] of await stemmer(words)) {
      if (stem.sv) stems.sv.set(word, stem.sv);
      if (stem.en) stems.en.set(word, stem.en);
    }
    return stems;
  };
  /** A request's unit vector and the share of it the model knows; null when none of its words reach the model. */
  async function projectRequest(loaded: LoadedModel, text: string): Promise<{ vector: Float32Array; coverage: number } | null> {
    if (loaded.model.dimensions === 0) return null;
    const words = meaningWords(text, { request: true });
    if (words.length === 0) return null;
    const stems = await requestStems(words);
    const vector = project(loaded.model, requestFeatures(words, stems));
    if (!vector.some((value) => value !== 0)) return null;
    return { vector, coverage: requestCoverage(loaded.model, words, stems) };
  }
  let current: LoadedModel | null = null;
  let checkedAt = 0;
  let loading: Promise<LoadedModel | null> | null = null;

  async function load(): Promise<LoadedModel | null> {
    if (Date.now() - checkedAt < MODEL_CHECK_TTL_MS) return current;
    loading ??= (async () => {
      try {
        // The newest model's id alone, every few seconds: its centroids (126 KB at 100,000 datasets) only when it is new.
        const newest = await meaningDb.selectFrom("search_meaning_models").select("id").orderBy("id", "desc").executeTakeFirst();
        if (!newest) return (current = null);
        if (current?.id === newest.id) return current;
        const row = await meaningDb
          .selectFrom("search_meaning_models")
          .select(["id", "dimensions", "centroids"])
          .where("id", "=", newest.id)
          .executeTakeFirst();
        if (!row) return current;
        const [features, documents] = await Promise.all([
          meaningDb.selectFrom("search_meaning_features").select(["feature", "vector"]).execute(),
          withDocuments ? meaningDb.selectFrom("search_meaning_documents").selectAll().orderBy("document_id").execute() : [],
        ]);
        const vectors = new Float32Array(documents.length * row.dimensions);
        documents.forEach((d, i) => vectors.set(bytesVector(d.vector), i * row.dimensions));
        const cells =
          row.centroids && documents.every((d) => d.cell !== null)
            ? cellLists({ centroids: bytesVector(row.centroids), cell: documents.map((d) => d.cell!) }, row.dimensions)
            : null;
        return (current = {
          id: row.id,
          model: { dimensions: row.dimensions, features: new Map(features.map((f) => [f.feature, bytesVector(f.vector)])) },
          // Last: it lets go of the rows as it goes, so the server's heap never holds both (ADR 036).
          documents: new HitFields(documents.splice(0)),
          vectors,
          cells,
        });
      } finally {
        checkedAt = Date.now();
        loading = null;
      }
    })();
    return loading;
  }

  return {
    async similar(text, limit, options = {}) {
      const loaded = await load();
      // An empty model (an empty catalogue) needs no stemming statement.
      if (!loaded || limit <= 0 || loaded.documents.length === 0) return [];
      const projected = await projectRequest(loaded, text);
      if (!projected) return [];
      const { vector: query, coverage } = projected;
      const found = nearest(query, loaded.vectors, loaded.model.dimensions, limit, loaded.cells);
      // The named municipalities' own nearest too (ADR 034): the request's words reach meaning
      // without its places, so a kind many municipalities publish would fill the nearest with
      // other municipalities' copies and miss the named one's.
      if (options.kommunkoder?.length) {
        const seen = new Set(found.map((hit) => hit.index));
        const own = ownDocuments(loaded, options.kommunkoder);
        for (const hit of nearestAmong(query, loaded.vectors, loaded.model.dimensions, limit, own, loaded.cells))
          if (!seen.has(hit.index)) found.push(hit);
      }
      return found.map(({ index, similarity }) => ({ ...loaded.documents.get(index), similarity: similarity * coverage }));
    },
    async requestVector(text) {
      const loaded = await load();
      if (!loaded) return null;
      const projected = await projectRequest(loaded, text);
      return projected && { model: { id: loaded.id, dimensions: loaded.model.dimensions }, ...projected };
    },
    async loaded() {
      const loaded = await load();
      if (!loaded) return null;
      let bytes =
        loaded.vectors.byteLength +
        (loaded.cells
          ? loaded.cells.centroids.byteLength +
            loaded.cells.members.byteLength +
            loaded.cells.start.byteLength +
            loaded.cells.cell.byteLength
          : 0);
      for (const [feature, vector] of loaded.model.features) bytes += vector.byteLength + feature.length * 2 + 64;
      // What matches have built from the model since it was loaded, and the hits' fields.
      const lists = [...(municipalityDocuments.get(loaded)?.values() ?? [])];
      bytes += builtBytes(loaded.vectors, loaded.cells, lists) + lists.reduce((sum, list) => sum + list.length * 8, 0);
      bytes += loaded.documents.bytes;
      return { documents: loaded.documents.length, features: loaded.model.features.size, dimensions: loaded.model.dimensions, bytes };
    },
    forget() {
      checkedAt = 0;
    },
  };
}

/** The datasets of these municipalities, by index, as one list per municipality; kept with the loaded model. */
const municipalityDocuments = new WeakMap<LoadedModel, Map<string, number[]>>();
function ownDocuments(loaded: LoadedModel, kommunkoder: string[]): number[][] {
  let byCode = municipalityDocuments.get(loaded);
  if (!byCode) {
    byCode = new Map();
    for (let i = 0; i < loaded.documents.length; i++) {
      const kommunkod = loaded.documents.kommunkod(i);
      if (kommunkod === null) continue;
      const list = byCode.get(kommunkod) ?? [];
      list.push(i);
      byCode.set(kommunkod, list);
    }
    // Frozen: nearestAmong keeps what it derives from a list with the list.
    for (const list of byCode.values()) Object.freeze(list);
    municipalityDocuments.set(loaded, byCode);
  }
  return kommunkoder.map((code) => byCode!.get(code) ?? []);
}

/**
 * What a hit shows of every dataset (id, address, title, publisher, kommunkod), kept as UTF-8 in a
 * few buffers with offsets instead of an object and four strings a dataset: at 300,000 datasets
 * those 1.5 million small objects were marked again by every full collection (one a second under
 * 16 connections, ~70–130 ms each: issue 11), and their ~95 MB counted against the server's capped
 * heap (`--max-old-space-size=300`), which the more often it is full the more often it is marked. A
 * buffer's bytes lie outside that heap, and a match decodes only its hits' fields.
 */
export class HitFields {
  static readonly FIELDS = 5;
  /** Datasets per buffer: the joined string a buffer is made from has a maximum length. */
  static readonly CHUNK = 4_096;
  readonly length: number;
  private readonly chunks: Buffer[] = [];
  /** Where each field starts in its chunk's buffer (bytes), and (the next entry) ends. */
  private readonly bounds: Int32Array;
  /** Per dataset, a bit per field that is null. */
  private readonly absent: Uint8Array;

  /** Takes the rows: each chunk's are let go once joined, so a loading server's heap (capped) holds the fields once, not twice. */
  constructor(
    rows: ({
      document_id: string;
      uri: string | null;
      title: string;
      publisher: string | null;
      publisher_kommunkod: string | null;
    } | null)[],
  ) {
    this.length = rows.length;
    this.bounds = new Int32Array(rows.length * HitFields.FIELDS + 1);
    this.absent = new Uint8Array(rows.length);
    for (let start = 0; start < rows.length; start += HitFields.CHUNK) {
      const parts: string[] = [];
      let at = 0;
      for (let i = start; i < Math.min(rows.length, start + HitFields.CHUNK); i++) {
        const row = rows[i]!;
        rows[i] = null;
        const fields = [row.document_id, row.uri, row.title, row.publisher, row.publisher_kommunkod];
        fields.forEach((field, f) => {
          this.bounds[i * HitFields.FIELDS + f] = at;
          if (field === null) this.absent[i]! |= 1 << f;
          else {
            parts.push(field);
            at += Buffer.byteLength(field, "utf8");
          }
        });
        // The end of a chunk's last field (the next chunk starts again at 0).
        this.bounds[i * HitFields.FIELDS + HitFields.FIELDS] = at;
      }
      this.chunks.push(Buffer.from(parts.join(""), "utf8"));
    }
  }

  private field(i: number, f: number): string | null {
    if (this.absent[i]! & (1 << f)) return null;
    const at = i * HitFields.FIELDS + f;
    const end = f === HitFields.FIELDS - 1 ? this.end(i) : this.bounds[at + 1]!;
    return this.chunks[Math.floor(i / HitFields.CHUNK)]!.toString("utf8", this.bounds[at]!, end);
  }

  /** The end of dataset i's last field: the next dataset's start, or its chunk's end. */
  private end(i: number): number {
    return (i + 1) % HitFields.CHUNK === 0 || i + 1 === this.length
      ? this.chunks[Math.floor(i / HitFields.CHUNK)]!.length
      : this.bounds[(i + 1) * HitFields.FIELDS]!;
  }

  get(i: number): Omit<MeaningHit, "similarity"> {
    return {
      id: this.field(i, 0)!,
      uri: this.field(i, 1),
      title: this.field(i, 2)!,
      publisher: this.field(i, 3),
      publisherKommunkod: this.field(i, 4),
    };
  }

  kommunkod(i: number): string | null {
    return this.field(i, 4);
  }

  get bytes(): number {
    return this.chunks.reduce((sum, chunk) => sum + chunk.length, 0) + this.bounds.byteLength + this.absent.byteLength;
  }
}
