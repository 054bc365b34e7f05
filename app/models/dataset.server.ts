import { sql } from "kysely";
import { db } from "../../db/client.server";
import { isPublicRequest } from "../../db/request-visibility";
import type { SearchQuery } from "../../search/engines/engine";
import { getSearchEngine } from "../../search/engines/select-engine.server";

/** One dataset with its publisher and source, for the dataset page. Removed ones are shown as removed. */
export async function getDataset(id: string) {
  const dataset = await db
    .selectFrom("datasets")
    .innerJoin("catalogue_sources", "catalogue_sources.id", "datasets.source_id")
    .leftJoin("organisations", "organisations.id", "datasets.publisher_organisation_id")
    .select([
      "datasets.id",
      "datasets.uri",
      "datasets.uri_is_derived as uriIsDerived",
      "datasets.title",
      "datasets.description",
      "datasets.keywords",
      "datasets.themes",
      "datasets.formats",
      "datasets.conforms_to as conformsTo",
      "datasets.distributions",
      "datasets.contact_point as contactPoint",
      "datasets.licence",
      "datasets.landing_page as landingPage",
      "datasets.modified",
      "datasets.untagged_language as untaggedLanguage",
      "datasets.removed_at as removedAt",
      "organisations.name as publisherName",
      "organisations.kommunkod as publisherKommunkod",
      "catalogue_sources.name as sourceName",
      "catalogue_sources.location as sourceLocation",
    ])
    .where("datasets.id", "=", id)
    .executeTakeFirst();
  if (!dataset) return undefined;
  // The page links the source when it is a web address; a file on the server's disk is named only,
  // its path never sent to the visitor.
  const { sourceLocation, ...shown } = dataset;
  return { ...shown, sourceUrl: /^https?:\/\//i.test(sourceLocation) ? sourceLocation : null };
}

/**
 * The requests that link the dataset (as their accepted answer or as data a municipality pointed
 * to); not one a coordinator rejected (an unfit text answered at once, ADR 040).
 */
export async function listRequestsLinkingDataset(datasetId: string) {
  return db
    .selectFrom("request_datasets")
    .innerJoin("requests", "requests.id", "request_datasets.request_id")
    .select(["requests.number", "requests.title", "requests.status", "request_datasets.reason"])
    .where("request_datasets.dataset_id", "=", datasetId)
    .where(isPublicRequest("requests"))
    .where("requests.status", "!=", "rejected")
    .orderBy("requests.number", "desc")
    .limit(50)
    .execute();
}

/** The dataset search page: the search engine finds; PostgreSQL stays the source of the pages. */
/** Each language's first line (at most 240 characters): what a result shows, not the whole text. */
function firstLines(map: Record<string, string>) {
  const lines: Record<string, string> = {};
  for (const [lang, text] of Object.entries(map)) {
    const line = text.trim().split(/\n/)[0].trim();
    lines[lang] = line.length > 240 ? `${line.slice(0, 239).trimEnd()}…` : line;
  }
  return lines;
}

/**
 * What the register of specifications (ADR 042) calls each dct:conformsTo address, keyed by the
 * address: a long URI overflows the facet column and says less than the name. The address itself
 * with its own version gives "name version"; another version of it (the coverage grid's family
 * match) gives the name alone, since the version the register holds is not the one declared.
 */
async function specificationNames(uris: string[]): Promise<Record<string, string>> {
  if (uris.length === 0) return {};
  const { rows } = await sql<{ uri: string; name: string; version: string; exact: boolean }>`
    SELECT u.uri, s.name, s.version, s.exact
    FROM unnest(${uris}::text[]) AS u(uri)
    JOIN LATERAL (
      SELECT sp.name, sp.version, specification_key(sp.uri) = specification_key(u.uri) AS exact
      FROM specifications sp
      WHERE sp.uri IS NOT NULL AND specification_family(sp.uri) = specification_family(u.uri)
      ORDER BY specification_key(sp.uri) = specification_key(u.uri) DESC, sp.status = 'retired', lower(sp.name), sp.version DESC
      LIMIT 1
    ) s ON true`.execute(db);
  return Object.fromEntries(rows.map((row) => [row.uri, row.exact && row.version ? `${row.name} ${row.version}` : row.name]));
}

export async function searchDatasets(query: Omit<SearchQuery, "kind">) {
  const result = await getSearchEngine().search({ ...query, kind: "dataset" });
  const specificationUris = [...new Set([...result.facets.specification.map((f) => f.value), ...(query.filters?.specification ?? [])])];
  // The index holds what it ranks by; what a result shows beside its title (description, formats,
  // licence, updated) is read from the source of truth for the page's hits in one query.
  const ids = result.hits.map((hit) => hit.entityId);
  const details = ids.length
    ? await db
        .selectFrom("datasets")
        .select(["id", "description", "formats", "licence", "modified", "untagged_language as untaggedLanguage"])
        .where("id", "in", ids)
        .execute()
    : [];
  const byId = new Map(details.map((row) => [row.id, row]));
  const names = await specificationNames(specificationUris);
  return {
    ...result,
    // The facet carries the register's name for /datasets and /api/datasets alike; the address stays its value, which filters.
    facets: {
      ...result.facets,
      specification: result.facets.specification.map((facet) =>
        Object.hasOwn(names, facet.value) ? { ...facet, label: names[facet.value] } : facet,
      ),
    },
    // Also names a selected specification the search no longer finds, which the page still lists.
    specificationNames: names,
    hits: result.hits.map((hit) => {
      const row = byId.get(hit.entityId);
      return {
        ...hit,
        description: firstLines(row?.description ?? {}),
        formats: row?.formats ?? [],
        licence: row?.licence ?? null,
        modified: row?.modified ?? null,
      };
    }),
  };
}
