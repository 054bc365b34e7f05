import { z } from "zod";
import { capDatasetText, type DatasetFailure, type LangMap, type ParsedCatalogue, type ParsedDataset } from "./dcat.server";
import { cleanKeyword, cleanText, formatName, isoDate, urlInText } from "./normalise";
import { harvestMessage, harvestNote } from "./harvest-message";
import { CatalogueSourceError, openCatalogue, type OpenOptions } from "./open-source.server";

/**
 * A CKAN portal read through its `package_search` action, page by page, mapped to the same
 * datasets a DCAT catalogue gives. CKAN's core fields carry no language; the DCAT-AP extension
 * adds `uri`, `theme` and `conforms_to` as extras or fields, which are used when present.
 */
const PAGE_SIZE = 100;
const MAX_PAGES = 2000;

const resourceSchema = z
  .object({
    id: z.string().nullish(),
    name: z.string().nullish(),
    url: z.string().nullish(),
    format: z.string().nullish(),
    mimetype: z.string().nullish(),
    license: z.string().nullish(),
    access_url: z.string().nullish(),
    download_url: z.string().nullish(),
  })
  .passthrough();

const packageSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    title: z.string().nullish(),
    notes: z.string().nullish(),
    url: z.string().nullish(),
    tags: z.array(z.object({ name: z.string() }).passthrough()).nullish(),
    organization: z.object({ title: z.string().nullish(), name: z.string().nullish() }).passthrough().nullish(),
    resources: z.array(resourceSchema).nullish(),
    license_url: z.string().nullish(),
    license_id: z.string().nullish(),
    metadata_modified: z.string().nullish(),
    extras: z.array(z.object({ key: z.string(), value: z.unknown() })).nullish(),
  })
  .passthrough();

const responseSchema = z.object({
  success: z.literal(true),
  result: z.object({ count: z.number().int().nonnegative(), results: z.array(z.unknown()) }),
});

/** The package_search URL for a portal given as its root, its API root or the action itself. */
export function packageSearchUrl(location: string, start: number, pageSize = PAGE_SIZE) {
  const url = new URL(location);
  if (!url.pathname.endsWith("/package_search")) {
    url.pathname = `${url.pathname.replace(/\/$/, "").replace(/\/api(\/3)?(\/action)?$/, "")}/api/3/action/package_search`;
  }
  url.searchParams.set("rows", String(pageSize));
  url.searchParams.set("start", String(start));
  // A stable order, so no package slips between pages while paging.
  url.searchParams.set("sort", "name asc");
  return url.toString();
}

async function readPage(url: string, options: OpenOptions) {
  const opened = await openCatalogue(url, options);
  const chunks: Buffer[] = [];
  for await (const chunk of opened.stream) chunks.push(Buffer.from(chunk));
  let body: unknown;
  try {
    // PostgreSQL refuses NUL in text and JSON: it never leaves the parser (issue 7).
    body = JSON.parse(Buffer.concat(chunks).toString("utf8"), (_key, value: unknown) =>
      typeof value === "string" && value.includes("\u0000") ? value.replaceAll("\u0000", "") : value,
    );
  } catch {
    throw new CatalogueSourceError(harvestMessage("harvest.error.ckanNotJson", { location: url }));
  }
  const parsed = responseSchema.safeParse(body);
  if (!parsed.success) throw new CatalogueSourceError(harvestMessage("harvest.error.ckanShape", { location: url }));
  return parsed.data.result;
}

function extra(pkg: z.infer<typeof packageSchema>, key: string): unknown {
  return pkg[key] ?? pkg.extras?.find((e) => e.key === key)?.value;
}

function stringList(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(stringList);
  if (typeof value !== "string" || value.trim() === "") return [];
  // The DCAT extension stores lists as JSON text in extras.
  if (value.trim().startsWith("[")) {
    try {
      return stringList(JSON.parse(value));
    } catch {
      return [value.trim()];
    }
  }
  return [value.trim()];
}

function text(value: string | null | undefined): LangMap {
  const cleaned = value ? cleanText(value) : "";
  return cleaned ? { "": cleaned } : {};
}

function toDataset(portal: string, pkg: z.infer<typeof packageSchema>): ParsedDataset {
  const uri =
    stringList(extra(pkg, "uri"))[0] ??
    new URL(`dataset/${pkg.name}`, portal.replace(/\/api\/3\/action\/package_search.*$/, "/")).toString();
  const title = text(pkg.title ?? pkg.name);
  const organisation = pkg.organization?.title ?? pkg.organization?.name;
  return {
    uri,
    uriIsDerived: false,
    title,
    description: text(pkg.notes),
    keywords: (pkg.tags ?? []).length ? { "": (pkg.tags ?? []).map((tag) => cleanKeyword(tag.name)).filter(Boolean) } : {},
    themes: stringList(extra(pkg, "theme")),
    publisher: organisation ? { uri: null, name: { "": organisation }, orgNumber: null } : null,
    contactPoint: null,
    distributions: (pkg.resources ?? []).map((resource) => ({
      uri: resource.id ?? null,
      title: text(resource.name),
      format: formatName(resource.format || resource.mimetype || ""),
      accessUrl: resource.access_url ?? (resource.url ? urlInText(resource.url) : null),
      downloadUrl: resource.download_url ?? null,
      licence: resource.license ?? null,
    })),
    licence: pkg.license_url ?? pkg.license_id ?? null,
    conformsTo: stringList(extra(pkg, "conforms_to")),
    modified: pkg.metadata_modified ? isoDate(pkg.metadata_modified) : null,
    landingPage: pkg.url ? urlInText(pkg.url) : null,
  };
}

/** Every package of the portal; one package that does not map is a failure, not the end. */
export async function readCkanCatalogue(location: string, options: OpenOptions & { pageSize?: number } = {}): Promise<ParsedCatalogue> {
  const datasets: ParsedDataset[] = [];
  const failures: DatasetFailure[] = [];
  const warnings: DatasetFailure[] = [];
  for (let page = 0, start = 0; page < MAX_PAGES; page++) {
    const result = await readPage(packageSearchUrl(location, start, options.pageSize), options);
    for (const raw of result.results) {
      const pkg = packageSchema.safeParse(raw);
      if (!pkg.success) {
        const identity = (raw as { name?: unknown })?.name;
        failures.push(harvestNote(typeof identity === "string" ? identity : `paket ${start}`, harvestMessage("harvest.failure.ckanNoId")));
        continue;
      }
      const dataset = toDataset(location, pkg.data);
      if (Object.keys(dataset.title).length === 0) failures.push(harvestNote(dataset.uri, harvestMessage("harvest.failure.ckanNoTitle")));
      else if (dataset.uri.length > 4_096)
        failures.push(harvestNote(dataset.uri.slice(0, 200), harvestMessage("harvest.failure.uriTooLong")));
      else {
        for (const message of capDatasetText(dataset)) warnings.push(harvestNote(dataset.uri, message));
        datasets.push(dataset);
      }
    }
    start += result.results.length;
    if (result.results.length === 0 || start >= result.count) break;
  }
  return warnings.length > 0 ? { datasets, failures, warnings, tripleCount: 0 } : { datasets, failures, tripleCount: 0 };
}
