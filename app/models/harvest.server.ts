import { createHash } from "node:crypto";
import { Readable } from "node:stream";
import { Kysely, PostgresDialect, sql, type Transaction } from "kysely";
import type pg from "pg";
import { db, pool } from "../../db/client.server";
import type { Database, HarvestRunNote } from "../../db/schema";
import { slugify } from "../../db/slugify";
import { CatalogueParseError, detectFormat, parseCatalogue, type ParsedDataset, type ParsedPublisher } from "../catalogue/dcat.server";
import { readCkanCatalogue } from "../catalogue/ckan.server";
import { harvestMessage, harvestNote, renderHarvestMessage, type HarvestMessage } from "../catalogue/harvest-message";
import { CatalogueSourceError, isUrl, openCatalogue } from "../catalogue/open-source.server";
import { publisherNameKeys } from "../catalogue/publisher-name";
import { ConflictError } from "./errors.server";
import { translate, type MessageKey } from "../i18n/translate";
import { recordEvent } from "./event.server";
import { mappedBatches, stageCatalogue } from "./harvest-staging.server";
import { resolvePendingDatasetLinks } from "./task-link.server";
import { enqueueMeaningRecompute } from "../jobs/harvest-queue.server";

export type HarvestProgress = { phase: "read"; bytes: number; totalBytes: number | null } | { phase: "write"; done: number; total: number };

export interface HarvestSummary {
  runId: string;
  sourceId: string;
  sourceName: string;
  status: "succeeded" | "failed" | "held";
  added: number;
  updated: number;
  unchanged: number;
  removed: number;
  /** A held run: what it would remove once a coordinator confirms. */
  pendingRemovals: number;
  failed: number;
  /** The error in Swedish, as the command line prints it; `errorMessage` is what the run stores. */
  error: string | null;
  errorMessage: HarvestMessage | null;
  errors: HarvestRunNote[];
  /** Not failures: a dataset another source owns, NUL characters removed. */
  warnings: HarvestRunNote[];
}

/** A dataset's note or error kept as its key and parameters, with the Swedish text beside them. */
function note(identity: string, key: MessageKey, params: Record<string, string | number> = {}): HarvestRunNote {
  return { identity, message: translate("sv", key, params), key, params };
}

type HarvestOptions = {
  onProgress?: (progress: HarvestProgress) => void;
  timeoutMs?: number;
  maxBytes?: number;
  /** A run already started by `startHarvestRun` (the job queue starts it before the child process). */
  runId?: string;
};

const WRITE_BATCH = 500;
/** A run still "running" after this long died with its process. */
const ABANDONED_AFTER_MINUTES = 60;
/** Thousands of broken datasets would bloat the run's row; the first thousand tell the story. */
const MAX_LISTED = 1000;

/** The run's row, "running"; the job queue makes it before handing the harvest to a child process. */
export async function startHarvestRun(sourceId: string) {
  await failRunsWithoutLiveHarvest({
    sourceId,
    startedBefore: new Date(Date.now() - ABANDONED_AFTER_MINUTES * 60_000),
    error: harvestMessage("harvest.error.processStopped"),
  });
  const run = await db.insertInto("harvest_runs").values({ source_id: sourceId }).returning("id").executeTakeFirstOrThrow();
  return run.id;
}

/**
 * Harvests one source. All the run's effects (datasets, publishers, removals, search outbox rows
 * and the run's own outcome) are one transaction: a failure of any kind (unreadable file, timeout,
 * database error) rolls them back and ends the run `failed` with a Swedish message. RDF/XML and
 * Turtle stream through a staging table (ADR 005); vanished datasets are marked removed, never
 * deleted, unless they are more than the source's share of its datasets: then the run is `held`
 * for a coordinator, its additions and updates applied and its removals waiting.
 */
