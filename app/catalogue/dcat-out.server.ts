import { DataFactory, Writer, type Quad, type Quad_Object } from "n3";
import { graph as rdflibGraph, literal as rdflibLiteral, Serializer, st, sym } from "rdflib";
import type { CatalogueFacts } from "../models/open-data-catalogue.server";
import { translate, type MessageKey } from "../i18n/translate";

/**
 * The portal's own data as a DCAT-AP-SE catalogue (issue 12, ADR 039): a dcat:Catalog published
 * by the region with a dataset for the request register, one for the answers, one for the
 * time-saved ledger and one per closed survey, each with Swedish and English text, publisher,
 * contact point, themes, modified date and distributions pointing at the API, the CSV files and
 * the feeds. Every catalogue, dataset, distribution, service, publisher and contact is an IRI
 * (DCAT-AP-SE forbids blank nodes for them), and every IRI used as the object of a property whose
 * range DCAT-AP 2.1.1 names is typed with that class, so the SHACL range shapes pass without
 * reasoning.
 */

const NS = {
  dcat: "http://www.w3.org/ns/dcat#",
  dct: "http://purl.org/dc/terms/",
  foaf: "http://xmlns.com/foaf/0.1/",
  vcard: "http://www.w3.org/2006/vcard/ns#",
  skos: "http://www.w3.org/2004/02/skos/core#",
  xsd: "http://www.w3.org/2001/XMLSchema#",
} as const;
const RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type";

const EU = "http://publications.europa.eu/resource/authority/";
const THEME_SCHEME = `${EU}data-theme`;
const THEME = {
  GOVE: { sv: "Regeringen och den offentliga sektorn", en: "Government and public sector" },
  SOCI: { sv: "Befolkning och samhälle", en: "Population and society" },
  ECON: { sv: "Ekonomi och finans", en: "Economy and finance" },
} as const;
const LANGUAGE = { SWE: `${EU}language/SWE`, ENG: `${EU}language/ENG` };
const PUBLIC_ACCESS = `${EU}access-right/PUBLIC`;
const FREQUENCY = { continuous: `${EU}frequency/CONT`, never: `${EU}frequency/NEVER` };
const PUBLISHER_TYPE = "http://purl.org/adms/publishertype/RegionalAuthority";
/** DCAT-AP-SE: dct:format from the EU file-type table, dcat:mediaType as IANA's IRI. */
const FORMAT = {
  json: { fileType: `${EU}file-type/JSON`, mediaType: "https://www.iana.org/assignments/media-types/application/json" },
  csv: { fileType: `${EU}file-type/CSV`, mediaType: "https://www.iana.org/assignments/media-types/text/csv" },
  atom: { fileType: `${EU}file-type/ATOM`, mediaType: "https://www.iana.org/assignments/media-types/application/atom+xml" },
} as const;

export type CatalogueSerialisation = "rdfxml" | "turtle" | "jsonld";

export const CATALOGUE_MEDIA_TYPES: Record<CatalogueSerialisation, string> = {
  rdfxml: "application/rdf+xml",
  turtle: "text/turtle",
  jsonld: "application/ld+json",
};

export interface CatalogueSettings {
  origin: string;
  licence: string;
  contactEmail: string | null;
}

const { namedNode, literal, quad } = DataFactory;

// XML 1.0 allows no control characters other than tab, line feed and carriage return; text typed
// by users (a survey's title) must not make the RDF/XML unreadable.
// eslint-disable-next-line no-control-regex
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

type Text = { sv: string; en: string };

class GraphBuilder {
  readonly quads: Quad[] = [];
  private readonly typed = new Set<string>();

  add(subject: string, predicate: string, object: Quad_Object) {
    this.quads.push(quad(namedNode(subject), namedNode(predicate), object));
  }
  link(subject: string, predicate: string, iri: string) {
    this.add(subject, predicate, namedNode(iri));
  }
  type(subject: string, ...classes: string[]) {
    for (const type of classes) {
      if (this.typed.has(`${subject} ${type}`)) continue;
      this.typed.add(`${subject} ${type}`);
      this.link(subject, RDF_TYPE, type);
    }
  }
  text(subject: string, predicate: string, text: Text) {
    this.add(subject, predicate, literal(text.sv.replace(NOT_XML, ""), "sv"));
    this.add(subject, predicate, literal(text.en.replace(NOT_XML, ""), "en"));
  }
  dateTime(subject: string, predicate: string, date: Date) {
    this.add(subject, predicate, literal(date.toISOString(), namedNode(`${NS.xsd}dateTime`)));
  }
  /** An IRI with the class a range shape asks for, and a label where the class's shape wants one. */
  typedLink(subject: string, predicate: string, iri: string, ...classes: string[]) {
    this.link(subject, predicate, iri);
    this.type(iri, ...classes);
  }
}

