import { sql, type Kysely } from "kysely";
import type { Database } from "../../db/schema";
import { cachedStemmer } from "../engines/postgres/lexicon.server";
import { buildDatasetDocuments } from "../indexing/documents.server";
import { placeFinderFor } from "../language/places.server";
import type { AnalysedRequest } from "../language/request-analysis";
import { tokenize } from "../language/text";
import { byAddress } from "../matching/scoring";
import { kindSpecificity, learnAssociations, learnedScores, type LearnedAssociations, type StemScores } from "./associations";
import { stemKey, teachableWords } from "./evidence.server";
import type { LearningTables } from "./tables";

/**
 * What use taught, kept in memory by the built-in engine (issue 11, ADR 032): the associations
 * learned from search_match_evidence, read again when the evidence changes (checked every few
 * seconds) and at least every hour, so that old evidence fades as it ages.
 */

const CHECK_TTL_MS = 10_000;
const RELOAD_EVERY_MS = 3_600_000;
/** A kind shared by more datasets than this (or 2 % of the catalogue) is a theme, not a kind of data. */
const BROAD_KIND_DATASETS = 50;
const BROAD_KIND_SHARE = 0.02;
/** Stems whose scores are kept between requests; past it the cache starts again. */
const STEM_CACHE_SIZE = 2_000;
/** Datasets whose hit fields one statement reads. */
const HEADS_PAGE = 2_000;

export interface LearnedHit {
  /** The search document's id ("dataset:<id>"), as the lexical and meaning hits carry it. */
  id: string;
  uri: string | null;
  title: string;
  publisher: string | null;
  publisherKommunkod: string | null;
  /** 0..1 */
  learned: number;
}

export interface LearnedIndex {
  /**
   * The datasets use relates to the request's words, best first, at most `limit`; with
   * municipalities named, theirs (and wider publishers') first, as learning does not know places.
   */
  similar(request: AnalysedRequest, options: { limit: number; kommunkoder: string[] }): Promise<LearnedHit[]>;
  /** The words that learned anything, for tests and the bench. */
  loaded(): Promise<{ words: number; kinds: number } | null>;
  /** After evidence was written in this process and must count at once (tests, the bench). */
  forget(): void;
}

interface Loaded {
  version: string;
  at: number;
  associations: LearnedAssociations;
  kindsOf: Map<string, string[]>;
  datasetsOf: Map<string, string[]>;
  /** What a hit shows, for every dataset use relates to any word (as its index document is built). */
  documents: Map<string, Omit<LearnedHit, "learned">>;
  /** Each stem's scores, as requests ask for them (learnedScores). */
  stemScores: Map<string, StemScores | null>;
}

/** A dataset's kinds: its keywords (any language, lower case) and conformsTo specifications. */
function kindsSql(db: Kysely<Database>, where: ReturnType<typeof sql>) {
  // Raw SQL: keywords are a language → list map; the kinds come out of it and conforms_to as rows.
  return sql<{ id: string; kind: string }>`
    SELECT DISTINCT d.id, k.kind
    FROM datasets d
    CROSS JOIN LATERAL (
      SELECT 'kw:' || lower(btrim(v)) AS kind FROM jsonb_each(d.keywords) l, jsonb_array_elements_text(l.value) v
      UNION
      SELECT 'spec:' || c FROM unnest(d.conforms_to) c
    ) k
    WHERE d.removed_at IS NULL AND ${where}`.execute(db);
}

/**
 * What a hit shows, read from the catalogue by the code that builds the index documents: under
 * Meilisearch the built-in engine's search_documents are empty, and both engines must show (and
 * scope by) the same publisher. A page at a time: a broad kind can relate thousands of datasets.
 */
async function heads(db: Kysely<Database>, datasetIds: string[]): Promise<Map<string, Omit<LearnedHit, "learned">>> {
  const documents = new Map<string, Omit<LearnedHit, "learned">>();
  for (let start = 0; start < datasetIds.length; start += HEADS_PAGE) {
    const built = await buildDatasetDocuments(db, datasetIds.slice(start, start + HEADS_PAGE));
    for (const d of built.documents)
      documents.set(d.entityId, {
        id: d.id,
        uri: d.uri,
        title: d.title,
        publisher: d.publisher?.name ?? null,
        publisherKommunkod: d.publisher?.kommunkod ?? null,
      });
  }
  return documents;
}

