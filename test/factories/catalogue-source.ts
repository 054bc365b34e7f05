import { db } from "../../db/client.server";

/** A DCAT catalogue source harvested by hand only (schedule "manual"); returns its id. */
export async function createTestCatalogueSource(input: { name: string; location: string }) {
  const source = await db
    .insertInto("catalogue_sources")
    .values({ name: input.name, kind: "dcat", location: input.location, schedule: "manual" })
    .returning("id")
    .executeTakeFirstOrThrow();
  return source.id;
}
