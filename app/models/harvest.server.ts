import { createHash } from "node:crypto";
import { sql, type Transaction } from "kysely";
import { db } from "../../db/client.server";
import type { Database } from "../../db/schema";
import { slugify } from "../../db/slugify";
import { CatalogueParseError, parseCatalogue, type ParsedDataset, type ParsedPublisher } from "../catalogue/dcat.server";
import { readCkanCatalogue } from "../catalogue/ckan.server";
import { CatalogueSourceError, isUrl, openCatalogue } from "../catalogue/open-source.server";
import { publisherNameKeys } from "../catalogue/publisher-name";

export type HarvestProgress =
  | { phase: "read"; bytes: number; totalBytes: number | null }
  | { phase: "write"; done: number; total: number };

export interface HarvestSummary {
  runId: string;
  sourceId: string;
  sourceName: string;
  status: "succeeded" | "failed";
  added: number;
  updated: number;
  unchanged: number;
  removed: number;
  failed: number;
  error: string | null;
  errors: { identity: string; message: string }[];
}

const WRITE_BATCH = 500;
/** A run still "running" after this long died with its process. */
const ABANDONED_AFTER_MINUTES = 60;

/**
 * Harvests one source: fetches and parses the whole catalogue first, then writes every change in
 * one transaction with the search outbox rows, so a broken file or a failure half-way leaves the
 * previous data as it was. Vanished datasets are marked removed, never deleted.
 */
export async function harvestCatalogueSource(
  sourceId: string,
  options: { onProgress?: (progress: HarvestProgress) => void; timeoutMs?: number; maxBytes?: number } = {},
): Promise<HarvestSummary> {
  const source = await db
    .selectFrom("catalogue_sources")
    .select(["id", "name", "location", "kind", "publisher_organisation_id as publisherOrganisationId"])
    .where("id", "=", sourceId)
    .executeTakeFirstOrThrow();

  await db
    .updateTable("harvest_runs")
    .set({ status: "failed", finished_at: new Date(), error: "Skördningen avbröts (processen stoppades)." })
    .where("source_id", "=", sourceId)
    .where("status", "=", "running")
    .where("started_at", "<", new Date(Date.now() - ABANDONED_AFTER_MINUTES * 60_000))
    .execute();
  const run = await db.insertInto("harvest_runs").values({ source_id: sourceId }).returning("id").executeTakeFirstOrThrow();
  const summary: HarvestSummary = {
    runId: run.id,
    sourceId,
    sourceName: source.name,
    status: "failed",
    added: 0,
    updated: 0,
    unchanged: 0,
    removed: 0,
    failed: 0,
    error: null,
    errors: [],
  };

  try {
    const parsed = await readSource(source, options);
    summary.errors = [...parsed.failures];
    const datasets = withoutDuplicateUris(parsed.datasets, summary.errors);
    summary.failed = summary.errors.length;
    if (datasets.length === 0) {
      throw new CatalogueSourceError(
        summary.failed > 0
          ? `Ingen datamängd i katalogen kunde läsas (${summary.failed} fel). Tidigare skördade datamängder är kvar.`
          : "Katalogen innehåller inga datamängder. Tidigare skördade datamängder är kvar.",
      );
    }
    await db.transaction().execute(async (trx) => {
      // One harvest of a source at a time; a second waits for the first instead of racing it.
      await sql`SELECT pg_advisory_xact_lock(hashtext(${sourceId}))`.execute(trx);
      const publisherIds = await resolvePublishers(trx, datasets, source.publisherOrganisationId);
      await writeDatasets(trx, sourceId, datasets, publisherIds, summary, options.onProgress);
    });
    summary.status = "succeeded";
  } catch (error) {
    summary.status = "failed";
    summary.error = describeFailure(error);
  }

  await db
    .updateTable("harvest_runs")
    .set({
      status: summary.status,
      finished_at: new Date(),
      added: summary.added,
      updated: summary.updated,
      unchanged: summary.unchanged,
      removed: summary.removed,
      failed: summary.failed,
      error: summary.error,
      // Thousands of broken datasets would bloat the row; the first thousand tell the story.
      errors: JSON.stringify(summary.errors.slice(0, 1000)),
    })
    .where("id", "=", run.id)
    .execute();
  return summary;
}

async function readSource(
  source: { location: string; kind: "dcat" | "ckan" },
  options: { onProgress?: (progress: HarvestProgress) => void; timeoutMs?: number; maxBytes?: number },
) {
  if (source.kind === "ckan") return readCkanCatalogue(source.location, options);
  const opened = await openCatalogue(source.location, {
    timeoutMs: options.timeoutMs,
    maxBytes: options.maxBytes,
    onBytes: (bytes) => options.onProgress?.({ phase: "read", bytes, totalBytes: opened.totalBytes }),
  });
  return parseCatalogue(opened.stream, {
    sourceName: opened.sourceName,
    baseIri: isUrl(source.location) ? source.location : undefined,
  });
}

