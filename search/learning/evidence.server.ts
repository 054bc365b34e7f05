import { sql, type Kysely } from "kysely";
import type { Database } from "../../db/schema";
import { stemWords } from "../engines/postgres/lexicon.server";
import { placeFinderFor } from "../language/places.server";
import { analyseRequest, type AnalysedRequest } from "../language/request-analysis";
import type { EvidenceSource, LearningTables } from "./tables";

/**
 * The evidence of learning from use (issue 11, ADR 032), written by the commands whose state
 * change it is, in their transaction (app/models/request.server.ts, task.server.ts): it is rolled
 * back with them. The words are the request's as the matcher reads them (places, stop words, the
 * requester's errand and generic data words left out: learning does not know places), stemmed by
 * the engine's own Swedish text search configuration.
 */

/** The words use can teach: what the matcher reads of a request, less the generic data words and numbers. */
export function teachableWords(request: AnalysedRequest) {
  return request.words.filter((word) => !word.generic && !/^\d+$/.test(word.folded) && word.folded.length > 1);
}

/**
 * A word's key in the learned associations: its stem by the engine's Swedish configuration, for
 * English words too. Not chosen by the request's detected language: a request taught in one
 * reading and matched in another (a short English request read as Swedish) must meet the same key.
 */
export function stemKey(word: { folded: string }, stems: { sv: string | null } | undefined) {
  return stems?.sv ?? word.folded;
}

/** The request's teachable words (lower case, for people) and their stems, aligned. */
export async function stemsOfText(db: Kysely<Database>, text: string): Promise<{ words: string[]; stems: string[] }> {
  const request = analyseRequest(text, await placeFinderFor(db));
  const words = teachableWords(request);
  const stems = await stemWords(
    db,
    words.map((w) => w.folded),
  );
  const seen = new Set<string>();
  const result = { words: [] as string[], stems: [] as string[] };
  for (const word of words) {
    const stem = stemKey(word, stems.get(word.folded));
    if (seen.has(stem)) continue;
    seen.add(stem);
    result.words.push(word.lower);
    result.stems.push(stem);
  }
  return result;
}

/** The requests' texts and whose words they are: the requester, or for a survey its sender. */
async function requestTexts(db: Kysely<Database>, requestIds: string[]) {
  if (requestIds.length === 0) return [];
  return db
    .selectFrom("requests")
    .leftJoin("surveys", "surveys.request_id", "requests.id")
    .select((eb) => [
      "requests.id",
      "requests.title",
      "requests.body",
      eb.fn.coalesce("requests.requester_user_id", "surveys.sender_user_id").as("writerId"),
    ])
    .where("requests.id", "in", requestIds)
    .execute();
}

/** A dataset the evidence is for and the task whose link it follows (null: an acceptance, which no task undoes). */
interface Taught {
  datasetId: string;
  taskId: string | null;
}

async function insertEvidence(
  db: Kysely<Database>,
  input: { source: EvidenceSource; userId: string; requestIds: string[]; taught: Taught[] },
) {
  const taught = [...new Map(input.taught.map((t) => [`${t.datasetId}:${t.taskId}`, t])).values()];
  if (taught.length === 0) return 0;
  const rows = [];
  for (const request of await requestTexts(db, [...new Set(input.requestIds)])) {
    // The text the requester wrote, as the match panel reads it (title, then body).
    const { words, stems } = await stemsOfText(db, `${request.title}\n${request.body}`);
    if (stems.length === 0) continue;
    for (const { datasetId, taskId } of taught)
      rows.push({
        source: input.source,
        user_id: input.userId,
        // Whose words: the rule of two people counts writers too, or one requester's words,
        // linked by one person and merged by another, would be learned (ADR 032, 2026-12-01).
        writer_user_id: request.writerId,
        request_id: request.id,
        task_id: taskId,
        dataset_id: datasetId,
        words,
        stems,
      });
  }
  if (rows.length) await db.withTables<LearningTables>().insertInto("search_match_evidence").values(rows).execute();
  return rows.length;
}

/** A requester accepted the dataset as their request's answer. */
export function recordAcceptedMatchEvidence(trx: Kysely<Database>, input: { userId: string; requestId: string; datasetId: string }) {
  return insertEvidence(trx, {
    source: "accepted_match",
    userId: input.userId,
    requestIds: [input.requestId],
    taught: [{ datasetId: input.datasetId, taskId: null }],
  });
}

