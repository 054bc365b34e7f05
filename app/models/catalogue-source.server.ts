import path from "node:path";
import type { Transaction } from "kysely";
import { jsonObjectFrom } from "kysely/helpers/postgres";
import { db } from "../../db/client.server";
import type { Database } from "../../db/schema";
import { checkCatalogueAddress } from "../catalogue/address-guard.server";
import { isUrl } from "../catalogue/open-source.server";
import { publisherNameKeys } from "../catalogue/publisher-name";
import { enqueueHarvest } from "../jobs/harvest-queue.server";
import { ConflictError, NotFoundError } from "./errors.server";
import { recordEvent } from "./event.server";
import { inTransaction } from "./transaction.server";

/** The source for a URL or file, created the first time it is harvested. */
export async function getOrCreateCatalogueSource(input: {
  location: string;
  name?: string;
  kind?: "dcat" | "ckan";
  publisherOrganisationId?: string | null;
}) {
  // Files are kept by absolute path, so a run from another directory finds the same source.
  const location = isUrl(input.location) ? input.location : path.resolve(input.location);
  // The command line is run by an operator on the server, so local files are theirs to read; a URL
  // is fetched like any other source and refused here already if its address is internal.
  if (isUrl(location)) await assertCatalogueAddressAllowed(location);
  const existing = await db
    .selectFrom("catalogue_sources")
    .select(["id", "publisher_organisation_id as publisherOrganisationId", "kind"])
    .where("location", "=", location)
    .executeTakeFirst();
  if (existing) {
    if (input.publisherOrganisationId && input.publisherOrganisationId !== existing.publisherOrganisationId) {
      await db
        .updateTable("catalogue_sources")
        .set({ publisher_organisation_id: input.publisherOrganisationId })
        .where("id", "=", existing.id)
        .execute();
    }
    return existing.id;
  }
  const created = await db
    .insertInto("catalogue_sources")
    .values({
      location,
      name: input.name ?? location,
      kind: input.kind ?? "dcat",
      publisher_organisation_id: input.publisherOrganisationId ?? null,
    })
    .onConflict((oc) => oc.column("location").doUpdateSet({ name: (eb) => eb.ref("excluded.name") }))
    .returning("id")
    .executeTakeFirstOrThrow();
  return created.id;
}

/** Finds an organisation by slug, kommunkod or name, for `--publisher`. */
export async function findOrganisation(reference: string) {
  const keys = publisherNameKeys(reference);
  const organisations = await db.selectFrom("organisations").select(["id", "name", "slug", "kommunkod"]).execute();
  return organisations.find(
    (o) =>
      o.slug === reference || o.kommunkod === reference || o.id === reference || publisherNameKeys(o.name).some((k) => keys.includes(k)),
  );
}

/**
 * Sources to harvest: those on a schedule, or those with no successful harvest that is not being
 * harvested right now (the demo catalogue on a fresh start, or a harvest a restart cut off).
 */
export async function listSourcesDueForHarvest(input: { schedule?: "daily"; neverHarvested?: boolean }) {
  return db
    .selectFrom("catalogue_sources")
    .select(["catalogue_sources.id", "catalogue_sources.name"])
    .$if(input.schedule !== undefined, (qb) => qb.where("schedule", "=", input.schedule!))
    .$if(input.neverHarvested === true, (qb) =>
      qb.where(({ not, exists, selectFrom }) =>
        not(
          exists(
            selectFrom("harvest_runs")
              .select("harvest_runs.id")
              .whereRef("harvest_runs.source_id", "=", "catalogue_sources.id")
              .where("harvest_runs.status", "in", ["succeeded", "running", "held"]),
          ),
        ),
      ),
    )
    .orderBy("catalogue_sources.created_at")
    .execute();
}

export async function listCatalogueSources() {
  return db
    .selectFrom("catalogue_sources")
    .leftJoin("organisations", "organisations.id", "catalogue_sources.publisher_organisation_id")
    .select((eb) => [
      "catalogue_sources.id",
      "catalogue_sources.name",
      "catalogue_sources.location",
      "catalogue_sources.kind",
      "catalogue_sources.schedule",
      "organisations.name as publisherName",
      eb
        .selectFrom("datasets")
        .select((e) => e.fn.countAll<number>().as("count"))
        .whereRef("datasets.source_id", "=", "catalogue_sources.id")
        .where("datasets.removed_at", "is", null)
        .as("datasetCount"),
      jsonObjectFrom(
        eb
          .selectFrom("harvest_runs")
          .select([
            "status",
            "started_at as startedAt",
            "finished_at as finishedAt",
            "added",
            "updated",
            "removed",
            "failed",
            "error",
            "error_key as errorKey",
            "error_params as errorParams",
          ])
          .whereRef("harvest_runs.source_id", "=", "catalogue_sources.id")
          .orderBy("started_at", "desc")
          .limit(1),
      ).as("lastRun"),
    ])
    .orderBy("catalogue_sources.name")
    .execute();
}