export async function harvestCatalogueSource(sourceId: string, options: HarvestOptions = {}): Promise<HarvestSummary> {
  const source = await db
    .selectFrom("catalogue_sources")
    .select([
      "id",
      "name",
      "location",
      "kind",
      "publisher_organisation_id as publisherOrganisationId",
      "removal_threshold_percent as threshold",
    ])
    .where("id", "=", sourceId)
    .executeTakeFirstOrThrow();
  const runId = options.runId ?? (await startHarvestRun(sourceId));
  const summary: HarvestSummary = {
    runId,
    sourceId,
    sourceName: source.name,
    status: "failed",
    added: 0,
    updated: 0,
    unchanged: 0,
    removed: 0,
    pendingRemovals: 0,
    failed: 0,
    error: null,
    errorMessage: null,
    errors: [],
    warnings: [],
  };

  // The run has a connection of its own: COPY (harvest-staging.server.ts) needs the driver's
  // client, and Kysely hands out its transactions' clients to nobody.
  let client: pg.PoolClient | null = null;
  let connection: Kysely<Database> | null = null;
  // After a failure the connection may be mid-COPY or mid-query: it is closed, not reused, and
  // before the run's failure is written, so nothing of the run still holds a lock.
  const letGo = async (broken: boolean) => {
    client?.release(broken);
    client = null;
    await connection?.destroy();
    connection = null;
  };
  try {
    client = await pool.connect();
    connection = onOneConnection(client);
    const ownClient = client;
    await connection.transaction().execute(async (trx) => {
      // One harvest of a source at a time; a second waits for the first instead of racing it.
      await sql`SELECT pg_advisory_xact_lock(hashtext(${sourceId}))`.execute(trx);
      // A held run is judged against the catalogue as it was; a newer run replaces it.
      await trx
        .deleteFrom("harvest_run_removals")
        .where("run_id", "in", trx.selectFrom("harvest_runs").select("id").where("source_id", "=", sourceId).where("status", "=", "held"))
        .execute();
      await trx
        .updateTable("harvest_runs")
        .set({ status: "discarded", ...storedError(harvestMessage("harvest.error.replaced")) })
        .where("source_id", "=", sourceId)
        .where("status", "=", "held")
        .execute();
      const writer = await RunWriter.start(trx, ownClient, source, runId, summary, options.onProgress);
      await readInto(writer, source, options);
      await writer.finish(source.threshold);
      await saveRun(trx, summary);
    });
  } catch (error) {
    await letGo(true);
    summary.status = "failed";
    summary.added = summary.updated = summary.unchanged = summary.removed = summary.pendingRemovals = 0;
    summary.errorMessage = readableHarvestMessage(describeFailure(error));
    summary.error = renderHarvestMessage("sv", summary.errorMessage);
    summary.failed = summary.errors.length;
    await saveRun(db, summary);
  } finally {
    await letGo(false);
  }
  return summary;
}

/** A Kysely instance on one pooled client, which it never releases (the caller does). */
function onOneConnection(client: pg.PoolClient): Kysely<Database> {
  const lent = { query: client.query.bind(client), release: () => {} };
  return new Kysely<Database>({
    dialect: new PostgresDialect({ pool: { connect: async () => lent, end: async () => {} } as never }),
  });
}

/** The run's outcome; text is cleaned of NUL, which PostgreSQL cannot store, so this write cannot fail on it. */
async function saveRun(executor: Transaction<Database> | typeof db, summary: HarvestSummary) {
  const clean = (text: string) => text.replaceAll("\0", "");
  const cleanParams = (params: Record<string, string | number>) =>
    Object.fromEntries(Object.entries(params).map(([name, value]) => [name, typeof value === "string" ? clean(value) : value]));
  const listed = (items: HarvestRunNote[]) =>
    JSON.stringify(
      items.slice(0, MAX_LISTED).map((i) => ({
        identity: clean(i.identity),
        message: clean(i.message),
        ...(i.key ? { key: i.key, params: cleanParams(i.params ?? {}) } : {}),
      })),
    );
  await executor
    .updateTable("harvest_runs")
    .set({
      status: summary.status,
      finished_at: new Date(),
      added: summary.added,
      updated: summary.updated,
      unchanged: summary.unchanged,
      removed: summary.removed,
      pending_removals: summary.pendingRemovals,
      failed: summary.failed,
      error: summary.error === null ? null : clean(summary.error),
      error_key: summary.errorMessage?.key ?? null,
      error_params: summary.errorMessage ? JSON.stringify(cleanParams(summary.errorMessage.params)) : null,
      errors: listed(summary.errors),
      warnings: listed(summary.warnings),
    })
    .where("id", "=", summary.runId)
    .execute();
}

/** A catalogue parsed whole (CKAN, JSON-LD): its notes, then its datasets in batches. */
async function writeParsed(
  writer: RunWriter,
  parsed: { datasets: ParsedDataset[]; failures: HarvestRunNote[]; warnings?: HarvestRunNote[] },
) {
  writer.expect(parsed.datasets.length);
  writer.fail(parsed.failures);
  writer.warn(parsed.warnings ?? []);
  for (let start = 0; start < parsed.datasets.length; start += WRITE_BATCH) {
    await writer.write(parsed.datasets.slice(start, start + WRITE_BATCH));
  }
}

