import { createReadStream, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { detectFormat, parseCatalogue, type ParsedDataset } from "../../app/catalogue/dcat.server";
import { createContextLoader } from "../../app/catalogue/jsonld-context-loader.server";
import { generateCatalogueRdfXml } from "../../db/seed/demo-catalogue";
import { catalogFixture, parseError } from "../support/catalogs";

function fixture(name: string): Buffer {
  return readFileSync(catalogFixture(name));
}

async function parseFixture(name: string) {
  return parseCatalogue(fixture(name), { sourceName: name });
}

function datasetTitled(datasets: ParsedDataset[], title: string): ParsedDataset {
  const dataset = datasets.find((candidate) => Object.values(candidate.title).includes(title));
  if (!dataset) throw new Error(`no dataset titled ${title}`);
  return dataset;
}

describe("parseCatalogue on the fixture catalogues", () => {
  // Counts from test/fixtures/catalogs/SOURCES.md and eval-README.md.
  it.each([
    ["no_data-norge_2019_dcat-ap-no.jsonld", 641],
    ["se_opennorth_umea_entryscape_2015.rdf", 16],
    ["se_opennorth_umea_handmade_2015.rdf", 1],
    ["se_fornpunkt_dcat3.ttl", 5],
    ["se_digg_dcat-ap-se_exempel_rekommenderat.ttl", 1],
    ["se_digg_dcat-ap-se_exempel_rekommenderat.rdf", 1],
    ["se_digg_dcat-ap-se_exempel_obligatoriskt.ttl", 1],
    ["it_comune-foggia_dcat-ap-it.rdf", 7],
    ["catalog-vg-public.rdf", 351],
  ])("%s has %i datasets and no failures", async (name, count) => {
    const catalogue = await parseFixture(name);

    expect(catalogue.failures).toEqual([]);
    expect(catalogue.datasets).toHaveLength(count);
    expect(new Set(catalogue.datasets.map((dataset) => dataset.uri)).size).toBe(count);
    expect(catalogue.tripleCount).toBeGreaterThan(count);
  });

  it("reads the DIGG example the same from Turtle and from RDF/XML", async () => {
    const turtle = await parseFixture("se_digg_dcat-ap-se_exempel_rekommenderat.ttl");
    const rdfXml = await parseFixture("se_digg_dcat-ap-se_exempel_rekommenderat.rdf");

    expect(rdfXml.datasets).toEqual(turtle.datasets);
    expect(turtle.datasets[0]).toEqual({
      uri: "https://example.com/dataset1",
      uriIsDerived: false,
      title: { sv: "Bibliotek i Sverige", en: "Libraries in Sweden" },
      description: { sv: "Plats och öppettider för alla bibliotek i Sverige" },
      keywords: { sv: ["bibliotek"], en: ["library"] },
      themes: ["http://publications.europa.eu/resource/authority/data-theme/EDUC"],
      publisher: { uri: "https://example.com/publisher1", name: { "": "Exempel organisation" }, orgNumber: null },
      contactPoint: { name: "Öppna data gruppen på exempel organisationen", email: "oppnadata@exemple.com", url: null },
      distributions: expect.arrayContaining([
        {
          uri: "https://example.com/distribution1",
          title: {},
          format: "CSV",
          accessUrl: "http://example.com/download",
          downloadUrl: "http://example.com/download",
          licence: "http://creativecommons.org/publicdomain/zero/1.0/",
        },
        {
          uri: "https://example.com/distribution2",
          title: {},
          format: "JSON",
          accessUrl: "http://example.com/api",
          downloadUrl: null,
          licence: "http://creativecommons.org/publicdomain/zero/1.0/",
        },
      ]),
      licence: "http://creativecommons.org/publicdomain/zero/1.0/",
      conformsTo: [],
      modified: null,
      landingPage: null,
    });
  });

  it("keeps a title per language and shortens sv-SE to sv", async () => {
    const [dataset] = (await parseFixture("se_opennorth_umea_handmade_2015.rdf")).datasets;

    expect(dataset.title).toEqual({
      en: "Linked Open Data about Air Quality measured by the city of Umeå",
      sv: "Länkade Öppna Data som innehåller mätdata avseende luftkvaliteten i Umeå",
    });
    expect(Object.keys(dataset.description).sort()).toEqual(["en", "sv"]);
  });

  it("tolerates the hand-written Umeå catalogue's misused properties and quoted literals", async () => {
    const [dataset] = (await parseFixture("se_opennorth_umea_handmade_2015.rdf")).datasets;

    expect(dataset.keywords).toEqual({
      "": ["opennorth"],
      sv: ["umeå", "sverige", "miljö", "förorening"],
      en: ["umea", "sweden", "environment", "pollution"],
    });
    expect(dataset.distributions).toEqual([
      expect.objectContaining({
        uri: null,
        downloadUrl: "http://ckan.openumea.se/datastore/dump/27fb8bcc-23cb-4e85-b5b4-fde68a8ef93a",
        licence: "http://creativecommons.org/publicdomain/zero/1.0/",
      }),
    ]);
    expect(dataset.landingPage).toBe("http://wiki.opennorth.se/index.php/Luftkvalitet_(beskrivning)");
    expect(dataset.contactPoint).toEqual({ name: "Umeå kommun/IT", email: "admin.openumea@umea.se", url: null });
    expect(dataset.modified).toBe("2014-11-26");
    expect(dataset.conformsTo).toEqual(["http://wiki.opennorth.se/"]);
  });

  it("gives blank-node datasets a derived identity that is the same on every parse", async () => {
    const first = await parseFixture("se_fornpunkt_dcat3.ttl");
    const second = await parseCatalogue(createReadStream(catalogFixture("se_fornpunkt_dcat3.ttl")), { format: "turtle" });

    const uris = first.datasets.map((dataset) => dataset.uri);
    expect(first.datasets.every((dataset) => dataset.uriIsDerived)).toBe(true);
    expect(uris.every((uri) => /^urn:fraga:dataset:[0-9a-f]{64}$/.test(uri))).toBe(true);
    expect(new Set(uris).size).toBe(5);
    expect(second.datasets.map((dataset) => dataset.uri).sort()).toEqual([...uris].sort());
    expect(datasetTitled(first.datasets, "Kulturmiljöregistret").title).toEqual({ sv: "Kulturmiljöregistret" });
  });

  it("takes the catalogue's publisher for datasets that name none", async () => {
    const { datasets } = await parseFixture("se_fornpunkt_dcat3.ttl");

    expect(datasets.map((dataset) => dataset.publisher)).toEqual(Array(5).fill({ uri: null, name: { "": "FornPunkt" }, orgNumber: null }));
  });

  it("finds datasets typed with a subclass as well as dcat:Dataset", async () => {
    const { datasets } = await parseFixture("it_comune-foggia_dcat-ap-it.rdf");
    const marriages = datasetTitled(datasets, "Elenco Matrimoni Non Residenti Foggia");

    expect(marriages.uri).toBe("https://github.com/ComuneFoggia/OpenData-Comune-di-Foggia/elenco-matrimoni-non-residenti-foggia");
    expect(marriages.distributions[0].format).toBe("CSV");
    expect(marriages.contactPoint?.email).toBe("servizi.informatici@comune.foggia.it");
    expect(marriages.publisher?.name).toEqual({ "": "Stato Civile" });
  });

  it("reads the Norwegian JSON-LD: relative media types, HTML descriptions, organisation numbers", async () => {
    const { datasets } = await parseFixture("no_data-norge_2019_dcat-ap-no.jsonld");
    const dataset = datasets.find((candidate) => candidate.uri === "https://data.norge.no/node/95");

    expect(dataset?.title).toEqual({ no: "Postjournalstatistikk (OEP) - Innsynskrav 2010" });
    expect(dataset?.description.no).toMatch(/^Offentlig elektronisk postjournal \(OEP\) ble lansert/);
    expect(dataset?.description.no).not.toMatch(/<\/?p>/);
    expect(dataset?.publisher).toEqual({
      uri: "http://data.brreg.no/enhetsregisteret/enhet/991825827",
      name: { no: "Direktoratet for forvaltning og IKT" },
      orgNumber: "991825827",
    });
    expect(dataset?.contactPoint).toEqual({ name: "OEP", email: "kontakt@oep.no", url: null });
    expect(dataset?.distributions[0]).toMatchObject({ format: "CSV", licence: "http://data.norge.no/nlod/" });
    expect(datasets.filter((candidate) => candidate.distributions.some((d) => d.format === "CSV")).length).toBeGreaterThan(300);
  });

  it("normalises EU file-type and IANA media-type IRIs to one format name", async () => {
    const { datasets } = await parseFixture("catalog-vg-public.rdf");
    const formats = new Set(datasets.flatMap((dataset) => dataset.distributions.map((d) => d.format)));

    expect([...formats].sort()).toEqual(["CSV", "GEOJSON", "ICS", "JSON", "KML", "PDF", "SHP", "TIFF", "WFS", "WMS", "XLSX", "ZIP"]);
    expect(datasets.every((dataset) => "" in (dataset.publisher?.name ?? {}))).toBe(true);
    expect(datasets.every((dataset) => /^\d{4}-\d{2}-\d{2}$/.test(dataset.modified ?? ""))).toBe(true);
    expect(datasets.filter((dataset) => "en" in dataset.title)).toHaveLength(55);
  });
});

describe("parseCatalogue on bad input", () => {
  it("names the line and column of malformed RDF/XML, in English and Swedish", async () => {
    const broken = `<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:dct="http://purl.org/dc/terms/">
  <rdf:Description rdf:about="https://example.com/d1">
    <dct:title>Badplatser</dct:titel>
  </rdf:Description>
</rdf:RDF>`;

    const error = await parseError(parseCatalogue(broken, {}));

    expect(error.format).toBe("rdfxml");
    expect(error.line).toBe(4);
    expect(error.column).toBeGreaterThan(0);
    expect(error.message).toMatch(/RDF\/XML at line 4, column \d+/);
    expect(error.messageSv).toMatch(/RDF\/XML på rad 4, kolumn \d+/);
  });

  it("names the line of malformed Turtle", async () => {
    const broken = `@prefix dcat: <http://www.w3.org/ns/dcat#> .
@prefix dct: <http://purl.org/dc/terms/> .
<https://example.com/d1> a dcat:Dataset ;
  dct:title "Förskolor"@sv
  dct:publisher <https://example.com/p1> .`;

    const error = await parseError(parseCatalogue(broken, { format: "turtle" }));

    expect(error.format).toBe("turtle");
    expect(error.line).toBe(5);
    expect(error.message).toMatch(/Turtle at line 5/);
  });

  it("names the line and column of malformed JSON-LD", async () => {
    const broken = `{
  "@context": { "dct": "http://purl.org/dc/terms/" },
  "@id": "https://example.com/d1",
  "dct:title": "Laddstolpar",,
}`;

    const error = await parseError(parseCatalogue(broken, {}));

    expect(error.format).toBe("jsonld");
    expect(error.line).toBe(4);
    expect(error.column).toBe(30);
  });

  it("refuses a JSON-LD context it would have to fetch, naming it", async () => {
    const remote = JSON.stringify({
      "@context": "https://example.com/context.jsonld",
      "@id": "https://example.com/d1",
    });

    const error = await parseError(parseCatalogue(remote, {}));

    expect(error.message).toContain("https://example.com/context.jsonld");
    expect(error.messageSv).toContain("https://example.com/context.jsonld");
  });

  it.each([
    ["an empty file", ""],
    ["a file of blank lines", "\n  \n"],
    ["a catalogue without datasets", '<?xml version="1.0"?><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"/>'],
    ["an empty JSON-LD graph", '{ "@graph": [] }'],
  ])("gives no datasets for %s", async (_case, text) => {
    const catalogue = await parseCatalogue(Buffer.from(text), {});

    expect(catalogue).toEqual({ datasets: [], failures: [], tripleCount: 0 });
  });

  it("lists a dataset without a title as a failure and keeps the others", async () => {
    const turtle = `@prefix dcat: <http://www.w3.org/ns/dcat#> .
@prefix dct: <http://purl.org/dc/terms/> .
<https://example.com/untitled> a dcat:Dataset ; dct:description "Saknar titel"@sv .
<https://example.com/badplatser> a dcat:Dataset ; dct:title "Badplatser"@sv .`;

    const catalogue = await parseCatalogue(turtle, { format: "turtle" });

    expect(catalogue.datasets.map((dataset) => dataset.uri)).toEqual(["https://example.com/badplatser"]);
    expect(catalogue.failures).toEqual([
      { identity: "https://example.com/untitled", message: expect.stringMatching(/no title/), key: "harvest.failure.noTitle", params: {} },
    ]);
  });

  it("resolves relative IRIs against the base it is given", async () => {
    const turtle = `@prefix dcat: <http://www.w3.org/ns/dcat#> .
@prefix dct: <http://purl.org/dc/terms/> .
<dataset/1> a dcat:Dataset ; dct:title "Trafikmätningar"@sv .`;

    const withBase = await parseCatalogue(turtle, { format: "turtle", baseIri: "https://data.skovde.se/katalog" });
    const withoutBase = await parseCatalogue(turtle, { format: "turtle" });

    expect(withBase.datasets[0]).toMatchObject({ uri: "https://data.skovde.se/dataset/1", uriIsDerived: false });
    expect(withoutBase.datasets[0]).toMatchObject({ uriIsDerived: true, title: { sv: "Trafikmätningar" } });
  });

  it("parses a generated catalogue of a few thousand municipal datasets", async () => {
    const catalogue = await parseCatalogue(generateCatalogueRdfXml(2_000), { format: "rdfxml" });

    expect(catalogue.failures).toEqual([]);
    expect(catalogue.datasets).toHaveLength(2_000);
    expect(catalogue.datasets[0].publisher?.name[""]).toMatch(/(kommun|[Ss]tad)$/);
  });
});

describe("detectFormat", () => {
  it.each([
    ['<?xml version="1.0"?><rdf:RDF/>', "rdfxml"],
    ["\uFEFF  <rdf:RDF xmlns:rdf='http://www.w3.org/1999/02/22-rdf-syntax-ns#'/>", "rdfxml"],
    ['<!DOCTYPE rdf:RDF [<!ENTITY dcat "http://www.w3.org/ns/dcat#">]><rdf:RDF/>', "rdfxml"],
    ['{ "@graph": [] }', "jsonld"],
    ["[]", "jsonld"],
    ["@prefix dcat: <http://www.w3.org/ns/dcat#> .", "turtle"],
    ['<https://example.com/d> <http://purl.org/dc/terms/title> "x" .', "turtle"],
  ] as const)("sniffs %j as %s", (content, format) => {
    expect(detectFormat(content)).toBe(format);
    expect(detectFormat(Buffer.from(content))).toBe(format);
  });

  it.each([
    ["catalog.rdf", "rdfxml"],
    ["https://www.boras.se/datasets/dcat.xml?page=2", "rdfxml"],
    ["data.ttl", "turtle"],
    ["export.jsonld", "jsonld"],
    ["application/rdf+xml; charset=utf-8", "rdfxml"],
    ["text/turtle", "turtle"],
    ["application/ld+json", "jsonld"],
  ] as const)("lets the name or content type %s decide: %s", (name, format) => {
    expect(detectFormat("{}", name)).toBe(format);
  });

  it("falls back to sniffing when the name says nothing", () => {
    expect(detectFormat("<?xml version='1.0'?>", "application/octet-stream")).toBe("rdfxml");
    expect(detectFormat("{}", "catalogue")).toBe("jsonld");
  });
});

describe("createContextLoader", () => {
  it("serves a bundled context and refuses every other URL", async () => {
    const context = { "@context": { dct: "http://purl.org/dc/terms/" } };
    const load = createContextLoader(new Map([["https://example.com/context.jsonld", context]]));

    await expect(load("https://example.com/context.jsonld")).resolves.toMatchObject({ document: context });
    await expect(load("https://example.com/other.jsonld")).rejects.toThrow(/other\.jsonld is not bundled/);
  });
});
