/**
 * Synthetic DCAT-AP-SE catalogues in RDF/XML: the demo catalogue of the seed (every Västra
 * Götaland municipality publishing a share of the common dataset types) and large catalogues for
 * the benchmarks. The content imitates what the municipalities publish; none of it is real.
 * Deterministic: the same input always gives the same document.
 */

interface Municipality {
  publisher: string;
  place: string;
  host: string;
}

interface DatasetType {
  slug: string;
  titles: string[];
  description: string;
  keywords: string[];
  theme: string;
  formats: string[];
  yearly?: boolean;
  /** The national specification the type follows (db/seed/data/specifications.csv), declared by some of the demo's municipalities. */
  conformsTo?: string;
}

/** Municipalities for the benchmark catalogue, with the publisher names their catalogues use. */
const BENCHMARK_MUNICIPALITIES: Municipality[] = [
  { publisher: "Borås Stad", place: "Borås", host: "boras.se" },
  { publisher: "Skövde kommun", place: "Skövde", host: "skovde.se" },
  { publisher: "Göteborgs Stad", place: "Göteborg", host: "goteborg.se" },
  { publisher: "Mölndals stad", place: "Mölndal", host: "molndal.se" },
  { publisher: "Trollhättans stad", place: "Trollhättan", host: "trollhattan.se" },
  { publisher: "Uddevalla kommun", place: "Uddevalla", host: "uddevalla.se" },
  { publisher: "Lidköpings kommun", place: "Lidköping", host: "lidkoping.se" },
  { publisher: "Alingsås kommun", place: "Alingsås", host: "alingsas.se" },
  { publisher: "Kungälvs kommun", place: "Kungälv", host: "kungalv.se" },
  { publisher: "Lerums kommun", place: "Lerum", host: "lerum.se" },
  { publisher: "Härryda kommun", place: "Härryda", host: "harryda.se" },
  { publisher: "Vänersborgs kommun", place: "Vänersborg", host: "vanersborg.se" },
  { publisher: "Falköpings kommun", place: "Falköping", host: "falkoping.se" },
  { publisher: "Ulricehamns kommun", place: "Ulricehamn", host: "ulricehamn.se" },
  { publisher: "Stenungsunds kommun", place: "Stenungsund", host: "stenungsund.se" },
  { publisher: "Mariestads kommun", place: "Mariestad", host: "mariestad.se" },
  { publisher: "Partille kommun", place: "Partille", host: "partille.se" },
  { publisher: "Skara kommun", place: "Skara", host: "skara.se" },
  { publisher: "Åmåls kommun", place: "Åmål", host: "amal.se" },
  { publisher: "Tibro kommun", place: "Tibro", host: "tibro.se" },
];

const THEME = "http://publications.europa.eu/resource/authority/data-theme/";
const FILE_TYPE = "http://publications.europa.eu/resource/authority/file-type/";
const MEDIA_TYPE = "http://www.iana.org/assignments/media-types/";

