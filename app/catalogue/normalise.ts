/**
 * Turning the values real catalogues contain into the forms the portal stores. Every function
 * takes one raw value and returns the clean value or null; none throws.
 */

/** "sv-SE" → "sv"; "no", "nb" and "nn" stay apart (they are different written standards); untagged → "". */
export function languageKey(tag: string | undefined): string {
  return (tag ?? "").trim().toLowerCase().split(/[-_]/)[0];
}

/** ISO 639 three-letter codes (the EU language table uses them in upper case) of the languages seen in Nordic and EU catalogues. */
const TWO_LETTER_LANGUAGE: Record<string, string> = {
  swe: "sv",
  eng: "en",
  fra: "fr",
  fre: "fr",
  deu: "de",
  ger: "de",
  nor: "no",
  nob: "nb",
  nno: "nn",
  dan: "da",
  fin: "fi",
  isl: "is",
  ice: "is",
  ita: "it",
  spa: "es",
  nld: "nl",
  dut: "nl",
  pol: "pl",
  por: "pt",
  est: "et",
  lav: "lv",
  lit: "lt",
  sme: "se",
  smj: "smj",
  sma: "sma",
  ara: "ar",
  som: "so",
};

/**
 * A BCP 47 primary language ("sv") from what dct:language holds: an EU language IRI
 * (…/authority/language/SWE), a Library of Congress IRI (…/iso639-1/sv, …/iso639-2/swe) or a
 * code written as text ("sv", "sv-SE", "swe"). Null when it cannot tell.
 */
