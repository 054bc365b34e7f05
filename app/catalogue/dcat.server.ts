import type { ContactPoint, Distribution, LangMap } from "../../db/schema";
import { createHash } from "node:crypto";
import { CatalogueGraph, PROPERTY, termId } from "./catalogue-graph.server";
import {
  cleanKeyword,
  cleanText,
  emailAddress,
  formatName,
  isoDate,
  languageKey,
  organisationNumber,
  organisationNumberInIri,
  urlInText,
} from "./normalise";
import {
  readQuads,
  UNRESOLVED_IRI_BASE,
  type CatalogueFormat,
  type CatalogueInput,
  type RdfTerm,
} from "./rdf-read.server";

export { CatalogueParseError, detectFormat, type CatalogueFormat, type CatalogueInput } from "./rdf-read.server";

/** Text per language: "sv", "en", "no" …; an untagged literal is under "". */
export type { LangMap } from "../../db/schema";

export interface ParsedPublisher {
  uri: string | null;
  name: LangMap;
  orgNumber: string | null;
}

/** Parsed distributions and contact points are stored as they are (db/schema.ts). */
export type ParsedDistribution = Distribution;
export type ParsedContactPoint = ContactPoint;

export interface ParsedDataset {
  uri: string;
  /** True when the catalogue gave no IRI (a blank node): `uri` is then derived, see `derivedDatasetUri`. */
  uriIsDerived: boolean;
  title: LangMap;
  description: LangMap;
  keywords: { [language: string]: string[] };
  themes: string[];
  publisher: ParsedPublisher | null;
  contactPoint: ParsedContactPoint | null;
  distributions: ParsedDistribution[];
  licence: string | null;
  conformsTo: string[];
  modified: string | null;
  landingPage: string | null;
}

export interface DatasetFailure {
  identity: string;
  message: string;
}

export interface ParsedCatalogue {
  datasets: ParsedDataset[];
  failures: DatasetFailure[];
  tripleCount: number;
}

export interface ParseCatalogueOptions {
  format?: CatalogueFormat;
  /** Where the catalogue came from (its URL): relative IRIs resolve against it. */
  baseIri?: string;
  /** A file name or content type, used to detect the format when `format` is not given. */
  sourceName?: string;
}

/**
 * Reads a DCAT-AP-SE catalogue (RDF/XML, Turtle or JSON-LD) into datasets. A file that cannot be
 * parsed throws `CatalogueParseError`; a dataset that cannot be mapped is listed in `failures`
 * and never stops the others.
 */
export async function parseCatalogue(
  input: CatalogueInput,
  options: ParseCatalogueOptions = {},
): Promise<ParsedCatalogue> {
  const graph = new CatalogueGraph();
  let tripleCount = 0;
  await readQuads(input, options, (quad) => {
    tripleCount += 1;
    graph.add(quad);
  });
  return { ...mapDatasets(graph, options.baseIri ?? null), tripleCount };
}

/**
 * Also the entry point of the streamed harvest (app/models/harvest.server.ts), which maps a graph
 * per batch of datasets: `derivedUris` then spans the batches, so blank-node identities stay unique.
 */
export function mapDatasets(
  graph: CatalogueGraph,
  baseIri: string | null,
  derivedUris: Set<string> = new Set<string>(),
): Omit<ParsedCatalogue, "tripleCount"> {
  const datasets: ParsedDataset[] = [];
  const failures: DatasetFailure[] = [];
  for (const subject of graph.datasets) {
    let identity = iriOf(subject) ?? `blank node ${subject.value}`;
    try {
      const dataset = mapDataset(graph, subject, baseIri);
      if (dataset.uriIsDerived) dataset.uri = uniqueUri(dataset.uri, derivedUris);
      identity = dataset.uri;
      if (Object.keys(dataset.title).length === 0) throw new Error("the dataset has no title (dct:title)");
      datasets.push(dataset);
    } catch (error) {
      failures.push({ identity, message: error instanceof Error ? error.message : String(error) });
    }
  }
  return { datasets, failures };
}

/** Two blank-node datasets with the same title and links get -2, -3 … in the order of the file. */
function uniqueUri(uri: string, taken: Set<string>): string {
  let candidate = uri;
  for (let suffix = 2; taken.has(candidate); suffix++) candidate = `${uri}-${suffix}`;
  taken.add(candidate);
  return candidate;
}