async function readInto(writer: RunWriter, source: { location: string; kind: "dcat" | "ckan" }, options: HarvestOptions) {
  if (source.kind === "ckan") {
    const parsed = await readCkanCatalogue(source.location, options);
    await writeParsed(writer, parsed);
    return;
  }
  const opened = await openCatalogue(source.location, {
    timeoutMs: options.timeoutMs,
    maxBytes: options.maxBytes,
    onBytes: (bytes) => options.onProgress?.({ phase: "read", bytes, totalBytes: opened.totalBytes }),
  });
  const baseIri = isUrl(source.location) ? source.location : undefined;
  const { head, stream } = await peek(opened.stream);
  const format = detectFormat(head, opened.sourceName);
  if (format === "jsonld") {
    // A JSON-LD processor needs the whole document anyway: nothing to gain from staging it.
    const parsed = await parseCatalogue(stream, { sourceName: opened.sourceName, baseIri, format });
    await writeParsed(writer, parsed);
    return;
  }
  let nulReported = false;
  const total = await stageCatalogue(writer.trx, writer.client, stream, {
    format,
    baseIri,
    onNul: () => {
      if (nulReported) return;
      nulReported = true;
      writer.warn([note(source.location, "harvest.warning.nulRemoved")]);
    },
    onWarning: (message) => writer.warn([harvestNote(source.location, message)]),
  });
  writer.expect(total);
  // A batch is written while the next one is mapped: PostgreSQL and JavaScript work at once. The
  // writes stay in order (each waits for the one before), and so do the run's errors.
  let writing: Promise<void> = Promise.resolve();
  try {
    for await (const batch of mappedBatches(writer.trx, baseIri ?? null)) {
      await writing;
      writer.fail(batch.failures);
      writer.warn(batch.warnings);
      writing = writer.write(batch.datasets);
      // Awaited on the next turn or below; a failure meanwhile must not count as unhandled.
      writing.catch(() => {});
    }
  } catch (error) {
    // The transaction must not roll back while a write still sends statements: one sent after
    // the rollback would run on its own, outside the run's transaction.
    await writing.catch(() => {});
    throw error;
  }
  await writing;
}

/** The first bytes, to tell the format, and the whole stream still to read. */
async function peek(stream: Readable): Promise<{ head: Buffer; stream: Readable }> {
  const iterator = stream[Symbol.asyncIterator]();
  const first = await iterator.next();
  const head = first.done ? Buffer.alloc(0) : Buffer.from(first.value as Buffer);
  async function* rest() {
    if (!first.done) yield head;
    for (let next = await iterator.next(); !next.done; next = await iterator.next()) yield next.value as Buffer;
  }
  return { head, stream: Readable.from(rest(), { objectMode: false }) };
}

/** A parser quoting the offending bytes may quote NULs or a megabyte-long line: keep it readable. */
function readableMessage(message: string): string {
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  const text = message.replace(/[\u0000-\u0008\u000b-\u001f\u007f]+/g, " ").replace(/ {2,}/g, " ");
  return text.length > 500 ? `${text.slice(0, 500)} …` : text;
}

/** The message's parameters made readable the same way (a parse error's reason quotes the input). */
function readableHarvestMessage(message: HarvestMessage): HarvestMessage {
  const params = Object.fromEntries(
    Object.entries(message.params).map(([name, value]) => [name, typeof value === "string" ? readableMessage(value) : value]),
  );
  return { key: message.key, params };
}

/** The columns of a run's error: its key and parameters, and the Swedish text beside them. */
function storedError(message: HarvestMessage) {
  return { error: renderHarvestMessage("sv", message), error_key: message.key, error_params: JSON.stringify(message.params) };
}

function describeFailure(error: unknown): HarvestMessage {
  if (error instanceof CatalogueParseError || error instanceof CatalogueSourceError) return error.harvestMessage;
  if (error instanceof DOMException && error.name === "TimeoutError") return harvestMessage("harvest.error.timeoutUnknown");
  // Unexpected: the whole error goes to the log; the coordinator gets words, not a database dump.
  console.error(error);
  const code = (error as { code?: unknown }).code;
  if (typeof code === "string" && /^[0-9A-Z]{5}$/.test(code)) {
    if (code === "22021" || code === "22P05") return harvestMessage("harvest.error.unstorableCharacters");
    return harvestMessage("harvest.error.database", { code });
  }
  return harvestMessage("harvest.error.unexpected");
}

