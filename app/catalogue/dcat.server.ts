import type { ContactPoint, Distribution, LangMap } from "../../db/schema";
import { createHash } from "node:crypto";
import { CatalogueGraph, LITERAL_READ_LIMIT, PROPERTY, termId } from "./catalogue-graph.server";
import {
  cleanKeyword,
  cleanText,
  emailAddress,
  formatName,
  isoDate,
  languageCode,
  languageKey,
  organisationNumber,
  organisationNumberInIri,
  urlInText,
} from "./normalise";
import { MAX_IRI_LENGTH, readQuads, UNRESOLVED_IRI_BASE, type CatalogueFormat, type CatalogueInput, type RdfTerm } from "./rdf-read.server";
import type { MessageKey } from "../i18n/translate";
import { harvestMessage, harvestNote, type HarvestMessage, type HarvestNote } from "./harvest-message";

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
  /**
   * The language of the untagged ("") title, description and keywords, from the dataset's or else
   * the catalogue's single dct:language; absent when nothing is untagged or no one language is
   * stated, and the page then marks that text as of unknown language.
   */
  untaggedLanguage?: string;
}

/**
 * The most characters kept of each kind of text (after HTML is taken out and spaces collapsed).
 * A longer title or description is cut at a word and ends with "…"; a longer keyword is no
 * keyword and is left out. Either way the dataset is kept and the run says what was done (ADR 006).
 */
export const LITERAL_LIMITS = {
  title: 1_000,
  description: 20_000,
  keyword: 200,
  /** Distribution titles, licences written as text, contact and publisher names, free-text themes. */
  otherText: 1_000,
  keywordsPerDataset: 200,
  distributionsPerDataset: 500,
  /** Themes and conformsTo specifications, each. */
  linksPerDataset: 100,
} as const;

/** A dataset's error or note: its Swedish text, and the message key and parameters the run stores. */
export type DatasetFailure = HarvestNote;

export interface ParsedCatalogue {
  datasets: ParsedDataset[];
  failures: DatasetFailure[];
  /**
   * What was repaired without losing a dataset, in Swedish: text cut to its limit, a triple with an
   * invalid IRI left out, NUL characters removed. `identity` is a dataset IRI, or "katalogen" for the
   * file as a whole. Absent when there is nothing to say.
   */
  warnings?: DatasetFailure[];
  tripleCount: number;
}

/** The identity of a warning about the whole file rather than one dataset. */
export const WHOLE_CATALOGUE = "katalogen";

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
export async function parseCatalogue(input: CatalogueInput, options: ParseCatalogueOptions = {}): Promise<ParsedCatalogue> {
  const graph = new CatalogueGraph();
  let tripleCount = 0;
  const report = await readQuads(input, options, (quad) => {
    tripleCount += 1;
    graph.add(quad);
  });
  const mapped = mapDatasets(graph, options.baseIri ?? null);
  const warnings = [...report.warnings.map((message) => harvestNote(WHOLE_CATALOGUE, message)), ...mapped.warnings];
  return warnings.length > 0 ? { ...mapped, warnings, tripleCount } : { datasets: mapped.datasets, failures: mapped.failures, tripleCount };
}

/**
 * Also the entry point of the streamed harvest (app/models/harvest.server.ts), which maps a graph
 * per batch of datasets: `derivedUris` then spans the batches, so blank-node identities stay unique.
 */
