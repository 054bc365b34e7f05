import { randomBytes } from "node:crypto";
import { hash } from "@node-rs/argon2";
import { sql, type Kysely, type Transaction } from "kysely";
import type { Database } from "../../schema";
import { insertComments } from "./comments";
import { demoRequests } from "./content";
import { createRows, type DemoRequestOptions, type LinkedDataset, type SeedContext } from "./context";
import { writeRequest } from "./requests";
import { moveDuplicateSupport, planRequest, type Places, type PlannedRequest } from "./support";
import { createTimeline } from "./timeline";
import { demoUsers } from "./users";

/**
 * Demo requests (issue #4): a few dozen requests as companies, researchers, authorities and
 * citizens write them, in every status of the lifecycle, with votes, follows, comments, tasks,
 * linked datasets, time-saved ledger rows and the audit events of every state change, so a fresh
 * `npm start` shows a living register.
 *
 * The requests link datasets of the demo catalogue (`data/catalogs/catalog-vg-public.rdf`), which
 * the job queue harvests after start; with demo data on, the start hands the job queue
 * app/jobs/demo-requests.server.ts, which calls this after each successful harvest. It writes
 * nothing until those datasets are there, nor once any request exists.
 *
 * DEMO_DATA=off leaves the demo requests in place: the time-saved ledger is append-only (its rows
 * reference the requests), and removing the demo accounts sets their requests' requester to null.
 *
 * The parts of this folder: `content.ts` (what the requests say, as data), `timeline.ts` (the clock
 * and seeded dice), `users.ts` (requesters and voters), `support.ts` (each request's plan: moments,
 * targets, votes and follows), `requests.ts` (rows, events, ledger), `tasks.ts`, `comments.ts`.
 */
export type { DemoRequestOptions } from "./context";

/** The demo catalogue's datasets the requests link, by URI; empty until it is harvested. */
async function linkableDatasets(trx: Transaction<Database>): Promise<Map<string, LinkedDataset>> {
  const wantedUris = [
    ...new Set(demoRequests.flatMap((r) => [r.datasetUri, ...Object.values(r.tasks ?? {}).map((t) => t.datasetUri)])),
  ].filter((u): u is string => Boolean(u));
  const rows = await trx
    .selectFrom("datasets")
    .select(["id", "uri", "title"])
    .where("uri", "in", wantedUris)
    .where("removed_at", "is", null)
    .execute();
  return new Map(rows.map((d) => [d.uri, { id: d.id, title: d.title.sv ?? Object.values(d.title)[0] ?? d.uri }]));
}

async function places(trx: Transaction<Database>): Promise<Places> {
  const rows = await trx
    .selectFrom("organisations")
    .select(["id", "name", "kommunkod", "type"])
    .where("type", "in", ["municipality", "region"])
    .orderBy("kommunkod")
    .execute();
  return {
    byCode: new Map(rows.map((o) => [o.kommunkod ?? "", o])),
    municipalities: rows.filter((o) => o.type === "municipality"),
    region: rows.find((o) => o.type === "region"),
  };
}

function latestAssumptions(trx: Transaction<Database>) {
  return trx
    .selectFrom("time_saved_assumptions")
    .select(["version", "minutes_per_existing_data_answer as minutes"])
    .orderBy("version", "desc")
    .limit(1)
    .executeTakeFirstOrThrow();
}

/** Votes and follows (a duplicate's now belong to its original). */
async function insertSupport(context: SeedContext, planned: PlannedRequest[]) {
  const rows = (kind: "votes" | "follows") =>
    planned.flatMap((p) =>
      [...p[kind]].map(([user_id, created_at]) => ({ request_id: context.ids.get(p.spec.key)!.id, user_id, created_at })),
    );
  const votes = rows("votes");
  const follows = rows("follows");
  if (votes.length) await context.trx.insertInto("votes").values(votes).execute();
  if (follows.length) await context.trx.insertInto("follows").values(follows).execute();
}

async function insertCollectedRows({ trx, rows }: SeedContext) {
  if (rows.links.size)
    await trx
      .insertInto("request_datasets")
      .values([...rows.links.values()])
      .execute();
  if (rows.timeSaved.length) await trx.insertInto("time_saved").values(rows.timeSaved).execute();
  if (rows.taskLinks.length) await trx.insertInto("task_datasets").values(rows.taskLinks).execute();
  for (let i = 0; i < rows.events.length; i += 500)
    await trx
      .insertInto("events")
      .values(rows.events.slice(i, i + 500))
      .execute();
}

/**
 * Seeds the demo requests in one transaction; returns how many it created. Writes nothing when any
 * request exists, or while none of the demo catalogue's datasets it links has been harvested.
 */
export async function seedDemoRequests(db: Kysely<Database>, options: DemoRequestOptions): Promise<number> {
  const time = createTimeline(options.today);
  // Hashed outside the transaction (it takes a moment); nobody knows the value, so nobody can sign in.
  const passwordHash = await hash(randomBytes(32).toString("hex"));

  return db.transaction().execute(async (trx) => {
    // Two harvests finishing at once (or two server processes) must not both seed: the check
    // below and the inserts hold this transaction-scoped lock. Raw SQL: Kysely has no builder for it.
    await sql`SELECT pg_advisory_xact_lock(hashtext('fraga:seed-demo-requests'))`.execute(trx);
    if (await trx.selectFrom("requests").select("id").limit(1).executeTakeFirst()) return 0;
    const datasets = await linkableDatasets(trx);
    if (datasets.size === 0) return 0;
    const targets = await places(trx);
    const assumptions = await latestAssumptions(trx);
    const declineReasons = await trx.selectFrom("decline_reasons").select(["id", "position"]).where("active", "=", true).execute();
    const users = await demoUsers(trx, passwordHash);
    const context: SeedContext = {
      trx,
      options,
      time,
      users,
      datasets,
      assumptions,
      declineReasons: new Map(declineReasons.map((r) => [r.position, r.id])),
      rows: createRows(datasets),
      ids: new Map(),
    };

    // An answered_by_existing_data request needs its dataset; the rest link what is there.
    const planned = demoRequests
      .filter((r) => !r.datasetUri || datasets.has(r.datasetUri))
      .sort((a, b) => b.age - a.age || demoRequests.indexOf(a) - demoRequests.indexOf(b))
      .map((spec) => planRequest(spec, { time, users, places: targets }));
    moveDuplicateSupport(planned);
    for (const p of planned) await writeRequest(context, p);
    await insertSupport(context, planned);
    await insertComments(context, planned);
    await insertCollectedRows(context);
    // After every row is in: a mail reads its task, request and followers as they now stand.
    await options.mailTaskOutcomes?.(trx, context.rows.mailedTasks);
    return planned.length;
  });
}