/**
 * A municipality's answer links these datasets (its whole current set: an answer replaces the
 * earlier one's links, and so its evidence). The request's text teaches them, and so do the texts
 * of the duplicates merged into it: a coordinator judged those the same request. A merged
 * duplicate's evidence for a dataset the task no longer links goes too.
 */
export async function recordTaskLinkEvidence(
  trx: Kysely<Database>,
  input: { userId: string; taskId: string; requestId: string; datasetIds: string[] },
) {
  const datasetIds = [...new Set(input.datasetIds)];
  if (datasetIds.length === 0) await forgetTaskEvidence(trx, input.taskId);
  else
    await trx
      .withTables<LearningTables>()
      .deleteFrom("search_match_evidence")
      .where("task_id", "=", input.taskId)
      .where((eb) => eb.or([eb("source", "=", "task_link"), eb("dataset_id", "not in", datasetIds)]))
      .execute();
  const duplicates = await trx.selectFrom("requests").select("id").where("duplicate_of", "=", input.requestId).execute();
  return insertEvidence(trx, {
    source: "task_link",
    userId: input.userId,
    requestIds: [input.requestId, ...duplicates.map((d) => d.id)],
    taught: datasetIds.map((datasetId) => ({ datasetId, taskId: input.taskId })),
  });
}

/** The task no longer links datasets (reopened, not held, declined): what its answer taught goes, merged duplicates' too. */
export async function forgetTaskEvidence(trx: Kysely<Database>, taskId: string) {
  await trx.withTables<LearningTables>().deleteFrom("search_match_evidence").where("task_id", "=", taskId).execute();
}

/** A coordinator rejected the request as unfit (spam): its words teach nothing, whatever they were evidence for. */
export async function forgetRequestEvidence(trx: Kysely<Database>, requestId: string) {
  await trx.withTables<LearningTables>().deleteFrom("search_match_evidence").where("request_id", "=", requestId).execute();
}

/**
 * A coordinator merged a duplicate into an original: the duplicate's words mean what the original
 * is answered by — the datasets its requester accepted and its answered tasks link. Evidence from
 * a task's link names the task, so it goes when the task no longer links the dataset.
 */
export async function recordMergeEvidence(trx: Kysely<Database>, input: { userId: string; duplicateId: string; originalId: string }) {
  const [accepted, linked] = await Promise.all([
    trx.selectFrom("request_datasets").select("dataset_id").where("request_id", "=", input.originalId).execute(),
    trx
      .selectFrom("task_datasets")
      .innerJoin("tasks", "tasks.id", "task_datasets.task_id")
      .select(["task_datasets.dataset_id", "task_datasets.task_id"])
      .where("tasks.request_id", "=", input.originalId)
      // A reopened task's links are a draft: they answer nothing until it is answered again.
      .where("tasks.status", "in", ["answered", "published"])
      .where("task_datasets.dataset_id", "is not", null)
      .execute(),
  ]);
  return insertEvidence(trx, {
    source: "duplicate_merged",
    userId: input.userId,
    requestIds: [input.duplicateId],
    taught: [
      ...accepted.map((r) => ({ datasetId: r.dataset_id, taskId: null })),
      ...linked.map((r) => ({ datasetId: r.dataset_id!, taskId: r.task_id })),
    ],
  });
}

export interface DatasetEvidence {
  datasetId: string;
  title: string;
  publisher: string | null;
  /** Pieces of evidence (answers) and the distinct people who gave them. */
  answers: number;
  users: number;
  bySource: Record<EvidenceSource, number>;
  /** The words at least two people taught for the dataset, in at least two people's words (ADR 032), most people first, as they typed them. */
  words: { word: string; users: number }[];
  latestAt: Date;
  /** The pieces of evidence, newest first (at most PIECES_LISTED): what a coordinator may remove. */
  pieces: EvidencePiece[];
}

export interface EvidencePiece {
  id: string;
  source: EvidenceSource;
  requestId: string;
  requestNumber: number;
  requestTitle: string;
  createdAt: Date;
}

const PIECES_LISTED = 20;