function describeFailure(error: unknown): string {
  if (error instanceof CatalogueParseError || error instanceof CatalogueSourceError) return error.messageSv;
  if (error instanceof DOMException && error.name === "TimeoutError") return "Katalogen svarade inte i tid.";
  // Unexpected: keep the technical message for the coordinator, and the whole error in the log.
  console.error(error);
  return `Oväntat fel vid skördningen: ${error instanceof Error ? error.message : String(error)}`;
}

function withoutDuplicateUris(datasets: ParsedDataset[], errors: { identity: string; message: string }[]) {
  const seen = new Set<string>();
  return datasets.filter((dataset) => {
    if (seen.has(dataset.uri)) {
      errors.push({ identity: dataset.uri, message: "Datamängden förekommer flera gånger i katalogen; den första används." });
      return false;
    }
    seen.add(dataset.uri);
    return true;
  });
}

function publisherKey(publisher: ParsedPublisher) {
  return publisher.uri ?? publisher.orgNumber ?? Object.values(publisher.name)[0] ?? "";
}

function displayName(publisher: ParsedPublisher) {
  const name = publisher.name;
  return name.sv ?? name[""] ?? name.en ?? Object.values(name)[0] ?? publisher.uri ?? "Okänd utgivare";
}

/**
 * Maps each publisher of the catalogue to one of our organisations by URI, organisation number or
 * name; an unknown publisher becomes an unconfirmed organisation for a coordinator to confirm.
 */
