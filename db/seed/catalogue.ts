import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { Kysely } from "kysely";
import type { Database } from "../schema";
import { generateDemoCatalogueRdfXml } from "./demo-catalogue";

const catalogsDir = new URL("./data/catalogs/", import.meta.url).pathname;

/**
 * The 20 municipalities of the bundled Västra Götaland catalogue (`catalog-vg-public.rdf`); the
 * generated demo catalogue covers the other 29, so every municipality publishes something.
 */
const IN_BUNDLED_CATALOGUE = new Set([
  "Borås",
  "Skövde",
  "Mölndal",
  "Trollhättan",
  "Uddevalla",
  "Lidköping",
  "Alingsås",
  "Kungälv",
  "Lerum",
  "Härryda",
  "Vänersborg",
  "Falköping",
  "Ulricehamn",
  "Stenungsund",
  "Mariestad",
  "Tjörn",
  "Lysekil",
  "Åmål",
  "Vårgårda",
  "Tibro",
]);

const BUNDLED: { file: string; name: string }[] = [
  { file: "catalog-vg-public.rdf", name: "Västra Götaland – kommunernas kataloger (syntetisk utvärderingskatalog)" },
  { file: "se_opennorth_umea_entryscape_2015.rdf", name: "OpenNorth – Umeå och Skellefteå (2015)" },
  { file: "se_fornpunkt_dcat3.ttl", name: "FornPunkt – kulturarv" },
  { file: "se_digg_dcat-ap-se_exempel_rekommenderat.rdf", name: "DIGG – exempel på DCAT-AP-SE" },
];

function demoSourceLocations(dataDir: string) {
  return [...BUNDLED.map((b) => path.join(catalogsDir, b.file)), path.join(dataDir, "demo-catalogue.rdf")];
}

/**
 * Removes the demo catalogue (DEMO_DATA=off on a database that had it). Its datasets are queued
 * for removal from the search index first: the outbox worker drops documents whose dataset is gone.
 * The demo requests stay (the time-saved ledger refers to them), so their links to the demo
 * datasets go first, and their tasks' links become pending links to the same addresses.
 */
export async function removeDemoCatalogue(db: Kysely<Database>) {
  // Only sources the demo seed marked (sources seeded before the mark were marked by migration
  // 2026-11-30T1700): a real source's file name says nothing about whether it is a demo.
  const sources = await db.selectFrom("catalogue_sources").select("id").where("is_demo", "=", true).execute();
  if (sources.length === 0) return 0;
  const ids = sources.map((s) => s.id);
  await db
    .insertInto("search_outbox")
    .columns(["entity_type", "entity_id"])
    .expression((eb) =>
      eb
        .selectFrom("datasets")
        .select([eb.val("dataset").as("entity_type"), eb.cast<string>("id", "text").as("entity_id")])
        .where("source_id", "in", ids),
    )
    .execute();
  await db
    .deleteFrom("request_datasets")
    .where("dataset_id", "in", (eb) => eb.selectFrom("datasets").select("id").where("source_id", "in", ids))
    .execute();
  // A task's answer keeps the address of a demo dataset it linked, as a pending link: a catalogue
  // that later publishes that URI (the demo catalogue is a copy of a real one) links it again.
  await db
    .updateTable("task_datasets")
    .from("datasets")
    .set((eb) => ({ pending_uri: eb.ref("datasets.uri"), dataset_id: null }))
    .whereRef("task_datasets.dataset_id", "=", "datasets.id")
    .where("datasets.source_id", "in", ids)
    .execute();
  await db.deleteFrom("catalogue_sources").where("id", "in", ids).execute();
  return sources.length;
}

/**
 * Registers the demo catalogue sources: the bundled real catalogues and a generated one written
 * to the data directory. The server's job queue harvests sources that were never harvested, so a
 * fresh start fills the catalogue within seconds.
 */
export async function seedDemoCatalogue(db: Kysely<Database>, options: { dataDir: string }) {
  const municipalities = await db
    .selectFrom("organisations")
    .select("name")
    .where("type", "=", "municipality")
    .orderBy("kommunkod")
    .execute();
  mkdirSync(options.dataDir, { recursive: true });
  const generated = path.join(options.dataDir, "demo-catalogue.rdf");
  writeFileSync(
    generated,
    generateDemoCatalogueRdfXml(municipalities.map((m) => m.name).filter((name) => !IN_BUNDLED_CATALOGUE.has(name))),
  );

  const names = [...BUNDLED.map((b) => b.name), "Demokatalog – övriga kommuner i Västra Götaland (genererad)"];
  const sources = demoSourceLocations(options.dataDir).map((location, i) => ({ location, name: names[i] }));
  await db
    .insertInto("catalogue_sources")
    .values(sources.map((s) => ({ ...s, kind: "dcat" as const, schedule: "manual" as const, is_demo: true })))
    .onConflict((oc) => oc.column("location").doNothing())
    .execute();
}