/**
 * Writes a run's datasets batch by batch inside its transaction. What the run saw is kept in a
 * temporary table (not in the heap) so removals are found in SQL at the end, and a URI seen twice
 * in one catalogue is told apart from one another source owns.
 */
class RunWriter {
  private expected = 0;
  private done = 0;
  private activeBefore = 0;
  private readonly changedIds: string[] = [];

  private constructor(
    readonly trx: Transaction<Database>,
    readonly client: pg.ClientBase,
    private readonly sourceId: string,
    private readonly summary: HarvestSummary,
    private readonly publishers: PublisherResolver,
    private readonly onProgress?: (progress: HarvestProgress) => void,
  ) {}

  static async start(
    trx: Transaction<Database>,
    client: pg.ClientBase,
    source: { id: string; publisherOrganisationId: string | null },
    _runId: string,
    summary: HarvestSummary,
    onProgress?: (progress: HarvestProgress) => void,
  ) {
    await sql`CREATE TEMP TABLE harvest_seen (uri text PRIMARY KEY) ON COMMIT DROP`.execute(trx);
    const writer = new RunWriter(
      trx,
      client,
      source.id,
      summary,
      await PublisherResolver.load(trx, source.publisherOrganisationId),
      onProgress,
    );
    const active = await trx
      .selectFrom("datasets")
      .select((eb) => eb.fn.countAll<number>().as("count"))
      .where("source_id", "=", source.id)
      .where("removed_at", "is", null)
      .executeTakeFirstOrThrow();
    writer.activeBefore = Number(active.count);
    return writer;
  }

  expect(total: number) {
    this.expected = total;
  }

  fail(failures: HarvestRunNote[]) {
    this.summary.errors.push(...failures);
    this.summary.failed = this.summary.errors.length;
  }

  warn(warnings: HarvestRunNote[]) {
    this.summary.warnings.push(...warnings);
  }