async function resolvePublishers(
  trx: Transaction<Database>,
  datasets: ParsedDataset[],
  sourcePublisherId: string | null,
): Promise<Map<string, string | null>> {
  const organisations = await trx
    .selectFrom("organisations")
    .select(["id", "name", "uri", "org_number", "slug"])
    .execute();
  const byUri = new Map(organisations.filter((o) => o.uri).map((o) => [o.uri!, o.id]));
  const byNumber = new Map(organisations.filter((o) => o.org_number).map((o) => [o.org_number!, o.id]));
  const byName = new Map<string, string>();
  for (const o of organisations) for (const key of publisherNameKeys(o.name)) if (!byName.has(key)) byName.set(key, o.id);
  const slugs = new Set(organisations.map((o) => o.slug));

  const resolved = new Map<string, string | null>();
  for (const dataset of datasets) {
    const publisher = dataset.publisher;
    if (!publisher) continue;
    const key = publisherKey(publisher);
    if (resolved.has(key)) continue;
    let id =
      (publisher.uri && byUri.get(publisher.uri)) ||
      (publisher.orgNumber && byNumber.get(publisher.orgNumber)) ||
      Object.values(publisher.name)
        .flatMap(publisherNameKeys)
        .map((k) => byName.get(k))
        .find(Boolean);
    if (id) {
      // Remember the publisher URI so the next harvest matches it directly.
      if (publisher.uri && !byUri.has(publisher.uri)) {
        await trx.updateTable("organisations").set({ uri: publisher.uri }).where("id", "=", id).where("uri", "is", null).execute();
        byUri.set(publisher.uri, id);
      }
    } else {
      const name = displayName(publisher);
      let slug = slugify(name).slice(0, 60) || "utgivare";
      for (let n = 2; slugs.has(slug); n++) slug = `${slugify(name).slice(0, 60)}-${n}`;
      slugs.add(slug);
      const created = await trx
        .insertInto("organisations")
        .values({
          slug,
          name,
          type: "other",
          kommunkod: null,
          // Only Swedish organisation numbers fit the column; a Norwegian one stays in the catalogue.
          org_number:
            publisher.orgNumber && /^\d{6}-\d{4}$/.test(publisher.orgNumber) && !byNumber.has(publisher.orgNumber)
              ? publisher.orgNumber
              : null,
          uri: publisher.uri,
          confirmed: false,
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      id = created.id;
      if (publisher.uri) byUri.set(publisher.uri, id);
      if (publisher.orgNumber) byNumber.set(publisher.orgNumber, id);
      for (const k of publisherNameKeys(name)) if (!byName.has(k)) byName.set(k, id);
    }
    resolved.set(key, id ?? sourcePublisherId);
  }
  resolved.set("", sourcePublisherId);
  return resolved;
}

function datasetRow(sourceId: string, dataset: ParsedDataset, publisherId: string | null) {
  const record = {
    uri: dataset.uri,
    uri_is_derived: dataset.uriIsDerived,
    source_id: sourceId,
    publisher_organisation_id: publisherId,
    title: JSON.stringify(dataset.title),
    description: JSON.stringify(dataset.description),
    keywords: JSON.stringify(dataset.keywords),
    themes: dataset.themes,
    formats: [...new Set(dataset.distributions.map((d) => d.format).filter((f): f is string => Boolean(f)))],
    conforms_to: dataset.conformsTo,
    distributions: JSON.stringify(dataset.distributions),
    contact_point: dataset.contactPoint ? JSON.stringify(dataset.contactPoint) : null,
    licence: dataset.licence,
    landing_page: dataset.landingPage,
    modified: dataset.modified,
  };
  return { ...record, content_hash: createHash("sha256").update(JSON.stringify(record)).digest("hex") };
}

async function writeDatasets(
  trx: Transaction<Database>,
  sourceId: string,
  datasets: ParsedDataset[],
  publisherIds: Map<string, string | null>,
  summary: HarvestSummary,
  onProgress?: (progress: HarvestProgress) => void,
) {
  const changedIds: string[] = [];
  for (let start = 0; start < datasets.length; start += WRITE_BATCH) {
    const batch = datasets.slice(start, start + WRITE_BATCH);
    const rows = batch.map((d) => datasetRow(sourceId, d, publisherIds.get(d.publisher ? publisherKey(d.publisher) : "") ?? null));
    const written = await trx
      .insertInto("datasets")
      .values(rows)
      .onConflict((oc) =>
        oc
          .column("uri")
          .doUpdateSet((eb) => ({
            uri_is_derived: eb.ref("excluded.uri_is_derived"),
            source_id: eb.ref("excluded.source_id"),
            publisher_organisation_id: eb.ref("excluded.publisher_organisation_id"),
            title: eb.ref("excluded.title"),
            description: eb.ref("excluded.description"),
            keywords: eb.ref("excluded.keywords"),
            themes: eb.ref("excluded.themes"),
            formats: eb.ref("excluded.formats"),
            conforms_to: eb.ref("excluded.conforms_to"),
            distributions: eb.ref("excluded.distributions"),
            contact_point: eb.ref("excluded.contact_point"),
            licence: eb.ref("excluded.licence"),
            landing_page: eb.ref("excluded.landing_page"),
            modified: eb.ref("excluded.modified"),
            content_hash: eb.ref("excluded.content_hash"),
            updated_at: sql`now()`,
            removed_at: null,
          }))
          // Unchanged datasets are not rewritten, so they are neither re-indexed nor returned.
          .where((eb) =>
            eb.or([
              eb("datasets.content_hash", "!=", eb.ref("excluded.content_hash")),
              eb("datasets.removed_at", "is not", null),
              eb("datasets.source_id", "!=", eb.ref("excluded.source_id")),
            ]),
          ),
      )
      // xmax is 0 for a freshly inserted row version: PostgreSQL's way to tell insert from update.
      .returning(["id", sql<boolean>`(xmax = 0)`.as("inserted")])
      .execute();
    for (const row of written) {
      changedIds.push(row.id);
      if (row.inserted) summary.added++;
      else summary.updated++;
    }
    summary.unchanged += batch.length - written.length;
    onProgress?.({ phase: "write", done: Math.min(start + WRITE_BATCH, datasets.length), total: datasets.length });
  }

  const removed = await trx
    .updateTable("datasets")
    .set({ removed_at: sql`now()` })
    .where("source_id", "=", sourceId)
    .where("removed_at", "is", null)
    .where(sql<boolean>`NOT (uri = ANY(${datasets.map((d) => d.uri)}::text[]))`)
    .returning("id")
    .execute();
  summary.removed = removed.length;
  changedIds.push(...removed.map((r) => r.id));

  for (let start = 0; start < changedIds.length; start += 5000) {
    await trx
      .insertInto("search_outbox")
      .values(changedIds.slice(start, start + 5000).map((id) => ({ entity_type: "dataset" as const, entity_id: id })))
      .execute();
  }
}

/**
 * Runs left "running" by a process that stopped mid-harvest. Called when the job queue starts; a
 * run that another live process finishes later still records its own outcome.
 */
export async function failInterruptedHarvestRuns() {
  const result = await db
    .updateTable("harvest_runs")
    .set({ status: "failed", finished_at: new Date(), error: "Skördningen avbröts när servern stoppades." })
    .where("status", "=", "running")
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

export async function listHarvestRuns(input: { sourceId: string; limit: number }) {
  return db
    .selectFrom("harvest_runs")
    .selectAll()
    .where("source_id", "=", input.sourceId)
    .orderBy("started_at", "desc")
    .limit(input.limit)
    .execute();
}
