import { sql } from "kysely";
import { db } from "../../db/client.server";
import { getSearchEngine } from "../../search/engines/select-engine.server";
import { MAX_MATCH_LIMIT } from "../../search/engines/engine";
import type { CoverageKind } from "../domain/specifications";
import { countSpecificationDemand, emptyDemand, listBenefitSummaries } from "./specification-benefit.server";

/**
 * Coverage of the register's specifications across the 49 municipalities and the region (issue 14,
 * ADR 042). A municipality's cell for a specification is
 * - `conforming`: it publishes a dataset whose dct:conformsTo is the specification's address or
 *   another version of it (the database's `specification_keys`, migration 2026-12-05T1300: scheme,
 *   "www." and trailing slashes aside; a trailing version segment read as the family);
 * - `same_kind`: none declares it, but the matcher judged one of its datasets to be of that kind
 *   (`judgeSameKind`, kept in specification_kind_matches), shown as the matcher's judgement;
 * - `none`: neither.
 * Retired specifications have no column.
 */

export interface CoverageCell {
  kind: CoverageKind;
  /** Datasets behind the cell: conforming ones, else those judged of the same kind. */
  datasets: number;
  /** Conforming only through another version (or no version) of the specification's address. */
  otherVersion: boolean;
}

interface GridFilter {
  /** One municipality (or the region, "14") by kommunkod. */
  kommunkod?: string;
  specificationId?: string;
  /** Only the municipalities with at least one cell that is not conforming. */
  onlyLacking?: boolean;
}

/** The grid's columns: adopted first, then proposed; by name. */
async function gridSpecifications(specificationId?: string) {
  return db
    .selectFrom("specifications")
    .select(["id", "name", "version", "status", "uri"])
    .where("status", "!=", "retired")
    .$if(specificationId !== undefined, (qb) => qb.where("id", "=", specificationId!))
    .orderBy(sql`status = 'adopted'`, "desc")
    .orderBy(sql`lower(name)`)
    .orderBy("version")
    .execute();
}

/** The grid's rows: the region first, then the municipalities by name. */
async function gridOrganisations(kommunkod?: string) {
  return db
    .selectFrom("organisations")
    .select(["id", "name", "slug", "kommunkod", "type"])
    .where("type", "in", ["municipality", "region"])
    .$if(kommunkod !== undefined, (qb) => qb.where("kommunkod", "=", kommunkod!))
    .orderBy(sql`type = 'region'`, "desc")
    .orderBy("name")
    .execute();
}

/**
 * Per specification × publisher: how many live datasets declare it, and whether one names its exact
 * address. Raw SQL: the join is on the GIN-indexed `specification_keys` column (migration
 * 2026-12-05T1302), with the index's own predicate, so each specification is one index lookup at any catalogue size.
 * Each specification's keys are worked out once (a materialised CTE): inlined, the exact key's
 * regular expressions ran once per declaring dataset, over half the query's time at 100,000 datasets.
 */
async function conformingCounts(specificationIds: string[]) {
  if (specificationIds.length === 0) return [];
  const { rows } = await sql<{ specification_id: string; organisation_id: string; n: number; exact: boolean }>`
    WITH s AS MATERIALIZED (
      SELECT id, ARRAY[specification_family(uri)] AS family, ARRAY[specification_key(uri)] AS exact
      FROM specifications
      WHERE uri IS NOT NULL AND id = ANY(${specificationIds}::uuid[])
    )
    SELECT s.id AS specification_id, d.publisher_organisation_id AS organisation_id, count(*)::int AS n,
           bool_or(d.specification_keys @> s.exact) AS exact
    FROM s
    JOIN datasets d
      ON d.specification_keys @> s.family
     AND d.removed_at IS NULL AND cardinality(d.specification_keys) > 0
    WHERE d.publisher_organisation_id IS NOT NULL
    GROUP BY s.id, d.publisher_organisation_id`.execute(db);
  return rows;
}

async function sameKindCounts(specificationIds: string[]) {
  if (specificationIds.length === 0) return [];
  return db
    .selectFrom("specification_kind_matches as m")
    .innerJoin("datasets as d", "d.id", "m.dataset_id")
    .select(["m.specification_id", "m.organisation_id", (eb) => eb.fn.countAll<number>().as("n")])
    .where("m.specification_id", "in", specificationIds)
    .where("d.removed_at", "is", null)
    .groupBy(["m.specification_id", "m.organisation_id"])
    .execute();
}