export function mapDatasets(
  graph: CatalogueGraph,
  baseIri: string | null,
  derivedUris: Set<string> = new Set<string>(),
): { datasets: ParsedDataset[]; failures: DatasetFailure[]; warnings: DatasetFailure[] } {
  const datasets: ParsedDataset[] = [];
  const failures: DatasetFailure[] = [];
  const warnings: DatasetFailure[] = [];
  // A resource a catalogue lists without typing it (DCAT-US feeds may leave out @type) is a
  // dataset when it has a title.
  const subjects = [...graph.datasets, ...graph.untypedListedDatasets().filter((term) => graph.objects(term, PROPERTY.title).length > 0)];
  for (const subject of subjects) {
    let identity = iriOf(subject) ?? `blank node ${subject.value}`;
    try {
      const limits = new TextLimits();
      const dataset = mapDataset(graph, subject, baseIri, limits);
      if (dataset.uriIsDerived) dataset.uri = uniqueUri(dataset.uri, derivedUris);
      identity = dataset.uri;
      if (Object.keys(dataset.title).length === 0) {
        failures.push(harvestNote(identity, harvestMessage("harvest.failure.noTitle")));
        continue;
      }
      datasets.push(dataset);
      for (const message of limits.notes) warnings.push(harvestNote(identity, message));
    } catch (error) {
      failures.push({ identity, message: error instanceof Error ? error.message : String(error) });
    }
  }
  return { datasets, failures, warnings };
}

/** Two blank-node datasets with the same title and links get -2, -3 … in the order of the file. */
function uniqueUri(uri: string, taken: Set<string>): string {
  let candidate = uri;
  for (let suffix = 2; taken.has(candidate); suffix++) candidate = `${uri}-${suffix}`;
  taken.add(candidate);
  return candidate;
}

function mapDataset(graph: CatalogueGraph, subject: RdfTerm, baseIri: string | null, limits: TextLimits): ParsedDataset {
  const catalogue = graph.catalogueOf(subject);
  const title = limits.langMap(graph.objects(subject, PROPERTY.title), "title");
  const distributionTerms = limits.list(
    uniqueTerms(graph.objects(subject, PROPERTY.distribution, PROPERTY.misusedDistribution)),
    LITERAL_LIMITS.distributionsPerDataset,
    "harvest.warning.tooManyDistributions",
  );
  const distributions = distributionTerms.map((term) => mapDistribution(graph, term, limits));
  const uri = iriOf(subject) ?? identifierIri(graph, subject);
  // DCAT-AP-SE wants a publisher on every dataset; small catalogues state it once, on the catalogue.
  const publisherTerm = graph.objects(subject, PROPERTY.publisher)[0] ?? (catalogue && graph.objects(catalogue, PROPERTY.publisher)[0]);
  const description = limits.langMap(graph.objects(subject, PROPERTY.description), "description");
  const keywords = keywordsOf(graph, subject, limits);
  const dataset: ParsedDataset = {
    uri: uri ?? derivedDatasetUri(subject, (catalogue && iriOf(catalogue)) ?? baseIri, title, distributions),
    uriIsDerived: uri === null,
    title,
    description,
    keywords,
    themes: limits.list(
      unique(graph.objects(subject, PROPERTY.theme).map((term) => linkOrText(term, limits))),
      LITERAL_LIMITS.linksPerDataset,
      "harvest.warning.tooManyThemes",
    ),
    publisher: publisherTerm ? mapPublisher(graph, publisherTerm, limits) : null,
    contactPoint: mapContactPoint(graph, graph.objects(subject, PROPERTY.contactPoint, PROPERTY.admsContactPoint)[0], limits),
    distributions,
    licence: licenceOf(graph.objects(subject, PROPERTY.license), limits) ?? commonLicence(distributions),
    conformsTo: limits.list(
      unique(graph.objects(subject, PROPERTY.conformsTo).map(linkOf)),
      LITERAL_LIMITS.linksPerDataset,
      "harvest.warning.tooManySpecifications",
    ),
    modified: firstValue(graph.objects(subject, PROPERTY.modified).filter(isLiteral), (literal) => isoDate(literal.value)),
    landingPage: firstLink(graph.objects(subject, PROPERTY.landingPage)),
  };
  const untagged = "" in title || "" in description || "" in keywords;
  const language = untagged ? (singleLanguage(graph, subject) ?? (catalogue ? singleLanguage(graph, catalogue) : null)) : null;
  if (language) dataset.untaggedLanguage = language;
  return dataset;
}