function mapDataset(graph: CatalogueGraph, subject: RdfTerm, baseIri: string | null): ParsedDataset {
  const catalogue = graph.catalogueOf(subject);
  const title = langMap(graph.objects(subject, PROPERTY.title), cleanText);
  const distributions = uniqueTerms(graph.objects(subject, PROPERTY.distribution, PROPERTY.misusedDistribution)).map(
    (term) => mapDistribution(graph, term),
  );
  const uri = iriOf(subject);
  // DCAT-AP-SE wants a publisher on every dataset; small catalogues state it once, on the catalogue.
  const publisherTerm =
    graph.objects(subject, PROPERTY.publisher)[0] ?? (catalogue && graph.objects(catalogue, PROPERTY.publisher)[0]);
  return {
    uri: uri ?? derivedDatasetUri(subject, (catalogue && iriOf(catalogue)) ?? baseIri, title, distributions),
    uriIsDerived: uri === null,
    title,
    description: langMap(graph.objects(subject, PROPERTY.description), cleanText),
    keywords: keywordsOf(graph, subject),
    themes: unique(graph.objects(subject, PROPERTY.theme).map(linkOf)),
    publisher: publisherTerm ? mapPublisher(graph, publisherTerm) : null,
    contactPoint: mapContactPoint(graph, graph.objects(subject, PROPERTY.contactPoint, PROPERTY.admsContactPoint)[0]),
    distributions,
    licence: firstLink(graph.objects(subject, PROPERTY.license)) ?? commonLicence(distributions),
    conformsTo: unique(graph.objects(subject, PROPERTY.conformsTo).map(linkOf)),
    modified: firstValue(graph.objects(subject, PROPERTY.modified).filter(isLiteral), (literal) =>
      isoDate(literal.value),
    ),
    landingPage: firstLink(graph.objects(subject, PROPERTY.landingPage)),
  };
}

/**
 * DCAT-AP-SE forbids blank-node datasets, but real catalogues have them. Their identity is
 * `urn:fraga:dataset:` + the SHA-256 of what the file says about them that does not change between
 * harvests: the catalogue's IRI (or the source URL), the relative IRI the dataset was written with
 * (if any), its titles and its distributions' links. The parser's blank-node label is not used: it
 * changes on every parse.
 */
function derivedDatasetUri(
  subject: RdfTerm,
  source: string | null,
  title: LangMap,
  distributions: ParsedDistribution[],
): string {
  const relativeIri = subject.termType === "NamedNode" ? subject.value.slice(UNRESOLVED_IRI_BASE.length) : "";
  const titles = Object.entries(title)
    .map(([language, text]) => `${language}:${text}`)
    .sort();
  const links = distributions.map((d) => d.uri ?? d.accessUrl ?? d.downloadUrl ?? "").sort();
  const digest = createHash("sha256")
    .update(JSON.stringify([source ?? "", relativeIri, titles, links]))
    .digest("hex");
  return `urn:fraga:dataset:${digest}`;
}

function keywordsOf(graph: CatalogueGraph, subject: RdfTerm): { [language: string]: string[] } {
  // dct:keywords appears both with literals and pointing to a node that holds dcat:keyword literals.
  const literals = [
    ...graph.objects(subject, PROPERTY.keyword),
    ...graph.objects(subject, PROPERTY.misusedKeywords),
  ].flatMap((term) => (term.termType === "Literal" ? [term] : graph.objects(term, PROPERTY.keyword)));
  const keywords: { [language: string]: string[] } = {};
  for (const literal of literals.filter(isLiteral)) {
    const keyword = cleanKeyword(literal.value);
    const language = languageKey(literal.language);
    if (!keyword) continue;
    keywords[language] ??= [];
    if (!keywords[language].includes(keyword)) keywords[language].push(keyword);
  }
  return keywords;
}

function mapDistribution(graph: CatalogueGraph, term: RdfTerm): ParsedDistribution {
  return {
    uri: iriOf(term),
    title: langMap(graph.objects(term, PROPERTY.title), cleanText),
    format: formatOf(graph, term),
    accessUrl: firstLink(graph.objects(term, PROPERTY.accessUrl)),
    downloadUrl: firstLink(graph.objects(term, PROPERTY.downloadUrl)),
    licence: firstLink(graph.objects(term, PROPERTY.license)),
  };
}

