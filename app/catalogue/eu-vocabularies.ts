import type { Locale } from "../../db/schema";

/**
 * Labels from the EU Publications Office authority tables that DCAT-AP-SE points to: data themes,
 * licences and file types, in Swedish and English, bundled (never fetched) so that the portal
 * shows "Miljö" or "Creative Commons Erkännande 4.0 Internationell" instead of an IRI. Only the
 * entries Swedish and Nordic catalogues use are here; anything else shows its code. Sources in
 * contexts/SOURCES.md.
 */
type Labels = { sv: string; en: string };

const AUTHORITY = /^https?:\/\/publications\.europa\.eu\/resource\/authority\/(data-theme|licence|file-type)\/([A-Za-z0-9_]+)\/?$/;

/** http://publications.europa.eu/resource/authority/data-theme */
const DATA_THEMES: Record<string, Labels> = {
  AGRI: { sv: "Jordbruk, fiske, skogsbruk och livsmedel", en: "Agriculture, fisheries, forestry and food" },
  ECON: { sv: "Ekonomi och finans", en: "Economy and finance" },
  EDUC: { sv: "Utbildning, kultur och sport", en: "Education, culture and sport" },
  ENER: { sv: "Energi", en: "Energy" },
  ENVI: { sv: "Miljö", en: "Environment" },
  GOVE: { sv: "Regeringen och den offentliga sektorn", en: "Government and public sector" },
  HEAL: { sv: "Hälsa", en: "Health" },
  INTR: { sv: "Internationella frågor", en: "International issues" },
  JUST: { sv: "Rättvisa, rättsliga system och allmän säkerhet", en: "Justice, legal system and public safety" },
  REGI: { sv: "Regioner och städer", en: "Regions and cities" },
  SOCI: { sv: "Befolkning och samhälle", en: "Population and society" },
  TECH: { sv: "Vetenskap och teknik", en: "Science and technology" },
  TRAN: { sv: "Transport", en: "Transport" },
  OP_DATPRO: { sv: "Preliminära uppgifter", en: "Provisional data" },
};

/** http://publications.europa.eu/resource/authority/licence */
const LICENCES: Record<string, Labels> = {
  CC0: { sv: "Creative Commons CC0 1.0 Universell", en: "Creative Commons CC0 1.0 Universal" },
  CC_BY_4_0: { sv: "Creative Commons Erkännande 4.0 Internationell", en: "Creative Commons Attribution 4.0 International" },
  CC_BYSA_4_0: {
    sv: "Creative Commons Erkännande-DelaLika 4.0 Internationell",
    en: "Creative Commons Attribution-ShareAlike 4.0 International",
  },
  CC_BYND_4_0: {
    sv: "Creative Commons Erkännande-IngaBearbetningar 4.0 Internationell",
    en: "Creative Commons Attribution-NoDerivatives 4.0 International",
  },
  CC_BYNC_4_0: {
    sv: "Creative Commons Erkännande-IckeKommersiell 4.0 Internationell",
    en: "Creative Commons Attribution-NonCommercial 4.0 International",
  },
  CC_BYNCSA_4_0: {
    sv: "Creative Commons Erkännande-IckeKommersiell-DelaLika 4.0 Internationell",
    en: "Creative Commons Attribution-NonCommercial-ShareAlike 4.0 International",
  },
  CC_BYNCND_4_0: {
    sv: "Creative Commons Erkännande-IckeKommersiell-IngaBearbetningar 4.0 Internationell",
    en: "Creative Commons Attribution-NonCommercial-NoDerivatives 4.0 International",
  },
  CC_BY_3_0: { sv: "Creative Commons Erkännande 3.0", en: "Creative Commons Attribution 3.0" },
  CC_BYSA_3_0: { sv: "Creative Commons Erkännande-DelaLika 3.0", en: "Creative Commons Attribution-ShareAlike 3.0" },
  ODC_PDDL: { sv: "Open Data Commons Public Domain Dedication and License", en: "Open Data Commons Public Domain Dedication and License" },
  ODC_BY: { sv: "Open Data Commons Attribution License", en: "Open Data Commons Attribution License" },
  ODC_ODBL: { sv: "Open Data Commons Open Database License", en: "Open Data Commons Open Database License" },
  NLOD_2_0: { sv: "Norsk lisens for offentlige data 2.0", en: "Norwegian Licence for Open Government Data 2.0" },
  DL_DE_BY_2_0: { sv: "Datenlizenz Deutschland – Namensnennung 2.0", en: "Data licence Germany – attribution 2.0" },
  EUPL_1_2: { sv: "Europeiska unionens offentliga licens 1.2", en: "European Union Public Licence 1.2" },
  APACHE_2_0: { sv: "Apache License 2.0", en: "Apache License 2.0" },
  MIT: { sv: "MIT-licensen", en: "MIT License" },
};