/** Every dataset use has taught something about, most answers first: the coordinators' view. */
export async function listDatasetEvidence(db: Kysely<Database>, options: { limit?: number } = {}): Promise<DatasetEvidence[]> {
  const learningDb = db.withTables<LearningTables>();
  const datasets = await learningDb
    .selectFrom("search_match_evidence as e")
    .innerJoin("datasets as d", "d.id", "e.dataset_id")
    .leftJoin("organisations as o", "o.id", "d.publisher_organisation_id")
    .select((eb) => [
      "e.dataset_id as datasetId",
      // Raw SQL: the title is a language map; Swedish first, as the catalogue pages show it.
      sql<string>`coalesce(d.title->>'sv', d.title->>'', d.title->>'en', d.uri)`.as("title"),
      "o.name as publisher",
      eb.fn.countAll<string>().as("answers"),
      eb.fn.count<string>("e.user_id").distinct().as("users"),
      sql<string>`count(*) FILTER (WHERE e.source = 'accepted_match')`.as("accepted"),
      sql<string>`count(*) FILTER (WHERE e.source = 'task_link')`.as("linked"),
      sql<string>`count(*) FILTER (WHERE e.source = 'duplicate_merged')`.as("merged"),
      eb.fn.max("e.created_at").as("latestAt"),
    ])
    .where("d.removed_at", "is", null)
    .groupBy(["e.dataset_id", "d.title", "d.uri", "o.name"])
    .orderBy("answers", "desc")
    .orderBy("e.dataset_id")
    .limit(options.limit ?? 200)
    .execute();
  if (datasets.length === 0) return [];
  // Raw SQL: the stems are an array per row, unnested beside their words (WITH ORDINALITY keeps them aligned).
  const { rows: words } = await sql<{ dataset_id: string; stem: string; word: string; users: string; uses: string }>`
    SELECT e.dataset_id, w.stem, mode() WITHIN GROUP (ORDER BY w.word) AS word,
           count(DISTINCT e.user_id) AS users, count(*) AS uses
    FROM search_match_evidence e
    CROSS JOIN LATERAL unnest(e.stems, e.words) AS w(stem, word)
    WHERE e.dataset_id = ANY(${datasets.map((d) => d.datasetId)}::uuid[])
    GROUP BY e.dataset_id, w.stem
    HAVING count(DISTINCT e.user_id) >= 2 AND count(DISTINCT e.writer_user_id) >= 2
    ORDER BY count(DISTINCT e.user_id) DESC, count(*) DESC, w.stem`.execute(db);
  // Raw SQL: the newest pieces per dataset (a window function), with the request they came from.
  const { rows: pieces } = await sql<{
    id: string;
    dataset_id: string;
    source: EvidenceSource;
    request_id: string;
    number: number;
    title: string;
    created_at: Date;
  }>`
    SELECT id, dataset_id, source, request_id, number, title, created_at FROM (
      SELECT e.id::text AS id, e.dataset_id, e.source, e.request_id, r.number, r.title, e.created_at,
             row_number() OVER (PARTITION BY e.dataset_id ORDER BY e.created_at DESC, e.id DESC) AS n
      FROM search_match_evidence e JOIN requests r ON r.id = e.request_id
      WHERE e.dataset_id = ANY(${datasets.map((d) => d.datasetId)}::uuid[])) p
    WHERE n <= ${PIECES_LISTED}
    ORDER BY created_at DESC, id::bigint DESC`.execute(db);
  return datasets.map((d) => ({
    datasetId: d.datasetId,
    title: d.title,
    publisher: d.publisher,
    answers: Number(d.answers),
    users: Number(d.users),
    bySource: { accepted_match: Number(d.accepted), task_link: Number(d.linked), duplicate_merged: Number(d.merged) },
    words: words
      .filter((w) => w.dataset_id === d.datasetId)
      .slice(0, 12)
      .map((w) => ({ word: w.word, users: Number(w.users) })),
    latestAt: new Date(d.latestAt as unknown as string),
    pieces: pieces
      .filter((p) => p.dataset_id === d.datasetId)
      .map((p) => ({
        id: p.id,
        source: p.source,
        requestId: p.request_id,
        requestNumber: Number(p.number),
        requestTitle: p.title,
        createdAt: new Date(p.created_at),
      })),
  }));
}

/**
 * Removes one piece of evidence (a coordinator judged it wrong: spam, a mistaken link); returns
 * what it was, or null when it is gone already. The caller records the audit event in the same
 * transaction.
 */
export async function removeEvidence(trx: Kysely<Database>, evidenceId: string) {
  const removed = await trx
    .withTables<LearningTables>()
    .deleteFrom("search_match_evidence")
    .where("id", "=", evidenceId)
    .returning(["dataset_id", "request_id", "task_id", "source", "user_id", "writer_user_id", "words"])
    .executeTakeFirst();
  return removed ?? null;
}
