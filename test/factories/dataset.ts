import { randomBytes } from "node:crypto";
import { db } from "../../db/client.server";

/**
 * Datasets written the way a harvest writes them: the row and its search outbox row in one
 * transaction, under a catalogue source of the test's own. The publisher is a municipality by
 * kommunkod (default Borås, 1490); null for a dataset without one.
 */
export interface TestDatasetInput {
  title: { sv: string; en?: string } | string;
  description?: { sv?: string; en?: string } | string;
  keywords?: string[] | { sv?: string[]; en?: string[] };
  publisherKommunkod?: string | null;
  themes?: string[];
  formats?: string[];
  conformsTo?: string[];
  uri?: string;
}

const TEST_SOURCE_LOCATION = "test://catalogue/factories";

async function testSourceId() {
  const source = await db
    .insertInto("catalogue_sources")
    .values({ name: "Testkatalog", kind: "dcat", location: TEST_SOURCE_LOCATION })
    .onConflict((oc) => oc.column("location").doUpdateSet({ name: "Testkatalog" }))
    .returning("id")
    .executeTakeFirstOrThrow();
  return source.id;
}

function languageMap<T>(value: T | { sv?: T; en?: T } | undefined, isPlain: (v: unknown) => v is T) {
  if (value === undefined) return {};
  if (isPlain(value)) return { sv: value };
  return Object.fromEntries(Object.entries(value as object).filter(([, v]) => v !== undefined));
}

export async function createTestDataset(input: TestDatasetInput) {
  const sourceId = await testSourceId();
  const kommunkod = input.publisherKommunkod === undefined ? "1490" : input.publisherKommunkod;
  const publisher = kommunkod
    ? await db.selectFrom("organisations").select("id").where("kommunkod", "=", kommunkod).executeTakeFirstOrThrow()
    : null;
  const uri = input.uri ?? `https://data.example.se/dataset/${randomBytes(6).toString("hex")}`;
  return db.transaction().execute(async (trx) => {
    const dataset = await trx
      .insertInto("datasets")
      .values({
        uri,
        source_id: sourceId,
        publisher_organisation_id: publisher?.id ?? null,
        title: JSON.stringify(typeof input.title === "string" ? { sv: input.title } : input.title),
        description: JSON.stringify(languageMap(input.description, (v): v is string => typeof v === "string")),
        keywords: JSON.stringify(languageMap(input.keywords, (v): v is string[] => Array.isArray(v))),
        themes: input.themes ?? [],
        formats: input.formats ?? [],
        conforms_to: input.conformsTo ?? [],
        content_hash: randomBytes(16).toString("hex"),
      })
      .returning(["id", "uri"])
      .executeTakeFirstOrThrow();
    await trx.insertInto("search_outbox").values({ entity_type: "dataset", entity_id: dataset.id }).execute();
    return dataset;
  });
}

/** Marks a dataset removed, as a harvest does when it vanishes from its catalogue. */
export async function removeTestDataset(id: string) {
  await db.transaction().execute(async (trx) => {
    await trx.updateTable("datasets").set({ removed_at: new Date() }).where("id", "=", id).execute();
    await trx.insertInto("search_outbox").values({ entity_type: "dataset", entity_id: id }).execute();
  });
}
