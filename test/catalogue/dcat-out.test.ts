import { Readable } from "node:stream";
import rdf from "@zazuko/env-node";
import SHACLValidator from "rdf-validate-shacl";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { db } from "../../db/client.server";
import { parseCatalogue } from "../../app/catalogue/dcat.server";
import * as catalogRoute from "../../app/routes/catalog";
import * as rdfRoute from "../../app/routes/catalog[.]rdf";
import * as turtleRoute from "../../app/routes/catalog[.]ttl";
import * as jsonldRoute from "../../app/routes/catalog[.]jsonld";
import { createTestRequest } from "../factories/request";
import { createTestSurvey } from "../factories/survey";
import { ORIGIN, pageRequest } from "../support/route-request";

/**
 * The portal's own DCAT-AP-SE catalogue (issue 12, ADR 039): valid against both DCAT-AP 2.1.1
 * SHACL files with no violation in each serialisation, no blank node for what DCAT-AP-SE forbids,
 * and read back by the portal's own harvester.
 */

const SHAPES = ["dcat-ap_2.1.1_shacl_shapes.ttl", "dcat-ap_2.1.1_shacl_range.ttl"].map(
  (file) => new URL(`../fixtures/shacl/${file}`, import.meta.url).pathname,
);
const FORMATS = [
  { name: "RDF/XML", route: rdfRoute, path: "/catalog.rdf", mediaType: "application/rdf+xml" },
  { name: "Turtle", route: turtleRoute, path: "/catalog.ttl", mediaType: "text/turtle" },
  { name: "JSON-LD", route: jsonldRoute, path: "/catalog.jsonld", mediaType: "application/ld+json" },
] as const;

async function fetchCatalogue(format: (typeof FORMATS)[number]) {
  const response = await format.route.loader(pageRequest(format.path));
  return { response, text: await response.text() };
}

async function graphOf(text: string, mediaType: string) {
  const stream = rdf.formats.parsers.import(mediaType, Readable.from([text]), { baseIRI: ORIGIN });
  if (!stream) throw new Error(`no parser for ${mediaType}`);
  return rdf.dataset().import(stream);
}

let shapes: Awaited<ReturnType<typeof graphOf>>;
let surveyId: string;

beforeAll(async () => {
  shapes = rdf.dataset();
  for (const file of SHAPES) shapes.addAll(await rdf.dataset().import(rdf.fromFile(file)));
  await createTestRequest({ title: "Badplatser i Borås" });
  const survey = await createTestSurvey({ send: true, title: "Personal & <lokaler>\u0001 i kommunerna" });
  surveyId = survey.surveyId;
  await db
    .updateTable("surveys")
    // "]]>" may not stand unescaped in XML text: a purpose typed with it must not break the RDF/XML.
    .set({ status: "closed", closed_at: new Date("2026-11-20T10:00:00Z"), purpose: "Statistik [[över]]> tid" })
    .where("id", "=", surveyId)
    .execute();
  // Another survey still running: its answers are not public, so it is no dataset.
  await createTestSurvey({ send: true, title: "Enkät som pågår" });
});

afterEach(() => {
  delete process.env.OPEN_DATA_LICENCE;
  delete process.env.OPEN_DATA_CONTACT_EMAIL;
});