export function languageCode(value: string): string | null {
  const last = value.trim().split(/[/#]/).filter(Boolean).pop() ?? "";
  const code = /^([A-Za-z]{2,3})(?:[-_][A-Za-z0-9]+)*\W*$/.exec(last)?.[1].toLowerCase();
  if (!code) return null;
  if (code.length === 2) return code;
  return TWO_LETTER_LANGUAGE[code] ?? null;
}

const HTML_ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: " " };

/** Plain text from a title or description: HTML tags removed (portals export rich text), whitespace collapsed. */
export function cleanText(value: string): string {
  return value
    .replace(/<\/?[a-zA-Z][^>]*>/g, " ")
    .replace(/&(amp|lt|gt|quot|apos|nbsp);/g, (_entity, name: string) => HTML_ENTITIES[name])
    .replace(/&#(\d+);/g, (_entity, code: string) => String.fromCodePoint(Number(code)))
    .replace(/\s+/g, " ")
    .trim();
}

/** Hand-written catalogues have keywords such as `rdfs:Literal='umeå'`: keep only the word. */
export function cleanKeyword(value: string): string {
  return cleanText(value)
    .replace(/^rdfs:Literal\s*=\s*/i, "")
    .replace(/^['"]+|['"]+$/g, "")
    .trim();
}

/** The first http(s) URL in a literal, for catalogues that write links as text (even quoted). */
export function urlInText(value: string): string | null {
  return /https?:\/\/[^\s'"<>]+/.exec(value)?.[0] ?? null;
}

export function emailAddress(value: string): string | null {
  const address = value
    .trim()
    .replace(/^mailto:/i, "")
    .trim();
  return /^[^\s@]+@[^\s@]+$/.test(address) ? address : null;
}

/**
 * An ISO date (or date-time, as written) from `dct:modified`; other date spellings are converted
 * when JavaScript can read them, and dropped when it cannot.
 */
export function isoDate(value: string): string | null {
  const trimmed = value.trim();
  if (/^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/.test(trimmed)) return trimmed;
  const parsed = Date.parse(trimmed);
  return Number.isNaN(parsed) ? null : new Date(parsed).toISOString();
}

/**
 * A Swedish organisation number as NNNNNN-NNNN, also from the VAT form SE NNNNNNNNNN 01; a
 * Norwegian one (nine digits) as written. Anything else is not an organisation number.
 */
export function organisationNumber(value: string): string | null {
  const compact = value.replace(/\s/g, "");
  const swedish = /^(?:SE)?(\d{6})-?(\d{4})(?:01)?$/i.exec(compact);
  if (swedish) return `${swedish[1]}-${swedish[2]}`;
  return /^\d{9}$/.test(compact) ? compact : null;
}

/** Organisation numbers that some publishers put in their agent URI, e.g. `…/organisation/SE2120001355`. */
export function organisationNumberInIri(iri: string): string | null {
  const found = /(?:^|[^\dA-Za-z])SE(\d{10})(?:$|[^\d])/.exec(iri) ?? /(?:^|[^\d])(\d{6}-\d{4})(?:$|[^\d])/.exec(iri);
  return found ? organisationNumber(found[1]) : null;
}

const EU_FILE_TYPE = /^https?:\/\/publications\.europa\.eu\/resource\/authority\/file-type\/([A-Za-z0-9_]+)$/;
const MEDIA_TYPE = /(?:^|\/)((?:application|text|image|audio|video|font|model|multipart|message)\/[^/\s;,]+)\s*(?:;.*)?$/i;

/** Media types named by the code of the EU file-type vocabulary, which is what DCAT-AP-SE uses. */
const FORMAT_BY_MEDIA_TYPE: Record<string, string> = {
  "text/csv": "CSV",
  "application/json": "JSON",
  "application/geo+json": "GEOJSON",
  "application/vnd.geo+json": "GEOJSON",
  "application/pdf": "PDF",
  "application/xml": "XML",
  "text/xml": "XML",
  "application/rdf+xml": "RDF_XML",
  "text/turtle": "RDF_TURTLE",
  "application/ld+json": "JSON_LD",
  "application/n-triples": "RDF_N_TRIPLES",
  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "XLSX",
  "application/vnd.ms-excel": "XLS",
  "application/vnd.oasis.opendocument.spreadsheet": "ODS",
  "application/vnd.google-earth.kml+xml": "KML",
  "application/vnd.google-earth.kmz": "KMZ",
  "application/gml+xml": "GML",
  "application/gpx+xml": "GPX",
  "application/zip": "ZIP",
  "application/x-shapefile": "SHP",
  "application/yaml": "YAML",
  "application/x-yaml": "YAML",
  "image/tiff": "TIFF",
  "image/png": "PNG",
  "image/jpeg": "JPEG",
  "text/html": "HTML",
  "text/plain": "TXT",
  "text/calendar": "ICS",
};

/**
 * One format name (e.g. "CSV") from what `dct:format` or `dcat:mediaType` hold: an EU file-type
 * IRI, an IANA media-type IRI, a bare media type ("text/csv"), a file extension (".shp, .dbf") or a
 * short name. Longer free text is kept as written, as it is all the catalogue says.
 */
export function formatName(value: string): string | null {
  // Soft hyphens hide inside some exported media types ("application/x-\u00ADogc-sosi").
  const text = value.replace(/\u00AD/g, "").trim();
  const fileType = EU_FILE_TYPE.exec(text)?.[1];
  if (fileType) return fileType.replace(/_SRVC$/, "").toUpperCase();
  const mediaType = MEDIA_TYPE.exec(text)?.[1].toLowerCase();
  if (mediaType) return FORMAT_BY_MEDIA_TYPE[mediaType] ?? nameFromMediaType(mediaType);
  const lastSegment = /^[a-z][a-z0-9+.-]*:/i.test(text) ? (text.split(/[/#]/).filter(Boolean).pop() ?? "") : text;
  const token = /^\.?([A-Za-z0-9][A-Za-z0-9_+-]{0,15})(?:\s*,.*)?$/.exec(lastSegment)?.[1];
  if (token) return token.toUpperCase();
  return text.length > 0 && text.length <= 60 && !text.includes("://") ? text : null;
}

/** "application/x.wms" → "WMS", "application/vnd.sealed-xls" → "SEALED-XLS". */
function nameFromMediaType(mediaType: string): string {
  const subtype = mediaType.split("/")[1];
  return subtype
    .replace(/^(x[-.]|vnd\.)/, "")
    .replace(/\+(xml|json)$/, "")
    .toUpperCase();
}