  async write(batch: ParsedDataset[]) {
    if (batch.length === 0) return;
    const summary = this.summary;
    // The first mention of a URI in the catalogue is used; the database knows what this run saw.
    const firstInBatch = new Map<string, ParsedDataset>();
    for (const dataset of batch) {
      if (firstInBatch.has(dataset.uri)) this.duplicate(dataset.uri);
      else firstInBatch.set(dataset.uri, dataset);
    }
    // Asked together (one round trip): what this run has already seen, and what the database
    // holds for these URIs, so that unchanged datasets and other sources' datasets are never sent.
    const uris = [...firstInBatch.keys()];
    const [{ rows: fresh }, existing] = await Promise.all([
      sql<{ uri: string }>`INSERT INTO harvest_seen SELECT unnest(${uris}::text[]) ON CONFLICT DO NOTHING RETURNING uri`.execute(this.trx),
      this.trx
        .selectFrom("datasets")
        .innerJoin("catalogue_sources", "catalogue_sources.id", "datasets.source_id")
        .select(["datasets.uri", "datasets.source_id", "datasets.content_hash", "datasets.removed_at", "catalogue_sources.name"])
        // One array parameter instead of thousands: the planner looks each up in the unique index.
        .where(sql<boolean>`datasets.uri = ANY(${uris}::text[])`)
        .execute(),
    ]);
    const freshUris = new Set(fresh.map((r) => r.uri));
    for (const uri of uris) if (!freshUris.has(uri)) this.duplicate(uri);
    const stored = new Map(existing.map((row) => [row.uri, row]));

    const datasets: ParsedDataset[] = [];
    for (const uri of freshUris) {
      const other = stored.get(uri);
      // The first source to list a dataset keeps it while it lists it (issue 7, point 7).
      if (other && other.source_id !== this.sourceId && other.removed_at === null) {
        this.warn([note(uri, "harvest.warning.ownedElsewhere", { source: other.name })]);
      } else {
        datasets.push(firstInBatch.get(uri)!);
      }
    }
    let rows: ReturnType<typeof datasetRow>[] = [];
    if (datasets.length > 0) {
      const publisherIds = await this.publishers.resolve(this.trx, datasets);
      rows = datasets
        .map((d) => datasetRow(this.sourceId, d, publisherIds.get(d.publisher ? publisherKey(d.publisher) : "") ?? null))
        .filter((row) => {
          const before = stored.get(row.uri);
          return !(before && before.source_id === this.sourceId && before.removed_at === null && before.content_hash === row.content_hash);
        });
      summary.unchanged += datasets.length - rows.length;
    }
    if (rows.length > 0) {
      const written = await this.trx
        .insertInto("datasets")
        .columns(DATASET_COLUMNS)
        // The batch as one JSON parameter instead of 17 parameters per dataset: the driver then
        // serialises one string, and PostgreSQL reads it into rows (ADR 005).
        .expression(
          sql`SELECT ${sql.join(DATASET_COLUMNS.map((column) => sql.ref(column)))}
            FROM jsonb_to_recordset(${`[${rows.map((row) => row.json).join(",")}]`}::jsonb) AS r(
              uri text, uri_is_derived boolean, source_id uuid, publisher_organisation_id uuid, title jsonb,
              description jsonb, keywords jsonb, themes text[], formats text[], conforms_to text[],
              distributions jsonb, contact_point jsonb, licence text, landing_page text, modified text,
              untagged_language text, content_hash text)`,
        )
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
              untagged_language: eb.ref("excluded.untagged_language"),
              content_hash: eb.ref("excluded.content_hash"),
              updated_at: sql`now()`,
              removed_at: null,
            }))
            // Unchanged datasets are not rewritten, so they are neither re-indexed nor returned. An
            // active dataset of another source is never taken: the check above cannot see a
            // concurrent harvest's uncommitted row, but this condition is evaluated after waiting for it.
            .where((eb) =>
              eb.or([
                eb("datasets.removed_at", "is not", null),
                eb.and([
                  eb("datasets.source_id", "=", eb.ref("excluded.source_id")),
                  eb("datasets.content_hash", "!=", eb.ref("excluded.content_hash")),
                ]),
              ]),
            ),
        )
        // xmax is 0 for a freshly inserted row version: PostgreSQL's way to tell insert from update.
        .returning(["id", "uri", sql<boolean>`(xmax = 0)`.as("inserted")])
        .execute();
      const taken = written.length === rows.length ? [] : await this.takenMeanwhile(rows, written);
      for (const row of written) {
        this.changedIds.push(row.id);
        if (row.inserted) summary.added++;
        else summary.updated++;
      }
      // An answer that named one of these datasets before the catalogue held it now links it (issue 9).
      await resolvePendingDatasetLinks(
        this.trx,
        written.map((row) => row.id),
      );
      summary.unchanged += rows.length - written.length - taken.length;
      await this.flushOutbox(false);
    }
    this.done += batch.length;
    this.onProgress?.({ phase: "write", done: this.done, total: Math.max(this.expected, this.done) });
  }

  /** Rows the upsert refused because another source's harvest committed them first: conflicts, as above. */
  private async takenMeanwhile(rows: { uri: string }[], written: { uri: string }[]) {
    const writtenUris = new Set(written.map((row) => row.uri));
    const taken = await this.trx
      .selectFrom("datasets")
      .innerJoin("catalogue_sources", "catalogue_sources.id", "datasets.source_id")
      .select(["datasets.uri", "catalogue_sources.name"])
      .where(sql<boolean>`datasets.uri = ANY(${rows.map((row) => row.uri).filter((uri) => !writtenUris.has(uri))}::text[])`)
      .where("datasets.source_id", "!=", this.sourceId)
      .where("datasets.removed_at", "is", null)
      .execute();
    for (const other of taken) {
      this.warn([note(other.uri, "harvest.warning.ownedElsewhere", { source: other.name })]);
    }
    return taken;
  }

  private duplicate(uri: string) {
    this.fail([note(uri, "harvest.failure.repeated")]);
  }

  private async flushOutbox(all: boolean) {
    while (this.changedIds.length >= 5000 || (all && this.changedIds.length > 0)) {
      const ids = this.changedIds.splice(0, 5000);
      await this.trx
        .insertInto("search_outbox")
        .values(ids.map((id) => ({ entity_type: "dataset" as const, entity_id: id })))
        .execute();
    }
  }

  /** Removals, or a hold when they are more than the source's share of its active datasets. */
  async finish(thresholdPercent: number) {
    const summary = this.summary;
    const seen = summary.added + summary.updated + summary.unchanged;
    if (seen === 0 && summary.warnings.every((w) => w.key !== "harvest.warning.ownedElsewhere")) {
      throw new CatalogueSourceError(
        summary.failed > 0
          ? harvestMessage("harvest.error.noneReadable", { count: summary.failed })
          : harvestMessage("harvest.error.empty"),
      );
    }
    // A dataset that failed to map this time (no title now, say) has not left the catalogue: its
    // earlier version stays, and the run lists its error. Added last, so a later mention of the
    // same URI that did map was still written.
    const unmapped = [...new Set(summary.errors.map((e) => e.identity).filter(isDatasetIdentity))];
    for (let start = 0; start < unmapped.length; start += 5000) {
      await sql`INSERT INTO harvest_seen SELECT unnest(${unmapped.slice(start, start + 5000)}::text[]) ON CONFLICT DO NOTHING`.execute(
        this.trx,
      );
    }
    await sql`ANALYZE harvest_seen`.execute(this.trx);
    const vanished = sql`SELECT d.id FROM datasets d
      WHERE d.source_id = ${this.sourceId} AND d.removed_at IS NULL
        AND NOT EXISTS (SELECT 1 FROM harvest_seen s WHERE s.uri = d.uri)`;
    const { rows: counted } = await sql<{ count: number }>`SELECT count(*)::int AS count FROM (${vanished}) v`.execute(this.trx);
    const count = counted[0].count;
    if (count > 0 && count * 100 > thresholdPercent * this.activeBefore) {
      const held =
        await sql`INSERT INTO harvest_run_removals (run_id, dataset_id) SELECT ${summary.runId}::uuid, id FROM (${vanished}) v`.execute(
          this.trx,
        );
      summary.pendingRemovals = Number(held.numAffectedRows ?? count);
      summary.status = "held";
    } else {
      const { rows: removed } = await sql<{ id: string }>`
        UPDATE datasets SET removed_at = now() WHERE id IN (${vanished}) RETURNING id`.execute(this.trx);
      summary.removed = removed.length;
      this.changedIds.push(...removed.map((r) => r.id));
      summary.status = "succeeded";
    }
    await this.flushOutbox(true);
  }
}