export function createLearnedIndex(db: Kysely<Database>): LearnedIndex {
  const stemmer = cachedStemmer(db);
  let current: Loaded | null = null;
  let checkedAt = 0;
  let loading: Promise<Loaded | null> | null = null;

  async function version() {
    const row = await db
      .withTables<LearningTables>()
      .selectFrom("search_match_evidence")
      .select((eb) => [eb.fn.countAll<string>().as("n"), eb.fn.max("id").as("last")])
      .executeTakeFirstOrThrow();
    return `${row.n}:${row.last ?? 0}`;
  }

  async function build(v: string): Promise<Loaded | null> {
    // Raw SQL: each teacher's newest evidence per stem, dataset and writer, the stems unnested from their array.
    const { rows } = await sql<{ stem: string; dataset_id: string; user_id: string; writer_user_id: string | null; newest: Date }>`
      SELECT s.stem, e.dataset_id, e.user_id, e.writer_user_id, max(e.created_at) AS newest
      FROM search_match_evidence e
      JOIN datasets d ON d.id = e.dataset_id AND d.removed_at IS NULL
      CROSS JOIN LATERAL unnest(e.stems) AS s(stem)
      GROUP BY s.stem, e.dataset_id, e.user_id, e.writer_user_id`.execute(db);
    if (rows.length === 0) return null;
    const finder = await placeFinderFor(db);
    // Learning does not know places: a keyword that only names a municipality ("Borås") is no kind.
    const isPlace = (kind: string) => {
      if (!kind.startsWith("kw:")) return false;
      const tokens = tokenize(kind.slice(3));
      return tokens.length > 0 && finder(tokens).placeTokens.size === tokens.length;
    };
    const taughtIds = [...new Set(rows.map((r) => r.dataset_id))];
    const taughtKinds = await kindsSql(db, sql`d.id = ANY(${taughtIds}::uuid[])`);
    const kinds = [...new Set(taughtKinds.rows.map((r) => r.kind))].filter((kind) => !isPlace(kind));
    const [withKinds, total] = await Promise.all([
      kinds.length ? kindsSql(db, sql`k.kind = ANY(${kinds}::text[])`) : Promise.resolve({ rows: [] }),
      db
        .selectFrom("datasets")
        .select((eb) => eb.fn.countAll<string>().as("n"))
        .where("removed_at", "is", null)
        .executeTakeFirstOrThrow(),
    ]);
    const datasets = Number(total.n);
    const datasetsOf = new Map<string, string[]>();
    for (const row of withKinds.rows) {
      const list = datasetsOf.get(row.kind);
      if (list) list.push(row.id);
      else datasetsOf.set(row.kind, [row.id]);
    }
    const broad = Math.max(BROAD_KIND_DATASETS, datasets * BROAD_KIND_SHARE);
    for (const [kind, list] of datasetsOf) if (list.length > broad) datasetsOf.delete(kind);
    const kindsOf = new Map<string, string[]>();
    for (const [kind, list] of datasetsOf)
      for (const id of list) {
        const own = kindsOf.get(id);
        if (own) own.push(kind);
        else kindsOf.set(id, [kind]);
      }
    const associations = learnAssociations(
      rows.map((r) => ({
        stem: r.stem,
        datasetId: r.dataset_id,
        userId: r.user_id,
        writerId: r.writer_user_id,
        newest: new Date(r.newest),
      })),
      {
        kindsOf: (id) => kindsOf.get(id) ?? [],
        specificity: (kind) => kindSpecificity(datasetsOf.get(kind)?.length ?? 0, datasets),
      },
    );
    const related = [...new Set([...taughtIds, ...kindsOf.keys()])];
    return { version: v, at: Date.now(), associations, kindsOf, datasetsOf, documents: await heads(db, related), stemScores: new Map() };
  }

  let mustWait = true;

  async function load(): Promise<Loaded | null> {
    if (Date.now() - checkedAt < CHECK_TTL_MS && !mustWait) return current;
    const wait = mustWait || current === null;
    mustWait = false;
    loading ??= (async () => {
      try {
        const v = await version();
        if (current?.version === v && Date.now() - current.at < RELOAD_EVERY_MS) return current;
        if (v.startsWith("0:")) return (current = null);
        return (current = await build(v));
      } finally {
        checkedAt = Date.now();
        loading = null;
      }
    })();
    if (wait) return loading;
    // A rebuild at a national catalogue takes seconds: matches meanwhile use what was learned before.
    loading.catch((error: unknown) =>
      console.warn(`[search] What use taught could not be read again (${error instanceof Error ? error.message : String(error)}).`),
    );
    return current;
  }

  return {
    async similar(request, options) {
      if (options.limit <= 0) return [];
      const loaded = await load();
      if (!loaded || loaded.associations.words.size === 0) return [];
      const words = teachableWords(request);
      if (words.length === 0) return [];
      const stems = await stemmer(words.map((w) => w.folded));
      if (loaded.stemScores.size > STEM_CACHE_SIZE) loaded.stemScores.clear();
      const scores = learnedScores(
        loaded.associations,
        words.map((w) => stemKey(w, stems.get(w.folded))),
        { kindsOf: (id) => loaded.kindsOf.get(id) ?? [], datasetsOf: (kind) => loaded.datasetsOf.get(kind) ?? [] },
        loaded.stemScores,
      );
      if (scores.size === 0) return [];
      const named = options.kommunkoder;
      const inScope = (kommunkod: string | null) =>
        named.length === 0 || kommunkod === null || kommunkod.length === 2 || named.includes(kommunkod);
      const before = (a: LearnedHit, b: LearnedHit) =>
        Number(inScope(b.publisherKommunkod)) - Number(inScope(a.publisherKommunkod)) || b.learned - a.learned || byAddress(a, b);
      // The best `limit` of what may be thousands of datasets of a taught kind, without sorting them all.
      const top: LearnedHit[] = [];
      const probe = { id: "", uri: null, title: "", publisher: null, publisherKommunkod: null, learned: 0 } as LearnedHit;
      for (const [datasetId, learned] of scores) {
        const document = loaded.documents.get(datasetId);
        if (!document) continue;
        if (top.length === options.limit) {
          probe.id = document.id;
          probe.uri = document.uri;
          probe.publisherKommunkod = document.publisherKommunkod;
          probe.learned = learned;
          if (before(probe, top[top.length - 1]!) >= 0) continue;
        }
        const hit = { ...document, learned };
        let at = top.length;
        while (at > 0 && before(hit, top[at - 1]!) < 0) at -= 1;
        top.splice(at, 0, hit);
        if (top.length > options.limit) top.pop();
      }
      return top;
    },
    async loaded() {
      const loaded = await load();
      return loaded ? { words: loaded.associations.words.size, kinds: loaded.datasetsOf.size } : null;
    },
    forget() {
      checkedAt = 0;
      mustWait = true;
    },
  };
}