const DATASET_TYPES: DatasetType[] = [
  {
    slug: "badplatser",
    titles: ["Badplatser", "Badplatser i {place}", "Kommunala badplatser – {place}"],
    description: "Kommunens badplatser med position, tillgänglighet, toaletter och om det finns livräddningsutrustning.",
    keywords: ["badplatser", "bad", "friluftsliv", "strand"],
    theme: "ENVI",
    formats: ["text/csv", "application/geo+json"],
    conformsTo: "https://www.dataportal.se/specifications/badplatser/1.0",
  },
  {
    slug: "forskolor",
    titles: ["Förskolor", "Förskolor i {place}", "Kommunala och fristående förskolor"],
    description: "Förteckning över förskolor i kommunen med adress, huvudman, antal avdelningar och kontaktuppgifter.",
    keywords: ["förskola", "barnomsorg", "utbildning"],
    theme: "EDUC",
    formats: ["text/csv", "application/json"],
  },
  {
    slug: "laddstolpar",
    titles: ["Laddstolpar för elbilar", "Laddplatser i {place}", "Publika laddpunkter"],
    description: "Publika laddplatser för elfordon med effekt, kontakttyp, antal uttag och öppettider.",
    keywords: ["laddstolpar", "elbil", "laddinfrastruktur", "elfordon"],
    theme: "TRAN",
    formats: ["application/geo+json", "text/csv"],
  },
  {
    slug: "detaljplaner",
    titles: ["Gällande detaljplaner", "Detaljplaner i {place}", "Detaljplaner – plangränser"],
    description: "Digitala detaljplaner som visar hur mark och vatten får användas och bebyggas. Koordinater i SWEREF 99 TM.",
    keywords: ["detaljplaner", "planering", "samhällsbyggnad", "geodata"],
    theme: "REGI",
    formats: ["WMS_SRVC", "GEOJSON"],
  },
  {
    slug: "trafikmatningar",
    titles: ["Trafikmätningar", "Trafikflöden på kommunala gator i {place}", "Fordonsräkningar"],
    description: "Uppmätta fordonsflöden per mätpunkt och timme, med andel tung trafik och medelhastighet.",
    keywords: ["trafik", "trafikmätning", "fordonsflöde", "hastighet"],
    theme: "TRAN",
    formats: ["text/csv", "XLSX"],
  },
  {
    slug: "leverantorsreskontra",
    titles: ["Leverantörsreskontra {year}", "Utbetalningar till leverantörer {year} – {place}"],
    description: "Kommunens utbetalningar till leverantörer över 1 000 kronor, per förvaltning och konto.",
    keywords: ["leverantörsreskontra", "ekonomi", "inköp", "utbetalningar"],
    theme: "ECON",
    formats: ["text/csv", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"],
    yearly: true,
  },
  {
    slug: "atervinningsstationer",
    titles: ["Återvinningsstationer", "Återvinningsstationer i {place}"],
    description: "Stationer för förpackningar och tidningar med position och vilka fraktioner som tas emot.",
    keywords: ["återvinning", "avfall", "förpackningar"],
    theme: "ENVI",
    formats: ["application/geo+json"],
  },
  {
    slug: "lekplatser",
    titles: ["Lekplatser", "Kommunala lekplatser i {place}"],
    description: "Lekplatser som kommunen förvaltar, med utrustning, åldersgrupp och tillgänglighetsanpassning.",
    keywords: ["lekplatser", "barn", "parker", "fritid"],
    theme: "SOCI",
    formats: ["text/csv", "application/geo+json"],
  },
  {
    slug: "budget",
    titles: ["Budget {year}", "Kommunens budget {year}", "Driftbudget per nämnd {year}"],
    description: "Beslutad budget per nämnd och verksamhet, i tusental kronor.",
    keywords: ["budget", "ekonomi", "nämnder"],
    theme: "GOVE",
    formats: ["XLSX", "application/pdf"],
    yearly: true,
  },
  {
    slug: "badvattenkvalitet",
    titles: ["Badvattenkvalitet", "Provtagning av badvatten i {place}"],
    description: "Resultat från provtagning av badvatten under badsäsongen: E. coli, enterokocker och bedömning.",
    keywords: ["badvatten", "vattenkvalitet", "miljö"],
    theme: "HEAL",
    formats: ["text/csv"],
  },
  {
    slug: "evenemang",
    titles: ["Evenemang", "Evenemang och aktiviteter i {place}"],
    description: "Evenemang i kommunen med datum, plats, arrangör och länk till mer information.",
    keywords: ["evenemang", "kultur", "turism", "kalender"],
    theme: "EDUC",
    formats: ["application/json", "text/calendar"],
  },
  {
    slug: "offentliga-toaletter",
    titles: ["Offentliga toaletter", "Publika toaletter i {place}"],
    description: "Offentliga toaletter med öppettider, avgift, skötbord och om toaletten är tillgänglighetsanpassad.",
    keywords: ["toaletter", "tillgänglighet", "service"],
    theme: "SOCI",
    formats: ["text/csv", "application/geo+json"],
    conformsTo: "https://lankadedata.se/spec/public-toilets/",
  },
];

const LICENCES = ["http://creativecommons.org/publicdomain/zero/1.0/", "https://creativecommons.org/licenses/by/4.0/"];

/** A small deterministic PRNG (mulberry32), so the benchmark input never changes between runs. */
function createRandom(seed: number) {
  let state = seed >>> 0;
  return function nextRandom(): number {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function escapeXml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

function publisherUri(municipality: Municipality): string {
  return `https://www.${municipality.host}/#organisation`;
}

function contactUri(municipality: Municipality): string {
  return `https://www.${municipality.host}/oppnadata/kontakt`;
}

function formatUri(format: string): string {
  return format.includes("/") ? MEDIA_TYPE + format : FILE_TYPE + format;
}

function fileExtension(format: string): string {
  const extensions: Record<string, string> = {
    "text/csv": "csv",
    "application/json": "json",
    "application/geo+json": "geojson",
    "application/pdf": "pdf",
    "text/calendar": "ics",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "xlsx",
  };
  return extensions[format] ?? format.toLowerCase();
}

function agentsXml(municipalities: Municipality[]): string {
  return municipalities
    .map(
      (municipality) => `<foaf:Agent rdf:about="${publisherUri(municipality)}">
\t<foaf:name>${escapeXml(municipality.publisher)}</foaf:name>
\t<dcterms:type rdf:resource="http://purl.org/adms/publishertype/LocalAuthority"/>
</foaf:Agent>
<vcard:Organization rdf:about="${contactUri(municipality)}">
\t<vcard:fn>${escapeXml(`Öppna data, ${municipality.publisher}`)}</vcard:fn>
\t<vcard:hasEmail rdf:resource="mailto:oppnadata@${municipality.host}.example"/>
</vcard:Organization>
`,
    )
    .join("");
}

function datasetXml(
  index: number,
  municipality: Municipality,
  type: DatasetType,
  nextRandom: () => number,
  options: { declareSpecification?: boolean } = {},
): string {
  const pick = <T>(items: T[]): T => items[Math.floor(nextRandom() * items.length)];
  const year = String(2015 + (index % 10));
  const title = pick(type.titles).replace("{place}", municipality.place).replace("{year}", year);
  const datasetUri = `https://data.${municipality.host}/dataset/${type.slug}-${index}`;
  const licence = pick(LICENCES);
  const modified = `2025-${String(1 + (index % 12)).padStart(2, "0")}-${String(1 + (index % 28)).padStart(2, "0")}`;
  const keywords = [...type.keywords.slice(0, 2), municipality.place]
    .map((keyword) => `\t<dcat:keyword xml:lang="sv">${escapeXml(keyword)}</dcat:keyword>\n`)
    .join("");
  const conformsTo =
    options.declareSpecification && type.conformsTo ? `\t<dcterms:conformsTo rdf:resource="${escapeXml(type.conformsTo)}"/>\n` : "";
  // Most datasets have one distribution and every third a second one, as in the eval catalogue.
  const distributions = type.formats
    .slice(0, index % 3 === 0 ? 2 : 1)
    .map((format) => {
      const fileUrl = `${datasetUri}/${type.slug}.${fileExtension(format)}`;
      return `\t<dcat:distribution>
\t\t<dcat:Distribution rdf:about="${datasetUri}/distribution/${fileExtension(format)}">
\t\t\t<dcterms:format rdf:resource="${formatUri(format)}"/>
\t\t\t<dcat:downloadURL rdf:resource="${fileUrl}"/>
\t\t\t<dcterms:license rdf:resource="${licence}"/>
\t\t</dcat:Distribution>
\t</dcat:distribution>
`;
    })
    .join("");
  return `<dcat:Dataset rdf:about="${datasetUri}">
\t<dcterms:title xml:lang="sv">${escapeXml(title)}</dcterms:title>
\t<dcterms:description xml:lang="sv">${escapeXml(`${type.description} Publiceras av ${municipality.publisher}.`)}</dcterms:description>
\t<dcterms:publisher rdf:resource="${publisherUri(municipality)}"/>
\t<dcat:contactPoint rdf:resource="${contactUri(municipality)}"/>
${keywords}\t<dcat:theme rdf:resource="${THEME}${type.theme}"/>
${conformsTo}
\t<dcterms:modified rdf:datatype="http://www.w3.org/2001/XMLSchema#date">${modified}</dcterms:modified>
${distributions}</dcat:Dataset>
`;
}

function catalogueXml(title: string, municipalities: Municipality[], datasets: string[]) {
  return `<?xml version="1.0" encoding="UTF-8"?>
<rdf:RDF
\txmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"
\txmlns:dcterms="http://purl.org/dc/terms/"
\txmlns:dcat="http://www.w3.org/ns/dcat#"
\txmlns:foaf="http://xmlns.com/foaf/0.1/"
\txmlns:vcard="http://www.w3.org/2006/vcard/ns#">
<dcat:Catalog rdf:about="https://dataportal-vast.example/katalog/${title.toLowerCase().replace(/[^a-z]+/g, "-")}">
\t<dcterms:title xml:lang="sv">${escapeXml(title)}</dcterms:title>
</dcat:Catalog>
${agentsXml(municipalities)}${datasets.join("")}</rdf:RDF>
`;
}

/** `count` datasets, each of a random type from a random municipality: the benchmark catalogue. */
export function generateCatalogueRdfXml(count: number): string {
  const nextRandom = createRandom(20_240_915);
  const pick = <T>(items: T[]): T => items[Math.floor(nextRandom() * items.length)];
  const datasets: string[] = [];
  for (let index = 0; index < count; index++) {
    datasets.push(datasetXml(index, pick(BENCHMARK_MUNICIPALITIES), pick(DATASET_TYPES), nextRandom));
  }
  return catalogueXml("Syntetisk katalog för prestandamätning", BENCHMARK_MUNICIPALITIES, datasets);
}

/**
 * The demo catalogue: each given municipality publishes about 60 % of the dataset types, as real
 * municipalities publish some of the common types and not others (so "no good match" shows too).
 */
export function generateDemoCatalogueRdfXml(municipalityNames: string[]): string {
  const nextRandom = createRandom(49);
  const municipalities = municipalityNames.map((place) => {
    const host = `${place
      .toLowerCase()
      .normalize("NFD")
      .replace(/[\u0300-\u036f]/g, "")
      .replace(/[^a-z]+/g, "")}.se`;
    return { publisher: `${place} kommun`, place, host };
  });
  const datasets: string[] = [];
  let index = 0;
  for (const municipality of municipalities) {
    for (const type of DATASET_TYPES) {
      // Two in three declare the type's specification, so the coverage grid (issue 14) shows
      // conforming datasets beside ones the matcher judges of the same kind. No random number is
      // drawn for it: the demo's datasets stay the ones they were.
      if (nextRandom() < 0.6) datasets.push(datasetXml(index++, municipality, type, nextRandom, { declareSpecification: index % 3 !== 0 }));
    }
  }
  return catalogueXml("Demokatalog för Västra Götaland", municipalities, datasets);
}