interface DistributionSpec {
  key: string;
  title: Text;
  url: string;
  format: keyof typeof FORMAT;
  download?: boolean;
}

interface DatasetSpec {
  key: string;
  title: Text;
  description: Text;
  keywords: Text[];
  themes: (keyof typeof THEME)[];
  landingPage: string;
  modified: Date;
  frequency: keyof typeof FREQUENCY;
  distributions: DistributionSpec[];
  servedByApi: boolean;
}

/** The catalogue as RDF quads; `facts` from getCatalogueFacts. */
export function catalogueQuads(facts: CatalogueFacts, settings: CatalogueSettings): Quad[] {
  const { origin } = settings;
  const both = (key: MessageKey, params: Record<string, string | number> = {}): Text => ({
    sv: translate("sv", key, params),
    en: translate("en", key, params),
  });
  const catalog = `${origin}/catalog`;
  const at = (fragment: string) => `${catalog}#${fragment}`;
  const publisher = facts.publisher.uri ?? `${origin}/organisationer/${facts.publisher.slug}`;
  const contact = at("contact");
  const api = at("api");
  const licence = settings.licence;
  const g = new GraphBuilder();
  const latest = (...dates: (Date | null)[]) => dates.reduce<Date>((max, date) => (date && date > max ? date : max), facts.since);

  // The publisher: the region, a foaf:Agent with its name and ADMS publisher type.
  g.type(publisher, `${NS.foaf}Agent`, `${NS.foaf}Organization`);
  g.add(publisher, `${NS.foaf}name`, literal(facts.publisher.name, "sv"));
  if (facts.publisher.orgNumber) g.add(publisher, `${NS.dct}identifier`, literal(facts.publisher.orgNumber));
  g.typedLink(publisher, `${NS.dct}type`, PUBLISHER_TYPE, `${NS.skos}Concept`);
  g.text(PUBLISHER_TYPE, `${NS.skos}prefLabel`, both("dcat.publisherType"));

  // The contact point: an e-mail address when one is known, else the portal itself.
  g.type(contact, `${NS.vcard}Organization`, `${NS.vcard}Kind`);
  g.text(contact, `${NS.vcard}fn`, both("dcat.contact"));
  const email = settings.contactEmail ?? facts.publisher.contactEmail;
  if (email) g.link(contact, `${NS.vcard}hasEmail`, `mailto:${email}`);
  else g.link(contact, `${NS.vcard}hasURL`, `${origin}/`);

  g.type(licence, `${NS.dct}LicenseDocument`);
  g.type(THEME_SCHEME, `${NS.skos}ConceptScheme`);
  g.text(THEME_SCHEME, `${NS.dct}title`, both("dcat.themeScheme"));

  const datasets: DatasetSpec[] = [
    {
      key: "requests",
      title: both("dcat.requests.title"),
      description: both("dcat.requests.description"),
      keywords: [both("dcat.keyword.requests"), both("dcat.keyword.surveys"), both("dcat.keyword.openData")],
      themes: ["GOVE"],
      landingPage: `${origin}/requests`,
      modified: latest(facts.modified.requests),
      frequency: "continuous",
      servedByApi: true,
      distributions: [
        { key: "requests-api", title: both("dcat.distribution.api"), url: `${origin}/api/requests`, format: "json" },
        { key: "requests-csv", title: both("dcat.distribution.csv"), url: `${origin}/requests.csv`, format: "csv", download: true },
        { key: "requests-atom", title: both("dcat.distribution.atom"), url: `${origin}/requests.atom`, format: "atom" },
      ],
    },
    {
      key: "answers",
      title: both("dcat.answers.title"),
      description: both("dcat.answers.description"),
      keywords: [both("dcat.keyword.municipalities"), both("dcat.keyword.requests"), both("dcat.keyword.openData")],
      themes: ["GOVE"],
      landingPage: `${origin}/statistik`,
      modified: latest(facts.modified.answers),
      frequency: "continuous",
      servedByApi: true,
      distributions: [
        // Each request's answers are in /api/requests/<number>; the list pages to them.
        { key: "answers-api", title: both("dcat.distribution.api"), url: `${origin}/api/requests`, format: "json" },
        {
          key: "answers-statistics-csv",
          title: both("dcat.distribution.statistics"),
          url: `${origin}/statistik.csv`,
          format: "csv",
          download: true,
        },
      ],
    },
    {
      key: "time-saved",
      title: both("dcat.timeSaved.title"),
      description: both("dcat.timeSaved.description"),
      keywords: [both("dcat.keyword.timeSaved"), both("dcat.keyword.municipalities"), both("dcat.keyword.surveys")],
      themes: ["GOVE", "ECON"],
      landingPage: `${origin}/tidsbesparing/metod`,
      modified: latest(facts.modified.timeSaved),
      frequency: "continuous",
      servedByApi: true,
      distributions: [
        { key: "time-saved-api", title: both("dcat.distribution.api"), url: `${origin}/api/reports/time-saved`, format: "json" },
        {
          key: "time-saved-csv",
          title: both("dcat.distribution.csv"),
          url: `${origin}/api/reports/time-saved.csv`,
          format: "csv",
          download: true,
        },
      ],
    },
    ...facts.closedSurveys.map((survey): DatasetSpec => ({
      key: `survey-${survey.id}`,
      title: both("dcat.survey.title", { title: survey.title }),
      description: both("dcat.survey.description", { title: survey.title, purpose: survey.purpose || "–" }),
      keywords: [both("dcat.keyword.surveys"), both("dcat.keyword.municipalities")],
      themes: ["GOVE", "SOCI"],
      landingPage: `${origin}/enkater/${survey.id}`,
      modified: survey.modified,
      frequency: "never",
      servedByApi: true,
      distributions: [
        { key: `survey-${survey.id}-api`, title: both("dcat.distribution.api"), url: `${origin}/api/surveys/${survey.id}`, format: "json" },
        {
          key: `survey-${survey.id}-csv`,
          title: both("dcat.distribution.csv"),
          url: `${origin}/enkater/${survey.id}/resultat.csv`,
          format: "csv",
          download: true,
        },
      ],
    })),
  ];
  const modified = latest(...datasets.map((dataset) => dataset.modified));

  g.type(catalog, `${NS.dcat}Catalog`);
  g.text(catalog, `${NS.dct}title`, both("dcat.catalog.title"));
  g.text(catalog, `${NS.dct}description`, both("dcat.catalog.description"));
  g.link(catalog, `${NS.dct}publisher`, publisher);
  g.typedLink(catalog, `${NS.foaf}homepage`, `${origin}/`, `${NS.foaf}Document`);
  g.typedLink(catalog, `${NS.dct}language`, LANGUAGE.SWE, `${NS.dct}LinguisticSystem`);
  g.typedLink(catalog, `${NS.dct}language`, LANGUAGE.ENG, `${NS.dct}LinguisticSystem`);
  g.link(catalog, `${NS.dct}license`, licence);
  g.dateTime(catalog, `${NS.dct}modified`, modified);
  g.link(catalog, `${NS.dcat}themeTaxonomy`, THEME_SCHEME);
  g.link(catalog, `${NS.dcat}service`, api);

  g.type(api, `${NS.dcat}DataService`);
  g.text(api, `${NS.dct}title`, both("dcat.api.title"));
  g.text(api, `${NS.dct}description`, both("dcat.api.description"));
  g.link(api, `${NS.dcat}endpointURL`, `${origin}/api`);
  g.link(api, `${NS.dcat}endpointDescription`, `${origin}/api/openapi.json`);
  g.link(api, `${NS.dct}license`, licence);
  g.typedLink(api, `${NS.dct}accessRights`, PUBLIC_ACCESS, `${NS.dct}RightsStatement`);
  g.link(api, `${NS.dct}publisher`, publisher);
  g.link(api, `${NS.dcat}contactPoint`, contact);

  for (const dataset of datasets) {
    const uri = at(dataset.key);
    g.link(catalog, `${NS.dcat}dataset`, uri);
    if (dataset.servedByApi) g.typedLink(api, `${NS.dcat}servesDataset`, uri, `${NS.dcat}Dataset`);
    g.type(uri, `${NS.dcat}Dataset`);
    g.text(uri, `${NS.dct}title`, dataset.title);
    g.text(uri, `${NS.dct}description`, dataset.description);
    for (const keyword of dataset.keywords) g.text(uri, `${NS.dcat}keyword`, keyword);
    g.link(uri, `${NS.dct}publisher`, publisher);
    g.typedLink(uri, `${NS.dcat}contactPoint`, contact, `${NS.vcard}Kind`);
    for (const theme of dataset.themes) {
      const iri = `${EU}data-theme/${theme}`;
      g.typedLink(uri, `${NS.dcat}theme`, iri, `${NS.skos}Concept`);
      if (!g.quads.some((q) => q.subject.value === iri && q.predicate.value === `${NS.skos}prefLabel`)) {
        g.text(iri, `${NS.skos}prefLabel`, THEME[theme]);
        g.link(iri, `${NS.skos}inScheme`, THEME_SCHEME);
      }
    }
    g.typedLink(uri, `${NS.dct}language`, LANGUAGE.SWE, `${NS.dct}LinguisticSystem`);
    g.typedLink(uri, `${NS.dct}accessRights`, PUBLIC_ACCESS, `${NS.dct}RightsStatement`);
    g.typedLink(uri, `${NS.dct}accrualPeriodicity`, FREQUENCY[dataset.frequency], `${NS.dct}Frequency`);
    g.typedLink(uri, `${NS.dcat}landingPage`, dataset.landingPage, `${NS.foaf}Document`);
    g.dateTime(uri, `${NS.dct}modified`, dataset.modified);
    for (const distribution of dataset.distributions) {
      const d = at(distribution.key);
      const format = FORMAT[distribution.format];
      g.link(uri, `${NS.dcat}distribution`, d);
      g.type(d, `${NS.dcat}Distribution`);
      g.text(d, `${NS.dct}title`, distribution.title);
      g.link(d, `${NS.dcat}accessURL`, distribution.url);
      if (distribution.download) g.link(d, `${NS.dcat}downloadURL`, distribution.url);
      if (distribution.format === "json") g.typedLink(d, `${NS.dcat}accessService`, api, `${NS.dcat}DataService`);
      g.typedLink(d, `${NS.dct}format`, format.fileType, `${NS.dct}MediaTypeOrExtent`);
      g.typedLink(d, `${NS.dcat}mediaType`, format.mediaType, `${NS.dct}MediaType`);
      g.typedLink(d, `${NS.dct}license`, licence, `${NS.dct}LicenseDocument`);
      g.dateTime(d, `${NS.dct}modified`, dataset.modified);
    }
  }
  return g.quads;
}