/** The Creative Commons deeds most catalogues link instead of the EU table's IRIs. */
const CREATIVE_COMMONS: [RegExp, string][] = [
  [/^https?:\/\/creativecommons\.org\/publicdomain\/zero\/1\.0\/?(deed\.\w+)?$/, "CC0"],
  [/^https?:\/\/creativecommons\.org\/licenses\/by\/4\.0\/?(deed\.\w+|legalcode(\.\w+)?)?$/, "CC_BY_4_0"],
  [/^https?:\/\/creativecommons\.org\/licenses\/by-sa\/4\.0\/?(deed\.\w+|legalcode(\.\w+)?)?$/, "CC_BYSA_4_0"],
  [/^https?:\/\/creativecommons\.org\/licenses\/by-nd\/4\.0\/?(deed\.\w+|legalcode(\.\w+)?)?$/, "CC_BYND_4_0"],
  [/^https?:\/\/creativecommons\.org\/licenses\/by-nc\/4\.0\/?(deed\.\w+|legalcode(\.\w+)?)?$/, "CC_BYNC_4_0"],
  [/^https?:\/\/creativecommons\.org\/licenses\/by\/3\.0\/?/, "CC_BY_3_0"],
  [/^https?:\/\/creativecommons\.org\/licenses\/by-sa\/3\.0\/?/, "CC_BYSA_3_0"],
  [/^https?:\/\/opendatacommons\.org\/licenses\/odbl\/?/, "ODC_ODBL"],
  [/^https?:\/\/data\.norge\.no\/nlod\/(no|en)\/2\.0\/?$/, "NLOD_2_0"],
];

/**
 * http://publications.europa.eu/resource/authority/file-type, by the code the portal stores
 * (app/catalogue/normalise.ts `formatName` keeps the code; a service's `_SRVC` is dropped).
 */
const FILE_TYPES: Record<string, Labels> = {
  CSV: { sv: "CSV", en: "CSV" },
  JSON: { sv: "JSON", en: "JSON" },
  GEOJSON: { sv: "GeoJSON", en: "GeoJSON" },
  XML: { sv: "XML", en: "XML" },
  PDF: { sv: "PDF", en: "PDF" },
  HTML: { sv: "HTML", en: "HTML" },
  TXT: { sv: "Text", en: "Text" },
  XLSX: { sv: "Excel XLSX", en: "Excel XLSX" },
  XLS: { sv: "Excel XLS", en: "Excel XLS" },
  ODS: { sv: "OpenDocument-kalkylark", en: "OpenDocument Spreadsheet" },
  DOCX: { sv: "Word DOCX", en: "Word DOCX" },
  ODT: { sv: "OpenDocument-text", en: "OpenDocument Text" },
  KML: { sv: "KML", en: "KML" },
  KMZ: { sv: "KMZ", en: "KMZ" },
  GML: { sv: "GML", en: "GML" },
  GPX: { sv: "GPX", en: "GPX" },
  SHP: { sv: "Esri Shapefile", en: "Esri Shapefile" },
  GPKG: { sv: "GeoPackage", en: "GeoPackage" },
  ZIP: { sv: "ZIP-arkiv", en: "ZIP archive" },
  RDF_XML: { sv: "RDF/XML", en: "RDF/XML" },
  RDF_TURTLE: { sv: "RDF Turtle", en: "RDF Turtle" },
  RDF_N_TRIPLES: { sv: "RDF N-Triples", en: "RDF N-Triples" },
  JSON_LD: { sv: "JSON-LD", en: "JSON-LD" },
  TIFF: { sv: "TIFF-bild", en: "TIFF image" },
  PNG: { sv: "PNG-bild", en: "PNG image" },
  JPEG: { sv: "JPEG-bild", en: "JPEG image" },
  WMS: { sv: "WMS-tjänst", en: "WMS service" },
  WFS: { sv: "WFS-tjänst", en: "WFS service" },
  WMTS: { sv: "WMTS-tjänst", en: "WMTS service" },
  WCS: { sv: "WCS-tjänst", en: "WCS service" },
  YAML: { sv: "YAML", en: "YAML" },
  ICS: { sv: "iCalendar", en: "iCalendar" },
};

function authorityCode(uri: string, table: "data-theme" | "licence" | "file-type"): string | null {
  const match = AUTHORITY.exec(uri.trim());
  return match && match[1] === table ? match[2].toUpperCase() : null;
}

/** The last path segment, or the value itself when it is text rather than an IRI. */
function lastSegment(value: string): string {
  if (!/^[a-z][a-z0-9+.-]*:/i.test(value)) return value;
  const segment = value.split(/[/#]/).filter(Boolean).pop() ?? value;
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/** A readable name for a theme; an unknown theme shows its last path segment (or its text). */
export function themeLabel(uri: string, locale: Locale): string {
  const code = authorityCode(uri, "data-theme");
  return (code && DATA_THEMES[code]?.[locale]) || lastSegment(uri);
}

/** A licence's name from the EU table or a Creative Commons URL; other licences as written. */
export function licenceLabel(licence: string, locale: Locale): string {
  const code = authorityCode(licence, "licence") ?? CREATIVE_COMMONS.find(([pattern]) => pattern.test(licence.trim()))?.[1];
  return (code && LICENCES[code]?.[locale]) || licence;
}

/** A file type's name from its stored code ("RDF_TURTLE") or its EU IRI. */
export function fileTypeLabel(format: string, locale: Locale): string {
  const code = (authorityCode(format, "file-type") ?? format).replace(/_SRVC$/, "");
  return FILE_TYPES[code]?.[locale] ?? code;
}
