import { sql, type Kysely } from "kysely";
import type { Database } from "../../db/schema";
import { bytesVector } from "./lsa";
import type { MeaningTables } from "./tables";

/**
 * The stored meaning vectors as another index reads them (ADR 035): Meilisearch gets each
 * dataset's vector as a user-provided embedding, tagged with the model that made it, so a request
 * projected by one model is never compared with vectors of another.
 */

export interface StoredMeaningModel {
  /** Grows with every recompute: the tag a vector carries in another index. */
  id: number;
  /** 0 for an empty catalogue's model: no vectors at all. */
  dimensions: number;
}

export interface MeaningVectors {
  model: StoredMeaningModel | null;
  /** By search document id (`dataset:<uuid>`); a dataset harvested after the model has none yet. */
  vectors: Map<string, Float32Array>;
}

/**
 * The stored model and its vectors of these documents, in one statement: a recompute replaces the
 * model and its vectors in one transaction, so the id read is the one that made the vectors.
 */
export async function readMeaningVectors(db: Kysely<Database>, documentIds: string[]): Promise<MeaningVectors> {
  const rows = await db
    .withTables<MeaningTables>()
    .selectFrom("search_meaning_models as m")
    .leftJoin("search_meaning_documents as d", (join) =>
      documentIds.length > 0 ? join.on("d.document_id", "in", documentIds) : join.on(sql<boolean>`false`),
    )
    .select(["m.id", "m.dimensions", "d.document_id", "d.vector"])
    .orderBy("m.id", "desc")
    .execute();
  const latest = rows[0];
  if (!latest) return { model: null, vectors: new Map() };
  const vectors = new Map<string, Float32Array>();
  for (const row of rows)
    if (row.id === latest.id && row.document_id !== null && row.vector !== null) vectors.set(row.document_id, bytesVector(row.vector));
  return { model: { id: latest.id, dimensions: latest.dimensions }, vectors };
}

/**
 * One page of the vectors model `modelId` gives the datasets still current, by document id. Empty
 * when that model has been replaced meanwhile: the newer model's own refresh takes over.
 */
export async function pageMeaningVectors(
  db: Kysely<Database>,
  page: { modelId: number; after: string | null; limit: number },
): Promise<{ documentId: string; vector: Float32Array }[]> {
  const rows = await db
    .withTables<MeaningTables>()
    .selectFrom("search_meaning_documents as d")
    // A dataset removed since the model was learned must not come back into the index as a stub.
    // Raw SQL: the document id is "dataset:<uuid>"; its uuid cast finds the dataset by primary key.
    .innerJoin("datasets as ds", (join) =>
      join.on(sql<boolean>`ds.id = CAST(substr(d.document_id, ${"dataset:".length + 1}) AS uuid)`).on("ds.removed_at", "is", null),
    )
    .select(["d.document_id", "d.vector"])
    .where((eb) => eb.exists(eb.selectFrom("search_meaning_models as m").select("m.id").where("m.id", "=", page.modelId)))
    .$if(page.after !== null, (qb) => qb.where("d.document_id", ">", page.after!))
    .orderBy("d.document_id")
    .limit(page.limit)
    .execute();
  return rows.map((row) => ({ documentId: row.document_id, vector: bytesVector(row.vector) }));
}