export async function getCatalogueSource(id: string) {
  return db
    .selectFrom("catalogue_sources")
    .leftJoin("organisations", "organisations.id", "catalogue_sources.publisher_organisation_id")
    .select([
      "catalogue_sources.id",
      "catalogue_sources.name",
      "catalogue_sources.location",
      "catalogue_sources.kind",
      "catalogue_sources.schedule",
      "catalogue_sources.removal_threshold_percent as removalThresholdPercent",
      "catalogue_sources.publisher_organisation_id as publisherOrganisationId",
      "organisations.name as publisherName",
    ])
    .where("catalogue_sources.id", "=", id)
    .executeTakeFirst();
}

export class SourceExistsError extends ConflictError {
  constructor(readonly location?: string) {
    super("errors.sourceExists");
  }
}

/** The publisher chosen for the source's datasets is no organisation of the portal (a hand-made form, or removed meanwhile). */
export class PublisherUnknownError extends ConflictError {
  constructor() {
    super("errors.publisherUnknown");
  }
}

/** The source's address is internal (or cannot be resolved): refused, with one neutral message. */
export class SourceAddressRefusedError extends ConflictError {
  constructor(
    readonly location: string,
    options?: { cause?: unknown },
  ) {
    super("errors.sourceAddressRefused", options);
  }
}

async function assertCatalogueAddressAllowed(location: string) {
  try {
    await checkCatalogueAddress(location);
  } catch (error) {
    throw new SourceAddressRefusedError(location, { cause: error });
  }
}

/**
 * Adds a source and queues its first harvest, in one transaction with the audit event: a job that
 * cannot be queued leaves no source behind that nothing would ever harvest.
 */
export async function createCatalogueSource(
  input: {
    actorUserId: string;
    name: string;
    location: string;
    kind: "dcat" | "ckan";
    schedule: "manual" | "daily";
    publisherOrganisationId: string | null;
  },
  trx?: Transaction<Database>,
) {
  // Checked at save time so the coordinator hears at once; the harvest checks again before each fetch.
  await assertCatalogueAddressAllowed(input.location);
  return inTransaction(trx, async (trx) => {
    if (input.publisherOrganisationId) {
      const publisher = await trx
        .selectFrom("organisations")
        .select("id")
        .where("id", "=", input.publisherOrganisationId)
        .executeTakeFirst();
      if (!publisher) throw new PublisherUnknownError();
    }
    const source = await trx
      .insertInto("catalogue_sources")
      .values({
        name: input.name,
        location: input.location,
        kind: input.kind,
        schedule: input.schedule,
        publisher_organisation_id: input.publisherOrganisationId,
      })
      .onConflict((oc) => oc.column("location").doNothing())
      .returning("id")
      .executeTakeFirst();
    if (!source) throw new SourceExistsError(input.location);
    await recordEvent(trx, {
      actorUserId: input.actorUserId,
      entityType: "catalogue_source",
      entityId: source.id,
      action: "create",
      toState: input.schedule,
      data: { location: input.location, kind: input.kind },
    });
    await enqueueHarvest(source.id, trx);
    return source;
  });
}

export async function updateCatalogueSourceSchedule(input: { actorUserId: string; sourceId: string; schedule: "manual" | "daily" }) {
  return db.transaction().execute(async (trx) => {
    const before = await trx
      .selectFrom("catalogue_sources")
      .select("schedule")
      .where("id", "=", input.sourceId)
      .forUpdate()
      .executeTakeFirst();
    if (!before) throw new NotFoundError();
    await trx.updateTable("catalogue_sources").set({ schedule: input.schedule }).where("id", "=", input.sourceId).execute();
    await recordEvent(trx, {
      actorUserId: input.actorUserId,
      entityType: "catalogue_source",
      entityId: input.sourceId,
      action: "change_schedule",
      fromState: before.schedule,
      toState: input.schedule,
    });
  });
}

/** The share of a source's active datasets one run may remove before it waits for a coordinator. */
export async function updateRemovalThreshold(input: { actorUserId: string; sourceId: string; percent: number }) {
  return db.transaction().execute(async (trx) => {
    const before = await trx
      .selectFrom("catalogue_sources")
      .select("removal_threshold_percent")
      .where("id", "=", input.sourceId)
      .forUpdate()
      .executeTakeFirst();
    if (!before) throw new NotFoundError();
    await trx.updateTable("catalogue_sources").set({ removal_threshold_percent: input.percent }).where("id", "=", input.sourceId).execute();
    await recordEvent(trx, {
      actorUserId: input.actorUserId,
      entityType: "catalogue_source",
      entityId: input.sourceId,
      action: "change_removal_threshold",
      fromState: String(before.removal_threshold_percent),
      toState: String(input.percent),
    });
  });
}