/** dct:format is an IRI, a literal, or (CKAN's DCAT export) a node with rdf:value / rdfs:label. */
function formatOf(graph: CatalogueGraph, term: RdfTerm): string | null {
  const candidates = graph
    .objects(term, PROPERTY.format, PROPERTY.mediaType)
    .flatMap((format) =>
      format.termType === "BlankNode" ? graph.objects(format, PROPERTY.value, PROPERTY.label) : [format],
    );
  return firstValue(candidates, (candidate) => formatName(withoutUnresolvedBase(candidate.value)));
}

function mapPublisher(graph: CatalogueGraph, term: RdfTerm): ParsedPublisher | null {
  const uri = iriOf(term);
  const name = langMap(graph.objects(term, PROPERTY.name), cleanText);
  const fallbackName = Object.keys(name).length > 0 ? name : langMap(graph.objects(term, PROPERTY.fn), cleanText);
  const orgNumber =
    firstValue(graph.objects(term, PROPERTY.identifier).filter(isLiteral), (literal) =>
      organisationNumber(literal.value),
    ) ??
    (uri && organisationNumberInIri(uri));
  if (!uri && Object.keys(fallbackName).length === 0 && !orgNumber) return null;
  return { uri, name: fallbackName, orgNumber };
}

function mapContactPoint(graph: CatalogueGraph, term: RdfTerm | undefined): ParsedContactPoint | null {
  if (!term) return null;
  const contact = {
    name: firstValue(
      graph.objects(term, PROPERTY.fn, PROPERTY.name).filter(isLiteral),
      (literal) => cleanText(literal.value) || null,
    ),
    // A contact point given directly as a mailto: IRI is common in small catalogues.
    email: firstValue([term, ...graph.objects(term, PROPERTY.hasEmail, PROPERTY.mbox)], emailOf),
    url: firstLink(graph.objects(term, PROPERTY.hasUrl)),
  };
  return contact.name || contact.email || contact.url ? contact : null;
}

/**
 * An e-mail address from a mailto: IRI, or from a literal or relative IRI that holds a bare address
 * (some catalogues leave out "mailto:").
 */
function emailOf(term: RdfTerm): string | null {
  if (isLiteral(term)) return emailAddress(term.value);
  if (term.termType !== "NamedNode") return null;
  if (/^mailto:/i.test(term.value)) return emailAddress(term.value);
  return term.value.startsWith(UNRESOLVED_IRI_BASE) ? emailAddress(withoutUnresolvedBase(term.value)) : null;
}

/** The licence every licensed distribution shares, when the dataset states none itself. */
function commonLicence(distributions: ParsedDistribution[]): string | null {
  const licences = unique(distributions.map((distribution) => distribution.licence));
  return licences.length === 1 ? licences[0] : null;
}

/** An absolute IRI, or null for blank nodes, literals and IRIs that were relative in the file. */
function iriOf(term: RdfTerm): string | null {
  if (term.termType !== "NamedNode" || term.value.startsWith(UNRESOLVED_IRI_BASE)) return null;
  return term.value;
}

/** A link written as an IRI, or as a literal holding a URL. */
function linkOf(term: RdfTerm): string | null {
  return isLiteral(term) ? urlInText(term.value) : iriOf(term);
}

function firstLink(terms: RdfTerm[]): string | null {
  return firstValue(terms, linkOf);
}

function withoutUnresolvedBase(value: string): string {
  return value.startsWith(UNRESOLVED_IRI_BASE) ? value.slice(UNRESOLVED_IRI_BASE.length) : value;
}

function isLiteral(term: RdfTerm): boolean {
  return term.termType === "Literal";
}

function langMap(terms: RdfTerm[], clean: (value: string) => string): LangMap {
  const map: LangMap = {};
  for (const term of terms.filter(isLiteral)) {
    const text = clean(term.value);
    const language = languageKey(term.language);
    if (text && !(language in map)) map[language] = text;
  }
  return map;
}

function firstValue<T, R>(items: T[], read: (item: T) => R | null): R | null {
  for (const item of items) {
    const value = read(item);
    if (value !== null) return value;
  }
  return null;
}

function unique(values: (string | null)[]): string[] {
  return [...new Set(values.filter((value): value is string => value !== null))];
}

function uniqueTerms(terms: RdfTerm[]): RdfTerm[] {
  return [...new Map(terms.map((term) => [termId(term), term])).values()];
}