/** A compact IRI (`dcat:Dataset`) where a prefix covers the IRI, else the IRI itself. */
function compactIri(iri: string) {
  for (const [prefix, namespace] of Object.entries(NS)) if (iri.startsWith(namespace)) return `${prefix}:${iri.slice(namespace.length)}`;
  return iri;
}

/**
 * JSON-LD written straight from the quads: one node object per subject in an `@graph`, keys as
 * compact IRIs under a context of the prefixes, values as value or node objects. The jsonld
 * library's compaction gave the same graph at five times the cost (about 60 ms per catalogue on
 * a loaded machine); the test reads both back and compares them triple by triple.
 */
function writeJsonLd(quads: Quad[]): string {
  const nodes = new Map<string, Record<string, unknown[] | string>>();
  for (const q of quads) {
    const node = nodes.get(q.subject.value) ?? { "@id": q.subject.value };
    nodes.set(q.subject.value, node);
    if (q.predicate.value === RDF_TYPE) {
      ((node["@type"] as unknown[] | undefined) ?? (node["@type"] = [])).push(compactIri(q.object.value));
      continue;
    }
    const key = compactIri(q.predicate.value);
    const value =
      q.object.termType === "Literal"
        ? q.object.language
          ? { "@value": q.object.value, "@language": q.object.language }
          : q.object.datatype.value === `${NS.xsd}string`
            ? { "@value": q.object.value }
            : { "@value": q.object.value, "@type": compactIri(q.object.datatype.value) }
        : { "@id": q.object.value };
    ((node[key] as unknown[] | undefined) ?? (node[key] = [])).push(value);
  }
  return `${JSON.stringify({ "@context": NS, "@graph": [...nodes.values()] }, null, 2)}\n`;
}

