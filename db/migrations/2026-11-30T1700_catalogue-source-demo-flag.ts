import type { Kysely } from "kysely";

// Frozen: never edit a migration that has shipped; add a new one.

/**
 * Demo catalogue sources were recognised by their file names, so DEMO_DATA=off removed a real
 * source that happened to be called `…/demo-catalogue.rdf`. From now on the demo seed marks its
 * sources, and only marked ones are removed. Sources seeded before the mark are recognised here,
 * once, by what only the demo seed wrote: a file (never a URL) in the bundled demo folder, or the
 * generated demo file under the demo's own source name.
 */
const BUNDLED_DEMO_FILES = [
  "catalog-vg-public.rdf",
  "se_opennorth_umea_entryscape_2015.rdf",
  "se_fornpunkt_dcat3.ttl",
  "se_digg_dcat-ap-se_exempel_rekommenderat.rdf",
];
const GENERATED_DEMO_NAME = "Demokatalog – övriga kommuner i Västra Götaland (genererad)";

const likeSuffix = (suffix: string) => `%${suffix.replace(/[\\%_]/g, (c) => `\\${c}`)}`;

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable("catalogue_sources")
    .addColumn("is_demo", "boolean", (c) => c.notNull().defaultTo(false))
    .execute();
  await db
    .updateTable("catalogue_sources")
    .set({ is_demo: true })
    .where("location", "not like", "%://%")
    .where((eb) =>
      eb.or([
        ...BUNDLED_DEMO_FILES.map((file) => eb("location", "like", likeSuffix(`/seed/data/catalogs/${file}`))),
        eb.and([eb("location", "like", likeSuffix("/demo-catalogue.rdf")), eb("name", "=", GENERATED_DEMO_NAME)]),
      ]),
    )
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("catalogue_sources").dropColumn("is_demo").execute();
}