/** The one language a resource states with dct:language; null for none, several or unreadable. */
function singleLanguage(graph: CatalogueGraph, subject: RdfTerm): string | null {
  const languages = unique(graph.objects(subject, PROPERTY.language).map((term) => languageCode(term.value)));
  return languages.length === 1 ? languages[0] : null;
}

/**
 * DCAT-US feeds give datasets no @id but a `dct:identifier`, which ArcGIS Hub and Socrata fill with
 * the dataset's own URL: that is its identity when it is an absolute http(s) IRI.
 */
function identifierIri(graph: CatalogueGraph, subject: RdfTerm): string | null {
  return firstValue(graph.objects(subject, PROPERTY.identifier).filter(isLiteral), (literal) => {
    const value = literal.value.trim();
    return /^https?:\/\/[^\s<>"{}|\\^`]+$/i.test(value) && value.length <= 2_000 ? value : null;
  });
}
/**
 * DCAT-AP-SE forbids blank-node datasets, but real catalogues have them. Their identity is
 * `urn:fraga:dataset:` + the SHA-256 of what the file says about them that does not change between
 * harvests: the catalogue's IRI (or the source URL), the relative IRI the dataset was written with
 * (if any), its titles and its distributions' links. The parser's blank-node label is not used: it
 * changes on every parse.
 */
function derivedDatasetUri(subject: RdfTerm, source: string | null, title: LangMap, distributions: ParsedDistribution[]): string {
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

function keywordsOf(graph: CatalogueGraph, subject: RdfTerm, limits: TextLimits): { [language: string]: string[] } {
  // dct:keywords appears both with literals and pointing to a node that holds dcat:keyword literals.
  const literals = [...graph.objects(subject, PROPERTY.keyword), ...graph.objects(subject, PROPERTY.misusedKeywords)].flatMap((term) =>
    term.termType === "Literal" ? [term] : graph.objects(term, PROPERTY.keyword),
  );
  const keywords: { [language: string]: string[] } = {};
  let count = 0;
  for (const literal of literals.filter(isLiteral)) {
    const keyword = limits.keyword(cleanKeyword(literal.value), literal.value.length);
    const language = languageKey(literal.language);
    if (!keyword || keywords[language]?.includes(keyword)) continue;
    if (count === LITERAL_LIMITS.keywordsPerDataset) {
      limits.note(harvestMessage("harvest.warning.tooManyKeywords", limitParams(LITERAL_LIMITS.keywordsPerDataset)));
      break;
    }
    count += 1;
    keywords[language] ??= [];
    keywords[language].push(keyword);
  }
  return keywords;
}
function mapDistribution(graph: CatalogueGraph, term: RdfTerm, limits: TextLimits): ParsedDistribution {
  return {
    uri: iriOf(term),
    title: limits.langMap(graph.objects(term, PROPERTY.title), "otherText"),
    format: formatOf(graph, term),
    accessUrl: firstLink(graph.objects(term, PROPERTY.accessUrl)),
    downloadUrl: firstLink(graph.objects(term, PROPERTY.downloadUrl)),
    licence: licenceOf(graph.objects(term, PROPERTY.license), limits),
  };
}
/** dct:format is an IRI, a literal, or (CKAN's DCAT export) a node with rdf:value / rdfs:label. */
function formatOf(graph: CatalogueGraph, term: RdfTerm): string | null {
  const candidates = graph
    .objects(term, PROPERTY.format, PROPERTY.mediaType)
    .flatMap((format) => (format.termType === "BlankNode" ? graph.objects(format, PROPERTY.value, PROPERTY.label) : [format]));
  return firstValue(candidates, (candidate) => formatName(withoutUnresolvedBase(candidate.value)));
}

function mapPublisher(graph: CatalogueGraph, term: RdfTerm, limits: TextLimits): ParsedPublisher | null {
  const uri = iriOf(term);
  const name =
    [PROPERTY.name, PROPERTY.fn, PROPERTY.prefLabel]
      .map((predicate) => limits.langMap(graph.objects(term, predicate), "otherText"))
      .find((candidate) => Object.keys(candidate).length > 0) ?? {};
  const orgNumber =
    firstValue(graph.objects(term, PROPERTY.identifier).filter(isLiteral), (literal) => organisationNumber(literal.value)) ??
    (uri && organisationNumberInIri(uri));
  if (!uri && Object.keys(name).length === 0 && !orgNumber) return null;
  // Without a name the organisation created for it would be called by its IRI.
  if (Object.keys(name).length === 0 && uri) return { uri, name: { "": readableIriName(uri) }, orgNumber };
  return { uri, name, orgNumber };
}

/**
 * A name for a publisher that only has an IRI: its last path segment and host,
 * "service-environnement (donnees.exemple-commune.fr)", or the host alone.
 */
export function readableIriName(iri: string): string {
  try {
    const url = new URL(iri);
    const host = url.hostname.replace(/^www\./, "");
    if (!host) throw new Error("no host");
    const segment = url.pathname.split("/").filter(Boolean).pop();
    const name = segment ? safeDecode(segment) : "";
    return (name ? `${name} (${host})` : host).slice(0, LITERAL_LIMITS.otherText);
  } catch {
    return (iri.split(/[/#:]/).filter(Boolean).pop() ?? iri).slice(0, LITERAL_LIMITS.otherText);
  }
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
function mapContactPoint(graph: CatalogueGraph, term: RdfTerm | undefined, limits: TextLimits): ParsedContactPoint | null {
  if (!term) return null;
  const contact = {
    name: firstValue(
      graph.objects(term, PROPERTY.fn, PROPERTY.name).filter(isLiteral),
      (literal) => limits.text(cleanText(literal.value), "otherText", literal.value.length) || null,
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

/**
 * LITERAL_LIMITS applied to a dataset mapped from elsewhere (a CKAN package), in place; returns
 * what was cut, for the run's warnings. Links longer than an IRI may be are dropped.
 */
export function capDatasetText(dataset: ParsedDataset): HarvestMessage[] {
  const limits = new TextLimits();
  const cap = (map: LangMap, kind: "title" | "description" | "otherText") =>
    Object.fromEntries(Object.entries(map).map(([language, text]) => [language, limits.text(text, kind, text.length)]));
  const link = (value: string | null) => (value !== null && value.length > MAX_IRI_LENGTH ? null : value);
  dataset.title = cap(dataset.title, "title");
  dataset.description = cap(dataset.description, "description");
  let count = 0;
  for (const [language, keywords] of Object.entries(dataset.keywords)) {
    dataset.keywords[language] = keywords
      .map((keyword) => limits.keyword(keyword, keyword.length))
      .filter((keyword) => keyword !== "" && count++ < LITERAL_LIMITS.keywordsPerDataset);
    if (dataset.keywords[language].length === 0) delete dataset.keywords[language];
  }
  if (count > LITERAL_LIMITS.keywordsPerDataset) {
    limits.note(harvestMessage("harvest.warning.tooManyKeywords", limitParams(LITERAL_LIMITS.keywordsPerDataset)));
  }
  dataset.themes = limits
    .list(dataset.themes, LITERAL_LIMITS.linksPerDataset, "harvest.warning.tooManyThemes")
    .map((theme) => limits.text(theme, "otherText", theme.length));
  dataset.conformsTo = limits.list(
    dataset.conformsTo.filter((uri) => link(uri) !== null),
    LITERAL_LIMITS.linksPerDataset,
    "harvest.warning.tooManySpecifications",
  );
  dataset.distributions = limits
    .list(dataset.distributions, LITERAL_LIMITS.distributionsPerDataset, "harvest.warning.tooManyDistributions")
    .map((distribution) => ({
      ...distribution,
      title: cap(distribution.title, "otherText"),
      accessUrl: link(distribution.accessUrl),
      downloadUrl: link(distribution.downloadUrl),
      licence: distribution.licence === null ? null : limits.text(distribution.licence, "otherText", distribution.licence.length),
      format: distribution.format === null ? null : limits.text(distribution.format, "otherText", distribution.format.length),
    }));
  if (dataset.licence !== null) dataset.licence = limits.text(dataset.licence, "otherText", dataset.licence.length);
  if (dataset.publisher) dataset.publisher.name = cap(dataset.publisher.name, "otherText");
  dataset.landingPage = link(dataset.landingPage);
  return limits.notes;
}

/** A licence is an IRI, a URL written as text, or (some French and Italian catalogues) its name as text. */
function licenceOf(terms: RdfTerm[], limits: TextLimits): string | null {
  return (
    firstLink(terms) ??
    firstValue(terms.filter(isLiteral), (literal) => limits.text(cleanText(literal.value), "otherText", literal.value.length) || null)
  );
}

/** A link, or the text itself when a literal holds no URL (DCAT-US themes are words: "Transportation"). */
function linkOrText(term: RdfTerm, limits: TextLimits): string | null {
  return linkOf(term) ?? (isLiteral(term) ? limits.text(cleanText(term.value), "otherText", term.value.length) || null : null);
}

type TextKind = "title" | "description" | "keyword" | "otherText";

const CUT_KEYS: Record<Exclude<TextKind, "keyword">, MessageKey> = {
  title: "harvest.warning.titleCut",
  description: "harvest.warning.descriptionCut",
  otherText: "harvest.warning.otherTextCut",
};

/** A limit as each language writes it ("20 000" in Swedish, "20,000" in English). */
function limitParams(limit: number) {
  return { limit: formatCount(limit, " "), limitEn: formatCount(limit, ",") };
}

/** Applies LITERAL_LIMITS to one dataset's text and remembers, once per kind, what it cut. */
class TextLimits {
  readonly notes: HarvestMessage[] = [];
  private readonly noted = new Set<string>();

  note(message: HarvestMessage): void {
    const identity = `${message.key} ${JSON.stringify(message.params)}`;
    if (this.noted.has(identity)) return;
    this.noted.add(identity);
    this.notes.push(message);
  }

  /** `rawLength` tells a literal the graph already shortened (LITERAL_READ_LIMIT) from one that fit. */
  text(clean: string, kind: Exclude<TextKind, "keyword">, rawLength: number): string {
    const limit = LITERAL_LIMITS[kind];
    if (clean.length <= limit && rawLength < LITERAL_READ_LIMIT) return clean;
    this.note(harvestMessage(CUT_KEYS[kind], limitParams(limit)));
    return cutAtWord(clean, limit);
  }

  keyword(clean: string, rawLength: number): string {
    if (clean.length <= LITERAL_LIMITS.keyword && rawLength < LITERAL_READ_LIMIT) return clean;
    this.note(harvestMessage("harvest.warning.keywordDropped", limitParams(LITERAL_LIMITS.keyword)));
    return "";
  }

  langMap(terms: RdfTerm[], kind: Exclude<TextKind, "keyword">): LangMap {
    const map: LangMap = {};
    for (const term of terms.filter(isLiteral)) {
      const language = languageKey(term.language);
      if (language in map) continue;
      const text = this.text(cleanText(term.value), kind, term.value.length);
      if (text) map[language] = text;
    }
    return map;
  }

  list<T>(items: T[], limit: number, tooMany: MessageKey): T[] {
    if (items.length <= limit) return items;
    this.note(harvestMessage(tooMany, limitParams(limit)));
    return items.slice(0, limit);
  }
}

/** At most `limit` characters, ending with "…", cut at a space when one is near the end. */
function cutAtWord(text: string, limit: number): string {
  const room = text.slice(0, limit - 1);
  const space = room.lastIndexOf(" ");
  return `${(space > limit * 0.8 ? room.slice(0, space) : room).trimEnd()}…`;
}

/** "20 000" in Swedish, "20,000" in English: thousands grouped by the language's separator. */
function formatCount(value: number, separator: " " | ","): string {
  return String(value).replace(/\B(?=(\d{3})+$)/g, separator);
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