/** A failure's identity is a dataset's URI unless it names a blank node, the file or a CKAN package. */
function isDatasetIdentity(identity: string) {
  return /^[a-z][a-z0-9+.-]*:\S+$/i.test(identity);
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
 * Loaded once per run; each batch of datasets resolves only the publishers it has not met.
 */
class PublisherResolver {
  private readonly resolved = new Map<string, string | null>();

  private constructor(
    private readonly byUri: Map<string, string>,
    private readonly byNumber: Map<string, string>,
    private readonly byName: Map<string, string>,
    private readonly slugs: Set<string>,
    sourcePublisherId: string | null,
  ) {
    this.resolved.set("", sourcePublisherId);
  }

  static async load(trx: Transaction<Database>, sourcePublisherId: string | null) {
    const organisations = await trx.selectFrom("organisations").select(["id", "name", "uri", "org_number", "slug"]).execute();
    const byName = new Map<string, string>();
    for (const o of organisations) for (const key of publisherNameKeys(o.name)) if (!byName.has(key)) byName.set(key, o.id);
    return new PublisherResolver(
      new Map(organisations.filter((o) => o.uri).map((o) => [o.uri!, o.id])),
      new Map(organisations.filter((o) => o.org_number).map((o) => [o.org_number!, o.id])),
      byName,
      new Set(organisations.map((o) => o.slug)),
      sourcePublisherId,
    );
  }

  async resolve(trx: Transaction<Database>, datasets: ParsedDataset[]): Promise<Map<string, string | null>> {
    const { byUri, byNumber, byName, slugs } = this;
    const sourcePublisherId = this.resolved.get("") ?? null;
    for (const dataset of datasets) {
      const publisher = dataset.publisher;
      if (!publisher) continue;
      const key = publisherKey(publisher);
      if (this.resolved.has(key)) continue;
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
      this.resolved.set(key, id ?? sourcePublisherId);
    }
    return this.resolved;
  }
}

const DATASET_COLUMNS = [
  "uri",
  "uri_is_derived",
  "source_id",
  "publisher_organisation_id",
  "title",
  "description",
  "keywords",
  "themes",
  "formats",
  "conforms_to",
  "distributions",
  "contact_point",
  "licence",
  "landing_page",
  "modified",
  "untagged_language",
  "content_hash",
] as const;

function datasetRow(sourceId: string, dataset: ParsedDataset, publisherId: string | null) {
  // Each JSON column is serialised once, for the hashed record (as text: the recipe of every
  // stored hash) and for the row sent to PostgreSQL alike.
  const title = JSON.stringify(dataset.title);
  const description = JSON.stringify(dataset.description);
  const keywords = JSON.stringify(dataset.keywords);
  const distributions = JSON.stringify(dataset.distributions);
  const contactPoint = dataset.contactPoint ? JSON.stringify(dataset.contactPoint) : null;
  const record = {
    uri: dataset.uri,
    uri_is_derived: dataset.uriIsDerived,
    source_id: sourceId,
    publisher_organisation_id: publisherId,
    title,
    description,
    keywords,
    themes: dataset.themes,
    formats: [...new Set(dataset.distributions.map((d) => d.format).filter((f): f is string => Boolean(f)))],
    conforms_to: dataset.conformsTo,
    distributions,
    contact_point: contactPoint,
    licence: dataset.licence,
    landing_page: dataset.landingPage,
    modified: dataset.modified,
  };
  // Hashed only when known, so that datasets without untagged text keep their hash (no needless update).
  const hashed = dataset.untaggedLanguage ? { ...record, untagged_language: dataset.untaggedLanguage } : record;
  const content_hash = createHash("sha256").update(JSON.stringify(hashed)).digest("hex");
  const text = (value: unknown) => JSON.stringify(value ?? null);
  // The row as jsonb_to_recordset reads it, the JSON columns as values rather than as text.
  const json =
    `{"uri":${text(record.uri)},"uri_is_derived":${text(record.uri_is_derived)},"source_id":${text(sourceId)},` +
    `"publisher_organisation_id":${text(publisherId)},"title":${title},"description":${description},"keywords":${keywords},` +
    `"themes":${text(record.themes)},"formats":${text(record.formats)},"conforms_to":${text(record.conforms_to)},` +
    `"distributions":${distributions},"contact_point":${contactPoint ?? "null"},"licence":${text(record.licence)},` +
    `"landing_page":${text(record.landing_page)},"modified":${text(record.modified)},` +
    `"untagged_language":${text(dataset.untaggedLanguage)},"content_hash":"${content_hash}"}`;
  return { uri: dataset.uri, content_hash, json };
}

/**
 * Runs left "running" by a process that stopped mid-harvest. Called when the job queue starts; a
 * run that another live process (a CLI harvest, a second server) is still working on is left alone.
 */
export async function failInterruptedHarvestRuns() {
  return failRunsWithoutLiveHarvest({ error: harvestMessage("harvest.error.serverStopped") });
}

/**
 * Fails "running" runs whose harvest is gone. A live harvest holds its source's advisory lock for
 * its whole transaction (in whichever process runs it): a source whose lock can be taken has none.
 * The lock is taken for a moment only, so a harvest starting meanwhile merely waits for it.
 */
async function failRunsWithoutLiveHarvest(input: { sourceId?: string; startedBefore?: Date; error: HarvestMessage }) {
  const running = await db
    .selectFrom("harvest_runs")
    .select(["id", "source_id"])
    .where("status", "=", "running")
    .$if(input.sourceId !== undefined, (qb) => qb.where("source_id", "=", input.sourceId!))
    .$if(input.startedBefore !== undefined, (qb) => qb.where("started_at", "<", input.startedBefore!))
    .execute();
  const bySource = new Map<string, string[]>();
  for (const run of running) bySource.set(run.source_id, [...(bySource.get(run.source_id) ?? []), run.id]);
  let failed = 0;
  for (const [sourceId, runIds] of bySource) {
    failed += await db.transaction().execute(async (trx) => {
      // The key of the harvest's own lock (harvestCatalogueSource); released when this transaction ends.
      const { rows } = await sql<{ free: boolean }>`SELECT pg_try_advisory_xact_lock(hashtext(${sourceId})) AS free`.execute(trx);
      if (!rows[0].free) return 0;
      const result = await trx
        .updateTable("harvest_runs")
        .set({ status: "failed", finished_at: new Date(), ...storedError(input.error) })
        .where("id", "in", runIds)
        .where("status", "=", "running")
        .executeTakeFirst();
      return Number(result.numUpdatedRows);
    });
  }
  return failed;
}

/**
 * Ends a run whose harvest never reported back (its child process died or was killed): failed,
 * with the message, unless the harvest recorded its own outcome first.
 */
export async function failHarvestRun(input: { runId: string; error: HarvestMessage }) {
  await db
    .updateTable("harvest_runs")
    .set({ status: "failed", finished_at: new Date(), ...storedError(input.error) })
    .where("id", "=", input.runId)
    .where("status", "=", "running")
    .execute();
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

/**
 * The source's run waiting for a coordinator's decision, if any: only a successful newer run
 * replaces it, so it stays held, and on the page, through any number of failed runs after it.
 */
export async function getHeldHarvestRun(sourceId: string) {
  return db
    .selectFrom("harvest_runs")
    .select(["id", "pending_removals"])
    .where("source_id", "=", sourceId)
    .where("status", "=", "held")
    .orderBy("started_at", "desc")
    .executeTakeFirst();
}

export class HarvestRunNotHeldError extends ConflictError {
  constructor() {
    super("sources.runNotHeld");
  }
}

/** The datasets a held run would remove, with their titles, for the coordinator to look through. */
export async function listPendingRemovals(input: { runId: string; limit: number }) {
  return db
    .selectFrom("harvest_run_removals")
    .innerJoin("datasets", "datasets.id", "harvest_run_removals.dataset_id")
    .select(["datasets.id", "datasets.uri", "datasets.title"])
    .where("harvest_run_removals.run_id", "=", input.runId)
    .orderBy("datasets.uri")
    .limit(input.limit)
    .execute();
}

/** The held run of this source: a run id from another source's page is not held here. */
async function heldRunForUpdate(trx: Transaction<Database>, input: { sourceId: string; runId: string }) {
  const run = await trx
    .selectFrom("harvest_runs")
    .select(["id", "source_id", "status"])
    .where("id", "=", input.runId)
    .where("source_id", "=", input.sourceId)
    .forUpdate()
    .executeTakeFirst();
  if (!run || run.status !== "held") throw new HarvestRunNotHeldError();
  return run;
}

/**
 * A coordinator confirms a held run: the datasets it listed are marked removed (those still active
 * in that source), with the audit event and the search outbox rows, in one transaction.
 */
export async function confirmHeldHarvestRun(input: { actorUserId: string; sourceId: string; runId: string }) {
  return db.transaction().execute(async (trx) => {
    // The same lock as a harvest of the source: a confirmation never interleaves with a run.
    await sql`SELECT pg_advisory_xact_lock(hashtext(${input.sourceId}))`.execute(trx);
    const run = await heldRunForUpdate(trx, input);
    const removed = await trx
      .updateTable("datasets")
      .set({ removed_at: sql`now()` })
      .where("source_id", "=", run.source_id)
      .where("removed_at", "is", null)
      .where("id", "in", trx.selectFrom("harvest_run_removals").select("dataset_id").where("run_id", "=", run.id))
      .returning("id")
      .execute();
    for (let start = 0; start < removed.length; start += 5000) {
      await trx
        .insertInto("search_outbox")
        .values(removed.slice(start, start + 5000).map((r) => ({ entity_type: "dataset" as const, entity_id: r.id })))
        .execute();
    }
    await trx.deleteFrom("harvest_run_removals").where("run_id", "=", run.id).execute();
    await trx
      .updateTable("harvest_runs")
      .set({ status: "succeeded", removed: removed.length, pending_removals: 0 })
      .where("id", "=", run.id)
      .execute();
    await recordEvent(trx, {
      actorUserId: input.actorUserId,
      entityType: "harvest_run",
      entityId: run.id,
      action: "confirm_removals",
      fromState: "held",
      toState: "succeeded",
      data: { sourceId: run.source_id, removed: removed.length },
    });
    // The datasets gone, the meaning model must not offer them: learned again, as after a harvest.
    await enqueueMeaningRecompute(trx);
    return { removed: removed.length };
  });
}

/** A coordinator sets a held run aside: nothing is removed; the next run is judged afresh. */
export async function discardHeldHarvestRun(input: { actorUserId: string; sourceId: string; runId: string }) {
  return db.transaction().execute(async (trx) => {
    const run = await heldRunForUpdate(trx, input);
    await trx.deleteFrom("harvest_run_removals").where("run_id", "=", run.id).execute();
    await trx.updateTable("harvest_runs").set({ status: "discarded", pending_removals: 0 }).where("id", "=", run.id).execute();
    await recordEvent(trx, {
      actorUserId: input.actorUserId,
      entityType: "harvest_run",
      entityId: run.id,
      action: "discard_removals",
      fromState: "held",
      toState: "discarded",
      data: { sourceId: run.source_id },
    });
  });
}
