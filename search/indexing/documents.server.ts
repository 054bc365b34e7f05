import type { Kysely } from "kysely";
import { isPublicRequest } from "../../db/request-visibility";
import type { Database, LangMap } from "../../db/schema";
import { documentId, MATCHABLE_REQUEST_STATUSES, type DocumentPublisher, type FieldText, type SearchDocument } from "../engines/engine";
import { writtenInEnglish } from "../language/request-analysis";
import { tokenize } from "../language/text";

/**
 * Index documents built from PostgreSQL, the source of truth: datasets, requests and answered survey
 * questions (`answer`); the document's `kind` tells them apart.
 */

export interface BuiltDocuments {
  documents: SearchDocument[];
  /** Ids of documents that must leave the index: removed or deleted datasets. */
  removedIds: string[];
}

export async function buildDatasetDocuments(db: Kysely<Database>, datasetIds: string[]): Promise<BuiltDocuments> {
  if (datasetIds.length === 0) return { documents: [], removedIds: [] };
  const rows = await db
    .selectFrom("datasets as d")
    .leftJoin("organisations as o", "o.id", "d.publisher_organisation_id")
    .leftJoin("catalogue_sources as s", "s.id", "d.source_id")
    // A dataset without a publisher of its own is the source's publisher's (a municipality's CKAN).
    .leftJoin("organisations as so", "so.id", "s.publisher_organisation_id")
    .select([
      "d.id",
      "d.uri",
      "d.title",
      "d.description",
      "d.keywords",
      "d.themes",
      "d.formats",
      "d.conforms_to",
      "d.contact_point",
      "d.removed_at",
      "o.name as organisationName",
      "o.kommunkod as organisationKommunkod",
      "o.type as organisationType",
      "so.name as sourceOrganisationName",
      "so.kommunkod as sourceOrganisationKommunkod",
      "so.type as sourceOrganisationType",
    ])
    .where("d.id", "in", datasetIds)
    .execute();

  const documents: SearchDocument[] = [];
  const current = new Set<string>();
  for (const row of rows) {
    if (row.removed_at) continue;
    current.add(row.id);
    const publisher = row.organisationName
      ? { name: row.organisationName, kommunkod: row.organisationKommunkod, type: row.organisationType }
      : row.sourceOrganisationName
        ? { name: row.sourceOrganisationName, kommunkod: row.sourceOrganisationKommunkod, type: row.sourceOrganisationType }
        : row.contact_point?.name
          ? { name: row.contact_point.name, kommunkod: null, type: null }
          : null;
    const title = languages(row.title);
    documents.push({
      id: documentId("dataset", row.id),
      kind: "dataset",
      entityId: row.id,
      uri: row.uri,
      title: title.sv || title.en || row.uri,
      text: {
        title,
        keywords: languages(
          Object.fromEntries(Object.entries(row.keywords ?? {}).map(([language, words]) => [language, words.join(" ; ")])),
        ),
        description: languages(row.description ?? {}),
      },
      publisher,
      themes: row.themes,
      formats: row.formats,
      specifications: row.conforms_to,
    });
  }
  const removedIds = datasetIds.filter((id) => !current.has(id)).map((id) => documentId("dataset", id));
  return { documents, removedIds };
}

/**
 * Swedish and English text of a language map. Untagged text and other languages (Norwegian,
 * Danish: close enough for Swedish stemming) count as Swedish.
 */
function languages(map: LangMap): FieldText {
  const sv = map.sv ?? map[""] ?? Object.entries(map).find(([language]) => language !== "en")?.[1] ?? "";
  return { sv, en: map.en ?? "" };
}

/** Ids of every current dataset, a page at a time (for a reindex). */
export async function listDatasetIds(db: Kysely<Database>, after: string | null, limit: number): Promise<string[]> {
  const rows = await db
    .selectFrom("datasets")
    .select("id")
    .where("removed_at", "is", null)
    .$if(after !== null, (qb) => qb.where("id", ">", after!))
    .orderBy("id")
    .limit(limit)
    .execute();
  return rows.map((row) => row.id);
}

/**
 * Requests as the matcher reads them, so the submit form can offer "support this request instead".
 * The fields mean what they mean for a dataset, so a score means the same for both: the title is
 * the title; the tags are keywords (a word someone chose to describe the request); the body and the
 * purpose are the description (a word the requester used in passing is a near miss, as it is in a
 * dataset's description). The publisher is the one organisation asked, when there is one; the
 * matcher reads every target from the database when a request names municipalities
 * (search/matching/request-matches.server.ts), since a request may ask several.
 *
 * Only requests that can still be supported are indexed: any other status (duplicate, rejected,
 * withdrawn, closed …) takes the request out of the index.
 */
