import type { Kysely } from "kysely";
import type { Database, LangMap } from "../db/schema";
import { documentId, type FieldText, type SearchDocument } from "./engine";

/**
 * Index documents built from PostgreSQL, the source of truth. Datasets now; requests and answers
 * get builders of their own when they are indexed (the document's `kind` tells them apart).
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