/** The coverage grid: organisations × specifications, each cell conforming, same kind or none. */
export async function getCoverageGrid(filter: GridFilter = {}) {
  const [specifications, organisations] = await Promise.all([
    gridSpecifications(filter.specificationId),
    gridOrganisations(filter.kommunkod),
  ]);
  const ids = specifications.map((s) => s.id);
  const [conforming, sameKind] = await Promise.all([conformingCounts(ids), sameKindCounts(ids)]);
  const key = (specificationId: string, organisationId: string) => `${specificationId} ${organisationId}`;
  const conformingBy = new Map(conforming.map((row) => [key(row.specification_id, row.organisation_id), row]));
  const sameKindBy = new Map(sameKind.map((row) => [key(row.specification_id, row.organisation_id), Number(row.n)]));
  const rows = organisations.map((organisation) => {
    const cells = specifications.map((spec): CoverageCell => {
      const declared = conformingBy.get(key(spec.id, organisation.id));
      if (declared) return { kind: "conforming", datasets: declared.n, otherVersion: !declared.exact };
      const judged = sameKindBy.get(key(spec.id, organisation.id));
      if (judged) return { kind: "same_kind", datasets: judged, otherVersion: false };
      return { kind: "none", datasets: 0, otherVersion: false };
    });
    return { organisation, cells };
  });
  return { specifications, rows: filter.onlyLacking ? lacking(rows) : rows };
}

export type CoverageGrid = Awaited<ReturnType<typeof getCoverageGrid>>;

function lacking<Row extends { cells: CoverageCell[] }>(rows: Row[]) {
  return rows.filter((row) => row.cells.some((cell) => cell.kind !== "conforming"));
}

/**
 * The grid page's grid as filtered, and the whole grid, whose rows and columns are the filter's
 * choices: one build of the grid, filtered in memory, rather than a second build for the choices.
 */
export async function getCoveragePage(filter: GridFilter) {
  const all = await getCoverageGrid();
  const columns = all.specifications.flatMap((spec, index) =>
    filter.specificationId === undefined || spec.id === filter.specificationId ? [index] : [],
  );
  const rows = all.rows
    .filter((row) => filter.kommunkod === undefined || row.organisation.kommunkod === filter.kommunkod)
    .map((row) => ({ organisation: row.organisation, cells: columns.map((index) => row.cells[index]) }));
  const grid: CoverageGrid = {
    specifications: columns.map((index) => all.specifications[index]),
    rows: filter.onlyLacking ? lacking(rows) : rows,
  };
  return { grid, all };
}

/** Per specification, over the 49 municipalities (not the region): how many conform, are of the same kind, have none. */
export function coverageCounts(grid: CoverageGrid) {
  const municipalities = grid.rows.filter((row) => row.organisation.type === "municipality");
  return new Map(
    grid.specifications.map((spec, column) => {
      const counts = { conforming: 0, nonConforming: 0, none: 0 };
      for (const row of municipalities) {
        const kind = row.cells[column].kind;
        if (kind === "conforming") counts.conforming += 1;
        else if (kind === "same_kind") counts.nonConforming += 1;
        else counts.none += 1;
      }
      return [spec.id, counts];
    }),
  );
}

/**
 * Asks the matcher, for each specification still in use, which datasets are of its kind: its name,
 * description and fields as a request would word them, the datasets scored at or over the
 * matcher's threshold. Replaces what was judged before, per specification, in one transaction. A
 * dataset that declares the specification needs no judgement and is left out.
 */
