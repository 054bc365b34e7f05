import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { LITERAL_LIMITS, parseCatalogue } from "../../app/catalogue/dcat.server";
import { fileTypeLabel, licenceLabel, themeLabel } from "../../app/catalogue/eu-vocabularies";
import { catalogFixture, parseError } from "../support/catalogs";

const HARDENING = fileURLToPath(new URL("../fixtures/hardening/", import.meta.url));

const DATASET_HEAD = `<?xml version="1.0" encoding="UTF-8"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:dcat="http://www.w3.org/ns/dcat#" xmlns:dct="http://purl.org/dc/terms/">
<dcat:Dataset rdf:about="https://example.se/dataset/1">`;
const DATASET_TAIL = `</dcat:Dataset>
</rdf:RDF>`;

describe("a truncated catalogue is never a successful parse", () => {
  const vg = readFileSync(catalogFixture("catalog-vg-public.rdf"));
  // Byte offsets: the file has Swedish letters, so string offsets would be off.
  const firstDatasetEnd = vg.indexOf("</dcat:Dataset>") + "</dcat:Dataset>".length;
  const rootEnd = vg.lastIndexOf("</rdf:RDF>");
  const cuts: [string, number][] = [
    ["inside the XML declaration", 10],
    ["inside an opening tag", vg.indexOf("<dcat:Dataset") + 7],
    ["inside an attribute value", vg.indexOf('rdf:about="', firstDatasetEnd) + 15],
    ["inside a literal", vg.indexOf("<dcterms:title", firstDatasetEnd) + 40],
    ["right after a closed dataset", firstDatasetEnd],
    ["between two elements", vg.indexOf("\n", firstDatasetEnd + 200) + 1],
    ["at byte 300,000", 300_000],
    ["just before the closing rdf:RDF", rootEnd],
    ["inside the closing rdf:RDF", rootEnd + 5],
  ];

  it.each(cuts)("RDF/XML cut %s fails with a Swedish message", async (_where, offset) => {
    const error = await parseError(parseCatalogue(vg.subarray(0, offset), { sourceName: "catalog-vg-public.rdf" }));
    expect(error.messageSv).toMatch(/Katalogen kunde inte läsas som RDF\/XML/);
    expect(error.messageSv).toMatch(/tar slut|avbruten|avkapad|slutar/);
  });

  it("still reads the whole file, with or without its final newline", async () => {
    expect((await parseCatalogue(vg, { sourceName: "x.rdf" })).datasets).toHaveLength(351);
    expect((await parseCatalogue(vg.subarray(0, rootEnd + "</rdf:RDF>".length), { sourceName: "x.rdf" })).datasets).toHaveLength(351);
  });

  it("refuses Turtle cut inside a statement", async () => {
    const turtle = readFileSync(catalogFixture("se_fornpunkt_dcat3.ttl"));
    for (const offset of [200, 5_000, 12_345, turtle.length - 3]) {
      await parseError(parseCatalogue(turtle.subarray(0, offset), { sourceName: "x.ttl" }));
    }
  });

  it("refuses JSON-LD cut anywhere", async () => {
    const json = readFileSync(HARDENING + "arcgis-hub-data.json");
    for (const offset of [1, 300, 1_500, json.length - 2]) {
      await parseError(parseCatalogue(json.subarray(0, offset), { sourceName: "data.json" }));
    }
  });
});

