import type { RdfQuad, RdfTerm } from "./rdf-read.server";

const RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
const RDFS = "http://www.w3.org/2000/01/rdf-schema#";
const DCAT = "http://www.w3.org/ns/dcat#";
const DCT = "http://purl.org/dc/terms/";
const FOAF = "http://xmlns.com/foaf/0.1/";
const VCARD = "http://www.w3.org/2006/vcard/ns#";
const ADMS = "http://www.w3.org/ns/adms#";
const SKOS = "http://www.w3.org/2004/02/skos/core#";

const RDF_TYPE = `${RDF}type`;
const DCAT_DATASET = `${DCAT}Dataset`;

/** The DCAT-AP-SE properties the mapping reads. */
export const PROPERTY = {
  dataset: `${DCAT}dataset`,
  title: `${DCT}title`,
  description: `${DCT}description`,
  keyword: `${DCAT}keyword`,
  // dct:keywords and dct:distribution do not exist, yet hand-written catalogues use them.
  misusedKeywords: `${DCT}keywords`,
  distribution: `${DCAT}distribution`,
  misusedDistribution: `${DCT}distribution`,
  theme: `${DCAT}theme`,
  publisher: `${DCT}publisher`,
  contactPoint: `${DCAT}contactPoint`,
  // DCAT-AP 1.0 catalogues, EntryScape's among them, name the contact point with adms:contactPoint.
  admsContactPoint: `${ADMS}contactPoint`,
  license: `${DCT}license`,
  conformsTo: `${DCT}conformsTo`,
  modified: `${DCT}modified`,
  landingPage: `${DCAT}landingPage`,
  format: `${DCT}format`,
  mediaType: `${DCAT}mediaType`,
  accessUrl: `${DCAT}accessURL`,
  downloadUrl: `${DCAT}downloadURL`,
  identifier: `${DCT}identifier`,
  name: `${FOAF}name`,
  mbox: `${FOAF}mbox`,
  fn: `${VCARD}fn`,
  hasEmail: `${VCARD}hasEmail`,
  hasUrl: `${VCARD}hasURL`,
  value: `${RDF}value`,
  label: `${RDFS}label`,
  // Untagged text is in the dataset's (or else the catalogue's) language, when it states one.
  language: `${DCT}language`,
  // DCAT-US 1.1 names a publisher with skos:prefLabel.
  prefLabel: `${SKOS}prefLabel`,
} as const;

/**
 * A literal is kept to this many characters: far above every limit the mapping applies (see
 * LITERAL_LIMITS in dcat.server.ts), so the mapping still sees that it was too long, while a
 * 20 MB literal never sits in the graph.
 */
export const LITERAL_READ_LIMIT = 100_000;

/**
 * Only these triples are kept: a national catalogue has millions of triples about temporal
 * coverage, spatial extents and the like that the portal never reads. The map gives back the
 * constant, so a million triples share a handful of predicate strings.
 */
const MAPPED_PREDICATES = new Map<string, string>([...Object.values(PROPERTY), RDF_TYPE].map((iri) => [iri, iri]));

/**
 * The triples the mapping reads, grouped by subject. Not n3's Store: it indexes every triple three
 * ways and took about 3 KB per triple, which ran a 100,000-dataset catalogue out of memory. Here a
 * subject holds one flat [predicate, object, predicate, object …] list, and every IRI or blank
 * node is one shared term object.
 */
export class CatalogueGraph {
  private readonly propertiesBySubject = new Map<string, (string | RdfTerm)[]>();
  private readonly nodes = new Map<string, RdfTerm>();
  private readonly catalogueByDataset = new Map<string, RdfTerm>();
  private readonly datasetIds = new Set<string>();
  readonly datasets: RdfTerm[] = [];
  /** What a catalogue lists with dcat:dataset, typed or not (DCAT-US feeds may leave out @type). */
  private readonly listedDatasets: RdfTerm[] = [];
  private readonly detach: (value: string) => string;

  /**
   * `detach: false` for terms that hold no parser chunk (the streamed harvest's, read back from
   * PostgreSQL): copying them again only costs time.
   */
  constructor(options: { detach?: boolean } = {}) {
    this.detach = options.detach === false ? (value) => value : detachedCopy;
  }

  add(quad: RdfQuad): void {
    const predicate = MAPPED_PREDICATES.get(quad.predicate.value);
    if (predicate === undefined) return;
    const subject = this.compact(quad.subject);
    const subjectId = termId(subject);
    if (predicate === RDF_TYPE) {
      // Any resource typed dcat:Dataset is one, whatever subclass (dcatapit:Dataset …) it also has.
      if (quad.object.value === DCAT_DATASET && !this.datasetIds.has(subjectId)) {
        this.datasetIds.add(subjectId);
        this.datasets.push(subject);
      }
      return;
    }
    const object = this.compact(quad.object);
    if (predicate === PROPERTY.dataset && !this.catalogueByDataset.has(termId(object))) {
      this.catalogueByDataset.set(termId(object), subject);
      if (object.termType !== "Literal") this.listedDatasets.push(object);
    }
    const properties = this.propertiesBySubject.get(subjectId);
    if (properties) properties.push(predicate, object);
    else this.propertiesBySubject.set(subjectId, [predicate, object]);
  }

  objects(subject: RdfTerm, ...predicates: string[]): RdfTerm[] {
    const properties = this.propertiesBySubject.get(termId(subject)) ?? [];
    const objects: RdfTerm[] = [];
    for (const predicate of predicates) {
      for (let index = 0; index < properties.length; index += 2) {
        if (properties[index] === predicate) objects.push(properties[index + 1] as RdfTerm);
      }
    }
    return objects;
  }

  /** Resources a catalogue lists as datasets that no triple types dcat:Dataset. */
  untypedListedDatasets(): RdfTerm[] {
    return this.listedDatasets.filter((term) => !this.datasetIds.has(termId(term)));
  }

  catalogueOf(dataset: RdfTerm): RdfTerm | null {
    return this.catalogueByDataset.get(termId(dataset)) ?? null;
  }

  /** A copy that keeps nothing of the parser's term objects or input text alive. */
  private compact(term: RdfTerm): RdfTerm {
    if (term.termType === "Literal") {
      const value = this.detach(term.value.length > LITERAL_READ_LIMIT ? term.value.slice(0, LITERAL_READ_LIMIT) : term.value);
      return term.language ? { termType: "Literal", value, language: term.language } : { termType: "Literal", value };
    }
    const shared = this.nodes.get(termId(term));
    if (shared) return shared;
    const node = { termType: term.termType, value: this.detach(term.value) };
    this.nodes.set(termId(node), node);
    return node;
  }
}

/**
 * Parsers cut values out of the chunk of input they are reading, and V8 keeps such a substring as
 * a pointer into the whole chunk: keeping a 20-character IRI kept its 64 KB chunk, and a large
 * catalogue stayed in memory in full (330 MB more heap for 100,000 datasets). A JSON round trip
 * is the cheapest way found to get a string of its own.
 */
function detachedCopy(value: string): string {
  return JSON.parse(JSON.stringify(value)) as string;
}

export function termId(term: RdfTerm): string {
  return term.termType === "BlankNode" ? `_:${term.value}` : term.value;
}