export async function buildRequestDocuments(db: Kysely<Database>, requestIds: string[]): Promise<BuiltDocuments> {
  if (requestIds.length === 0) return { documents: [], removedIds: [] };
  const [rows, targets] = await Promise.all([
    db
      .selectFrom("requests")
      .select(["id", "title", "body", "purpose", "tags", "target_scope"])
      .where("id", "in", requestIds)
      .where("status", "in", MATCHABLE_REQUEST_STATUSES)
      // A request held for review is offered to nobody until triage opens it (ADR 040).
      .where(isPublicRequest("requests"))
      .execute(),
    // The chosen organisations only: a request to all municipalities has a row for each of them.
    db
      .selectFrom("request_targets as t")
      .innerJoin("requests as r", "r.id", "t.request_id")
      .innerJoin("organisations as o", "o.id", "t.organisation_id")
      .select(["t.request_id", "o.name", "o.kommunkod", "o.type"])
      .where("t.request_id", "in", requestIds)
      .where("r.target_scope", "=", "chosen")
      .execute(),
  ]);
  const askedOf = new Map<string, typeof targets>();
  for (const target of targets) askedOf.set(target.request_id, [...(askedOf.get(target.request_id) ?? []), target]);
  const region = rows.some((row) => row.target_scope === "region")
    ? await db
        .selectFrom("organisations")
        .select(["name", "kommunkod", "type"])
        .where("type", "=", "region")
        .orderBy("name")
        .executeTakeFirst()
    : undefined;

  const documents: SearchDocument[] = rows.map((row) => {
    const asked = askedOf.get(row.id) ?? [];
    const publisher: DocumentPublisher | null =
      row.target_scope === "chosen" && asked.length === 1
        ? { name: asked[0].name, kommunkod: asked[0].kommunkod, type: asked[0].type }
        : row.target_scope === "region" && region
          ? { name: region.name, kommunkod: region.kommunkod, type: region.type }
          : null;
    const description = [row.body, row.purpose].filter(Boolean).join("\n\n");
    // A request has no language tag; one written in English is stemmed as English, so an English
    // request finds it as it finds English dataset titles.
    const language = writtenInEnglish(tokenize(`${row.title} ${row.body}`)) ? "en" : "sv";
    const text = (value: string): FieldText => (language === "en" ? { sv: "", en: value } : { sv: value, en: "" });
    return {
      id: documentId("request", row.id),
      kind: "request",
      entityId: row.id,
      uri: null,
      title: row.title,
      text: { title: text(row.title), keywords: text(row.tags.join(" ; ")), description: text(description) },
      publisher,
      themes: [],
      formats: [],
      specifications: [],
    };
  });
  const current = new Set(rows.map((row) => row.id));
  const removedIds = requestIds.filter((id) => !current.has(id)).map((id) => documentId("request", id));
  return { documents, removedIds };
}

/** Ids of every request the index should hold, a page at a time (for a reindex). */
export async function listRequestIds(db: Kysely<Database>, after: string | null, limit: number): Promise<string[]> {
  const rows = await db
    .selectFrom("requests")
    .select("id")
    .where("status", "in", MATCHABLE_REQUEST_STATUSES)
    .where(isPublicRequest("requests"))
    .$if(after !== null, (qb) => qb.where("id", ">", after!))
    .orderBy("id")
    .limit(limit)
    .execute();
  return rows.map((row) => row.id);
}

/**
 * Answered survey questions (issue 10, ADR 026), one document per question, so a later survey's
 * question that matches finds the answers given to it: the question is the title, its help text
 * and unit the keywords, the survey's title and purpose the description. A question with no
 * answer yet, or marked confidential (its answers are never offered to another sender), is not
 * indexed; the matcher reads the answers themselves from the database.
 */
export async function buildAnswerDocuments(db: Kysely<Database>, questionIds: string[]): Promise<BuiltDocuments> {
  if (questionIds.length === 0) return { documents: [], removedIds: [] };
  const rows = await db
    .selectFrom("survey_questions as q")
    .innerJoin("surveys as s", "s.id", "q.survey_id")
    .select(["q.id", "q.text", "q.help_text", "q.unit", "s.title as surveyTitle", "s.purpose"])
    .where("q.id", "in", questionIds)
    .where("q.confidential", "=", false)
    .where((eb) => eb.exists(eb.selectFrom("survey_answers as a").select("a.id").whereRef("a.question_id", "=", "q.id")))
    .execute();
  const documents: SearchDocument[] = rows.map((row) => {
    const language = writtenInEnglish(tokenize(row.text)) ? "en" : "sv";
    const text = (value: string): FieldText => (language === "en" ? { sv: "", en: value } : { sv: value, en: "" });
    return {
      id: documentId("answer", row.id),
      kind: "answer",
      entityId: row.id,
      uri: null,
      title: row.text,
      text: {
        title: text(row.text),
        keywords: text([row.help_text, row.unit].filter(Boolean).join(" ; ")),
        description: text([row.surveyTitle, row.purpose].filter(Boolean).join("\n\n")),
      },
      publisher: null,
      themes: [],
      formats: [],
      specifications: [],
    };
  });
  const current = new Set(rows.map((row) => row.id));
  const removedIds = questionIds.filter((id) => !current.has(id)).map((id) => documentId("answer", id));
  return { documents, removedIds };
}

/** Ids of every answered, not confidential survey question, a page at a time (for a reindex). */
export async function listAnswerIds(db: Kysely<Database>, after: string | null, limit: number): Promise<string[]> {
  const rows = await db
    .selectFrom("survey_questions as q")
    .select("q.id")
    .where("q.confidential", "=", false)
    .where((eb) => eb.exists(eb.selectFrom("survey_answers as a").select("a.id").whereRef("a.question_id", "=", "q.id")))
    .$if(after !== null, (qb) => qb.where("q.id", ">", after!))
    .orderBy("q.id")
    .limit(limit)
    .execute();
  return rows.map((row) => row.id);
}