describe("size limits", () => {
  it("refuses an entity declaration fast (billion laughs)", async () => {
    const started = Date.now();
    const error = await parseError(parseCatalogue(readFileSync(HARDENING + "billion-laughs.rdf"), { sourceName: "x.rdf" }));
    expect(error.messageSv).toMatch(/ENTITY/);
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it("still reads a DOCTYPE without entity declarations", async () => {
    const catalogue = await parseCatalogue(
      DATASET_HEAD.replace("<rdf:RDF", "<!DOCTYPE rdf:RDF>\n<rdf:RDF") + "<dct:title>A</dct:title>" + DATASET_TAIL,
      { format: "rdfxml" },
    );
    expect(catalogue.datasets).toHaveLength(1);
  });

  it("cuts over-long titles and descriptions, drops over-long keywords, and says so per dataset", async () => {
    const title = "Trafikmätningar ".repeat(200);
    const description = "Lång beskrivning. ".repeat(100_000);
    const keyword = "k".repeat(LITERAL_LIMITS.keyword + 1);
    const catalogue = await parseCatalogue(
      `${DATASET_HEAD}<dct:title xml:lang="sv">${title}</dct:title><dct:description xml:lang="sv">${description}</dct:description>` +
        `<dcat:keyword xml:lang="sv">${keyword}</dcat:keyword><dcat:keyword xml:lang="sv">trafik</dcat:keyword>${DATASET_TAIL}`,
      { format: "rdfxml" },
    );
    const [dataset] = catalogue.datasets;
    expect(dataset.title.sv.length).toBeLessThanOrEqual(LITERAL_LIMITS.title);
    expect(dataset.title.sv).toMatch(/^Trafikmätningar Trafikmätningar .*…$/);
    expect(dataset.description.sv.length).toBeLessThanOrEqual(LITERAL_LIMITS.description);
    expect(dataset.keywords).toEqual({ sv: ["trafik"] });
    expect(catalogue.failures).toEqual([]);
    expect(catalogue.warnings).toEqual([
      {
        identity: "https://example.se/dataset/1",
        message: expect.stringMatching(/titel.*1 000 tecken/i),
        key: "harvest.warning.titleCut",
        params: { limit: "1 000", limitEn: "1,000" },
      },
      {
        identity: "https://example.se/dataset/1",
        message: expect.stringMatching(/beskrivning.*20 000 tecken/i),
        key: "harvest.warning.descriptionCut",
        params: { limit: "20 000", limitEn: "20,000" },
      },
      {
        identity: "https://example.se/dataset/1",
        message: expect.stringMatching(/nyckelord.*200 tecken/i),
        key: "harvest.warning.keywordDropped",
        params: { limit: "200", limitEn: "200" },
      },
    ]);
  });
});

describe("NUL characters", () => {
  it.each(["catalogue.ttl", "catalogue.jsonld", "catalogue.rdf", "catalogue"])(
    "1,000 NUL bytes named %s are a clear parse error without NUL in its text",
    async (name) => {
      const error = await parseError(parseCatalogue(Buffer.alloc(1_000), { sourceName: name }));
      expect(error.messageSv).toMatch(/NUL/);
      expect(error.message + error.messageSv + error.reason).not.toContain("\u0000");
    },
  );

  it("strips NUL from literals and warns", async () => {
    const catalogue = await parseCatalogue(
      '<https://example.se/d> a <http://www.w3.org/ns/dcat#Dataset> ; <http://purl.org/dc/terms/title> "Bad\u0000platser"@sv .',
      { format: "turtle" },
    );
    expect(catalogue.datasets[0].title).toEqual({ sv: "Badplatser" });
    expect(catalogue.warnings).toEqual([
      { identity: "katalogen", message: expect.stringMatching(/NUL/), key: "harvest.warning.nulLiterals.one", params: { count: 1 } },
    ]);
  });

  it("strips NUL from JSON-LD blank-node labels and language tags too", async () => {
    const catalogue = await parseCatalogue(
      JSON.stringify({
        "@context": { dcat: "http://www.w3.org/ns/dcat#", dct: "http://purl.org/dc/terms/" },
        "@graph": [
          {
            "@id": "_:d\u0000",
            "@type": "dcat:Dataset",
            "dct:title": { "@value": "Skolor", "@language": "sv" },
            "dct:description": "Skol\u0000or",
          },
        ],
      }),
      { format: "jsonld" },
    );
    expect(JSON.stringify(catalogue)).not.toContain("\\u0000");
    expect(catalogue.datasets[0].description).toEqual({ "": "Skolor" });
  });

  it("never puts NUL from a parser's message into the error", async () => {
    const error = await parseError(parseCatalogue("@prefix x: <a> .\n\u0000\u0000 garbage", { format: "turtle" }));
    expect(error.messageSv).not.toContain("\u0000");
  });
});

describe("DCAT-US 1.1 (Project Open Data) data.json", () => {
  it("reads an ArcGIS Hub feed with the bundled context", async () => {
    const catalogue = await parseCatalogue(readFileSync(HARDENING + "arcgis-hub-data.json"), { sourceName: "data.json" });
    expect(catalogue.failures).toEqual([]);
    expect(catalogue.datasets).toHaveLength(3);
    const bathing = catalogue.datasets.find((d) => d.title[""] === "Badplatser")!;
    expect(bathing).toMatchObject({
      uri: "https://www.arcgis.com/home/item.html?id=3f2a9c0e5b7d4e1fa0c6d8b9e2f41a77&sublayer=0",
      uriIsDerived: false,
      description: { "": "Kommunens strandbad och badplatser med bryggor och tillgänglighet." },
      keywords: { "": ["badplatser", "friluftsliv", "Exempelkommun"] },
      modified: "2024-06-18T14:02:11.000Z",
      publisher: { uri: null, name: { "": "Exempelkommun" }, orgNumber: null },
      contactPoint: { name: "GIS-enheten", email: "gis@exempelkommun.se", url: null },
      licence: "https://creativecommons.org/licenses/by/4.0/",
      landingPage: "https://data-exempelkommun.hub.arcgis.com/datasets/exempelkommun::badplatser",
      themes: ["Miljö"],
    });
    expect(bathing.distributions).toHaveLength(3);
    expect(bathing.distributions).toContainEqual(
      expect.objectContaining({
        title: { "": "CSV" },
        format: "CSV",
        downloadUrl: "https://data-exempelkommun.hub.arcgis.com/api/download/v1/items/3f2a9c0e5b7d4e1fa0c6d8b9e2f41a77/csv?layers=0",
      }),
    );
    expect(bathing.distributions).toContainEqual(expect.objectContaining({ format: "GEOJSON" }));
    // A dataset without @type is still one when the catalogue lists it; its identifier is no IRI.
    const schools = catalogue.datasets.find((d) => d.title[""] === "Skolor")!;
    expect(schools.uriIsDerived).toBe(true);
    expect(schools.distributions[0]).toMatchObject({ format: "JSON", downloadUrl: "https://exempelkommun.se/skolor.json" });
  });

  it("reads a data.json that leaves out @context but says it conforms to the schema", async () => {
    const document = JSON.parse(readFileSync(HARDENING + "arcgis-hub-data.json", "utf8")) as Record<string, unknown>;
    delete document["@context"];
    const catalogue = await parseCatalogue(JSON.stringify(document), { sourceName: "data.json" });
    expect(catalogue.datasets).toHaveLength(3);
  });
});

describe("one invalid IRI", () => {
  it("drops the bad triple, keeps every dataset and warns (GeoNetwork)", async () => {
    const catalogue = await parseCatalogue(readFileSync(HARDENING + "geonetwork-iri-with-space.rdf"), { sourceName: "x.rdf" });
    expect(catalogue.datasets.map((d) => d.title.sv).sort()).toEqual(["Detaljplaner", "Fastighetsgränser"]);
    expect(catalogue.datasets.find((d) => d.title.sv === "Detaljplaner")?.conformsTo).toEqual([]);
    expect(catalogue.warnings).toEqual([
      {
        identity: "katalogen",
        message: expect.stringMatching(/2 .*ogiltig IRI.*detaljplan 2020/),
        key: "harvest.warning.invalidIri.other",
        params: { count: 2, examples: expect.stringMatching(/detaljplan 2020/) },
      },
    ]);
  });
});

describe("licences, languages and publishers", () => {
  it("keeps a licence written as text, takes untagged text's language from the catalogue, names a nameless publisher", async () => {
    const { datasets } = await parseCatalogue(readFileSync(HARDENING + "untagged-french-catalogue.rdf"), { sourceName: "x.rdf" });
    const water = datasets.find((d) => d.uri.endsWith("qualite-eau"))!;
    expect(water.licence).toBe("Licence ouverte");
    expect(water.untaggedLanguage).toBe("fr");
    expect(water.publisher).toEqual({
      uri: "https://donnees.exemple-commune.fr/organisations/service-environnement",
      name: { "": "service-environnement (donnees.exemple-commune.fr)" },
      orgNumber: null,
    });
    const trees = datasets.find((d) => d.uri.endsWith("arbres"))!;
    expect(trees.title).toEqual({ "": "Arbres d'alignement", en: "Street trees" });
    expect(trees.untaggedLanguage).toBe("fr");
    expect(trees.licence).toBe("http://publications.europa.eu/resource/authority/licence/CC_BY_4_0");
  });

  it("leaves the language unknown when the catalogue names none or several", async () => {
    const { datasets } = await parseCatalogue(`${DATASET_HEAD}<dct:title>Okänt språk</dct:title>${DATASET_TAIL}`, {
      format: "rdfxml",
    });
    expect(datasets[0].untaggedLanguage).toBeUndefined();
  });
});

describe("EU vocabulary labels", () => {
  it("names licences, file types and themes in Swedish and English", () => {
    expect(licenceLabel("http://publications.europa.eu/resource/authority/licence/CC_BY_4_0", "sv")).toBe(
      "Creative Commons Erkännande 4.0 Internationell",
    );
    expect(licenceLabel("https://creativecommons.org/publicdomain/zero/1.0/", "en")).toBe("Creative Commons CC0 1.0 Universal");
    expect(licenceLabel("Licence ouverte", "sv")).toBe("Licence ouverte");
    expect(fileTypeLabel("RDF_TURTLE", "en")).toBe("RDF Turtle");
    expect(fileTypeLabel("http://publications.europa.eu/resource/authority/file-type/CSV", "sv")).toBe("CSV");
    expect(themeLabel("http://publications.europa.eu/resource/authority/data-theme/ENVI", "sv")).toBe("Miljö");
    expect(themeLabel("https://publications.europa.eu/resource/authority/data-theme/TRAN/", "en")).toBe("Transport");
    expect(themeLabel("Miljö", "en")).toBe("Miljö");
  });
});