export async function judgeSameKind(input: { specificationIds?: string[] } = {}) {
  if (input.specificationIds?.length === 0) return { specifications: 0, judged: 0 };
  const specifications = await db
    .selectFrom("specifications")
    .select(["id", "name", "description", "fields", "uri"])
    .where("status", "!=", "retired")
    .$if(input.specificationIds !== undefined, (qb) => qb.where("id", "in", input.specificationIds!))
    .execute();
  const engine = getSearchEngine();
  let judged = 0;
  for (const spec of specifications) {
    const text = [spec.name, spec.description].filter(Boolean).join(". ");
    const result = await engine.match(text, { limit: MAX_MATCH_LIMIT, kinds: ["dataset"] });
    const uris = result.datasets.filter((d) => d.score >= result.threshold).map((d) => ({ uri: d.uri, score: d.score }));
    const scoreOf = new Map(uris.map((u) => [u.uri, u.score]));
    await db.transaction().execute(async (trx) => {
      await trx.deleteFrom("specification_kind_matches").where("specification_id", "=", spec.id).execute();
      if (uris.length === 0) return;
      const datasets = await trx
        .selectFrom("datasets")
        .select(["id", "uri", "publisher_organisation_id"])
        .where(
          "uri",
          "in",
          uris.map((u) => u.uri),
        )
        .where("removed_at", "is", null)
        .where("publisher_organisation_id", "is not", null)
        .$if(spec.uri !== null, (qb) => qb.where(sql<boolean>`NOT (specification_keys @> ARRAY[specification_family(${spec.uri})])`))
        .execute();
      if (datasets.length === 0) return;
      await trx
        .insertInto("specification_kind_matches")
        .values(
          datasets.map((d) => ({
            specification_id: spec.id,
            dataset_id: d.id,
            organisation_id: d.publisher_organisation_id!,
            score: scoreOf.get(d.uri) ?? 0,
          })),
        )
        .execute();
      judged += datasets.length;
    });
  }
  return { specifications: specifications.length, judged };
}

/** One municipality's cell datasets for a specification: what the grid's numbers stand for. */
export async function listCoverageDatasets(input: { specificationId: string; organisationId: string }) {
  const spec = await db.selectFrom("specifications").select(["uri"]).where("id", "=", input.specificationId).executeTakeFirst();
  const conforming = spec?.uri
    ? await db
        .selectFrom("datasets")
        .select(["id", "uri", "title"])
        .where("publisher_organisation_id", "=", input.organisationId)
        .where("removed_at", "is", null)
        .where(sql<boolean>`cardinality(specification_keys) > 0`)
        .where(sql<boolean>`specification_keys @> ARRAY[specification_family(${spec.uri})]`)
        .orderBy("uri")
        .limit(100)
        .execute()
    : [];
  const judged = await db
    .selectFrom("specification_kind_matches as m")
    .innerJoin("datasets as d", "d.id", "m.dataset_id")
    .select(["d.id", "d.uri", "d.title", "m.score"])
    .where("m.specification_id", "=", input.specificationId)
    .where("m.organisation_id", "=", input.organisationId)
    .where("d.removed_at", "is", null)
    .orderBy("m.score", "desc")
    .execute();
  return { conforming, judged };
}

/**
 * Every specification with its demand and its coverage over the 49 municipalities: what
 * `GET /api/specifications` lists. Demand is counted as on the specification's page
 * (countSpecificationDemand, ADR 043), with the coordinators' benefit summary where there is one.
 */
export async function listSpecificationSummaries(input: { origin: string; page: number; pageSize: number }) {
  const [grid, specifications] = await Promise.all([
    getCoverageGrid(),
    db
      .selectFrom("specifications as s")
      .select(["s.id", "s.uri", "s.name", "s.version", "s.status", "s.origin"])
      .orderBy(sql`array_position(ARRAY['adopted','proposed','retired']::text[], s.status)`)
      .orderBy(sql`lower(s.name)`)
      .orderBy("s.version")
      .execute(),
  ]);
  const counts = coverageCounts(grid);
  const shown = specifications.slice((input.page - 1) * input.pageSize, input.page * input.pageSize);
  const ids = shown.map((s) => s.id);
  const [demand, summaries] = await Promise.all([countSpecificationDemand(ids), listBenefitSummaries(ids)]);
  const items = shown.map((s) => {
    const d = demand.get(s.id) ?? emptyDemand();
    return {
      id: s.id,
      uri: s.uri,
      name: s.name,
      version: s.version,
      status: s.status,
      origin: s.origin,
      demand: {
        requests: d.requests,
        surveyQuestions: d.surveyQuestions,
        requesters: d.requesters,
        organisations: d.organisations,
        votes: d.voters,
        followers: d.followers,
      },
      // A retired specification has no column in the grid: nobody is asked to publish to it.
      coverage: counts.get(s.id) ?? null,
      benefitSummary: summaries.get(s.id) ?? null,
      url: `${input.origin}/specifikationer/${s.id}`,
    };
  });
  return { items, page: input.page, pageSize: input.pageSize, total: specifications.length };
}