/**
 * RDF/XML by rdflib's serialiser (ADR 039): a typed node element per subject, rdf:resource for
 * IRIs, xml:lang and rdf:datatype on literals, absolute IRIs (no base, so a harvester needs none).
 * rdflib's `serialize()` first indexes the graph in a store, which cost four fifths of its time
 * here (13–17 against 3 ms a catalogue); the serialiser it calls takes the statements as they
 * are and writes the same bytes.
 */
function writeRdfXml(quads: Quad[]): string {
  const statements = quads.map((q) =>
    st(
      sym(q.subject.value),
      sym(q.predicate.value),
      q.object.termType === "Literal"
        ? rdflibLiteral(q.object.value, q.object.language || sym(q.object.datatype.value))
        : sym(q.object.value),
    ),
  );
  const xml = Serializer(rdflibGraph()).setNamespaces(NS).statementsToXML(statements);
  // rdflib escapes only & < " in text, and XML forbids "]]>" in text (a survey's purpose may hold
  // it); the markup itself never contains it, so escaping every ">" after "]]" changes no meaning.
  return `<?xml version="1.0" encoding="utf-8"?>\n${xml.replaceAll("]]>", "]]&gt;")}`;
}

/** The catalogue in one of its three serialisations. */
export async function serialiseCatalogue(quads: Quad[], format: CatalogueSerialisation): Promise<string> {
  if (format === "rdfxml") return writeRdfXml(quads);
  if (format === "jsonld") return writeJsonLd(quads);
  const writer = new Writer({ prefixes: NS });
  writer.addQuads(quads);
  return new Promise((resolve, reject) => writer.end((error, result: string) => (error ? reject(error) : resolve(result))));
}
