import { describe, expect, it } from "vitest";
import {
  cleanKeyword,
  cleanText,
  formatName,
  isoDate,
  languageKey,
  organisationNumber,
  organisationNumberInIri,
  urlInText,
} from "../../app/catalogue/normalise";

describe("formatName", () => {
  it.each([
    ["http://publications.europa.eu/resource/authority/file-type/CSV", "CSV"],
    ["http://publications.europa.eu/resource/authority/file-type/WMS_SRVC", "WMS"],
    ["http://www.iana.org/assignments/media-types/text/csv", "CSV"],
    ["https://www.iana.org/assignments/media-types/application/ld+json", "JSON_LD"],
    ["text/csv", "CSV"],
    ["text/csv; charset=utf-8", "CSV"],
    ["application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "XLSX"],
    ["application/vnd.geo+json", "GEOJSON"],
    ["application/x.wms", "WMS"],
    ["application/x-\u00ADogc-sosi", "OGC-SOSI"],
    ["csv", "CSV"],
    [" .shp, .dbf, .idx, .prj, shx", "SHP"],
    ["CKAN Datastore (PostgreSQL-database)", "CKAN Datastore (PostgreSQL-database)"],
    ["", null],
  ])("%j → %j", (value, expected) => {
    expect(formatName(value)).toBe(expected);
  });
});

describe("text values", () => {
  it("strips HTML and collapses whitespace", () => {
    expect(cleanText("<p>Badplatser i&nbsp;Borås</p><p>med  vattenkvalitet</p>\n")).toBe("Badplatser i Borås med vattenkvalitet");
  });

  it("keeps only the word of a hand-written keyword", () => {
    expect(cleanKeyword("rdfs:Literal='miljö'")).toBe("miljö");
    expect(cleanKeyword("rdfs:Literal=sverige'")).toBe("sverige");
    expect(cleanKeyword("  laddstolpar ")).toBe("laddstolpar");
  });

  it("finds a URL written as text, quotes and all", () => {
    expect(urlInText(`'"http://wiki.opennorth.se/index.php/Luftkvalitet_(beskrivning)" `)).toBe(
      "http://wiki.opennorth.se/index.php/Luftkvalitet_(beskrivning)",
    );
    expect(urlInText("ingen länk")).toBeNull();
  });

  it.each([
    ["sv-SE", "sv"],
    ["SV", "sv"],
    ["en-GB", "en"],
    ["nb", "nb"],
    ["nn", "nn"],
    ["no", "no"],
    [undefined, ""],
  ])("language tag %j is kept as %j", (tag, key) => {
    expect(languageKey(tag)).toBe(key);
  });

  it("keeps ISO dates and converts others it can read", () => {
    expect(isoDate("2025-05-05")).toBe("2025-05-05");
    expect(isoDate("2025-05-05T10:15:00Z")).toBe("2025-05-05T10:15:00Z");
    expect(isoDate("Mon, 05 May 2025 10:15:00 GMT")).toBe("2025-05-05T10:15:00.000Z");
    expect(isoDate("okänt")).toBeNull();
  });
});

describe("organisation numbers", () => {
  it.each([
    ["212000-1355", "212000-1355"],
    ["2120001355", "212000-1355"],
    ["SE212000135501", "212000-1355"],
    ["991825827", "991825827"],
    ["c___d643", null],
  ])("%j → %j", (value, expected) => {
    expect(organisationNumber(value)).toBe(expected);
  });

  it("reads one from an agent IRI only in the forms publishers use", () => {
    expect(organisationNumberInIri("https://dataportal.se/organisation/SE2120001355")).toBe("212000-1355");
    expect(organisationNumberInIri("https://example.se/org/212000-1355")).toBe("212000-1355");
    expect(organisationNumberInIri("https://dcat-editor.com/store/66/resource/2120001355")).toBeNull();
  });
});