describe("the portal's DCAT-AP-SE catalogue", () => {
  it.each(FORMATS)("$name validates against both DCAT-AP 2.1.1 SHACL files with no violation", async (format) => {
    const { response, text } = await fetchCatalogue(format);
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toBe(`${format.mediaType}; charset=utf-8`);
    const data = await graphOf(text, format.mediaType);
    const report = await new SHACLValidator(shapes, { factory: rdf }).validate(data);
    const problems = report.results.map(
      (r) => `${r.severity?.value} ${r.focusNode?.value} ${r.path?.value}: ${r.message.map((m) => m.value).join()}`,
    );
    expect(problems).toEqual([]);
    expect(report.conforms).toBe(true);

    // DCAT-AP-SE: no blank node for the catalogue, a dataset, a distribution, a publisher or a contact.
    expect([...data].filter((q) => q.subject.termType === "BlankNode" || q.object.termType === "BlankNode")).toEqual([]);
    const typeOf = (type: string) =>
      [...data].filter((q) => q.predicate.value === rdf.ns.rdf.type.value && q.object.value === type).map((q) => q.subject.value);
    expect(typeOf("http://www.w3.org/ns/dcat#Catalog")).toEqual([`${ORIGIN}/catalog`]);
    const datasets = typeOf("http://www.w3.org/ns/dcat#Dataset").sort();
    expect(datasets).toEqual(
      [
        `${ORIGIN}/catalog#answers`,
        `${ORIGIN}/catalog#requests`,
        `${ORIGIN}/catalog#survey-${surveyId}`,
        `${ORIGIN}/catalog#time-saved`,
      ].sort(),
    );
  });

  it("the shapes are read and do bite: a dataset without a title or a catalogue without a publisher is a violation", async () => {
    const data = await graphOf((await fetchCatalogue(FORMATS[1])).text, "text/turtle");
    for (const q of [...data]) {
      const title = q.subject.value === `${ORIGIN}/catalog#requests` && q.predicate.value === "http://purl.org/dc/terms/title";
      const publisher = q.subject.value === `${ORIGIN}/catalog` && q.predicate.value === "http://purl.org/dc/terms/publisher";
      if (title || publisher) data.delete(q);
    }
    const report = await new SHACLValidator(shapes, { factory: rdf }).validate(data);
    expect(report.conforms).toBe(false);
    expect(report.results.map((r) => `${r.focusNode?.value} ${r.path?.value}`).sort()).toEqual([
      `${ORIGIN}/catalog http://purl.org/dc/terms/publisher`,
      `${ORIGIN}/catalog#requests http://purl.org/dc/terms/title`,
    ]);
  });

  it("the portal's own harvester reads the RDF/XML back: titles in both languages, publisher, contact, licence, themes, distributions", async () => {
    const { text } = await fetchCatalogue(FORMATS[0]);
    const parsed = await parseCatalogue(text, { format: "rdfxml", baseIri: `${ORIGIN}/catalog.rdf` });
    expect(parsed.failures).toEqual([]);
    expect(parsed.warnings ?? []).toEqual([]);
    const byUri = new Map(parsed.datasets.map((d) => [d.uri, d]));
    expect(byUri.size).toBe(4);
    const requests = byUri.get(`${ORIGIN}/catalog#requests`)!;
    expect(requests.title).toEqual({ sv: "Förfrågningar om data och enkäter", en: "Requests for data and surveys" });
    expect(requests.description.sv).toMatch(/aldrig med e-postadress/);
    expect(requests.description.en).toMatch(/never by e-mail address/);
    expect(requests.publisher?.name).toEqual({ sv: "Västra Götalandsregionen" });
    expect(requests.publisher?.orgNumber).toBe("232100-0131");
    expect(requests.licence).toBe("http://publications.europa.eu/resource/authority/licence/CC0");
    expect(requests.themes).toEqual(["http://publications.europa.eu/resource/authority/data-theme/GOVE"]);
    expect(requests.keywords.sv).toContain("förfrågningar");
    expect(requests.landingPage).toBe(`${ORIGIN}/requests`);
    expect(requests.modified).toMatch(/^\d{4}-\d{2}-\d{2}/);
    expect(requests.distributions.map((d) => [d.accessUrl, d.format])).toEqual([
      [`${ORIGIN}/api/requests`, expect.stringMatching(/json/i)],
      [`${ORIGIN}/requests.csv`, expect.stringMatching(/csv/i)],
      [`${ORIGIN}/requests.atom`, expect.stringMatching(/atom/i)],
    ]);
    const survey = byUri.get(`${ORIGIN}/catalog#survey-${surveyId}`)!;
    // The control character is gone, the rest of the sender's title kept as text (which the
    // harvester, reading text as possibly HTML, then cleans of its "tag").
    const rdfXml = await graphOf(text, "application/rdf+xml");
    const surveyTexts = [...rdfXml].filter((q) => q.subject.value === `${ORIGIN}/catalog#survey-${surveyId}`).map((q) => q.object.value);
    expect(surveyTexts).toContain("Enkätsvar: Personal & <lokaler> i kommunerna");
    expect(surveyTexts.some((value) => value.endsWith("Syfte: Statistik [[över]]> tid"))).toBe(true);
    expect(survey.title.sv).toBe("Enkätsvar: Personal & i kommunerna");
    expect(survey.modified).toBe("2026-11-20T10:00:00.000Z");
    expect(survey.distributions.map((d) => d.downloadUrl)).toContain(`${ORIGIN}/enkater/${surveyId}/resultat.csv`);
    const timeSaved = byUri.get(`${ORIGIN}/catalog#time-saved`)!;
    expect(timeSaved.distributions.map((d) => d.accessUrl)).toEqual([
      `${ORIGIN}/api/reports/time-saved`,
      `${ORIGIN}/api/reports/time-saved.csv`,
    ]);
  });

  it("Turtle and JSON-LD say the same as RDF/XML", async () => {
    const graphs = await Promise.all(FORMATS.map(async (format) => graphOf((await fetchCatalogue(format)).text, format.mediaType)));
    const canonical = graphs.map((graph) =>
      [...graph].map((q) => `${q.subject.value} ${q.predicate.value} ${q.object.termType} ${q.object.value}`).sort(),
    );
    expect(canonical[1]).toEqual(canonical[0]);
    expect(canonical[2]).toEqual(canonical[0]);
  });

  it("a configured licence and contact e-mail replace CC0 and the portal's address", async () => {
    process.env.OPEN_DATA_LICENCE = "http://publications.europa.eu/resource/authority/licence/CC_BY_4_0";
    process.env.OPEN_DATA_CONTACT_EMAIL = "oppnadata@vgregion.se";
    const parsed = await parseCatalogue((await fetchCatalogue(FORMATS[1])).text, { format: "turtle" });
    expect(new Set(parsed.datasets.map((d) => d.licence))).toEqual(
      new Set(["http://publications.europa.eu/resource/authority/licence/CC_BY_4_0"]),
    );
    expect(parsed.datasets[0].contactPoint?.email).toBe("oppnadata@vgregion.se");
  });

  it("/catalog sends each reader to the serialisation it accepts", async () => {
    const location = (accept: string) => {
      const { request, context, params } = pageRequest("/catalog");
      request.headers.set("Accept", accept);
      return catalogRoute.loader({ request, context, params }).headers.get("Location");
    };
    expect(location("application/rdf+xml")).toBe("/catalog.rdf");
    expect(location("text/turtle")).toBe("/catalog.ttl");
    expect(location("application/ld+json")).toBe("/catalog.jsonld");
    expect(location("text/html")).toBe("/catalog.rdf");
  });
});
