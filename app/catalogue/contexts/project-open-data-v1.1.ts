/**
 * The JSON-LD context of DCAT-US 1.1, the Project Open Data metadata schema: the `@context` of
 * every `data.json` that ArcGIS Hub, Socrata and DKAN publish. Term for term as published at
 * https://project-open-data.cio.gov/v1.1/schema/catalog.jsonld (see SOURCES.md in this folder).
 * Note what it says: untyped terms fall to the DCAT namespace (`@vocab`), so `dataset`,
 * `distribution`, `keyword`, `theme`, `landingPage`, `mediaType` and `contactPoint` are DCAT
 * properties; `license`, `landingPage` and `hasEmail` are plain strings, not IRIs; and a
 * publisher's `name` is `skos:prefLabel`.
 */
export const PROJECT_OPEN_DATA_V1_1_CONTEXT = {
  "@context": {
    "@vocab": "http://www.w3.org/ns/dcat#",
    dcat: "http://www.w3.org/ns/dcat#",
    dc: "http://purl.org/dc/terms/",
    foaf: "http://xmlns.com/foaf/0.1/",
    org: "http://www.w3.org/ns/org#",
    pod: "https://project-open-data.cio.gov/v1.1/schema#",
    skos: "http://www.w3.org/2004/02/skos/core#",
    vcard: "http://www.w3.org/2006/vcard/ns#",

    title: "dc:title",
    description: "dc:description",
    identifier: "dc:identifier",
    publisher: "dc:publisher",
    license: "dc:license",
    rights: "dc:rights",
    language: "dc:language",
    spatial: "dc:spatial",
    temporal: "dc:temporal",
    format: "dc:format",
    accrualPeriodicity: "dc:accrualPeriodicity",
    issued: { "@id": "dc:issued", "@type": "http://www.w3.org/2001/XMLSchema#date" },
    modified: { "@id": "dc:modified", "@type": "http://www.w3.org/2001/XMLSchema#date" },
    conformsTo: { "@id": "dc:conformsTo", "@type": "@id" },
    describedBy: { "@id": "http://www.w3.org/2007/05/powder#describedby", "@type": "@id" },

    accessURL: { "@id": "dcat:accessURL", "@type": "@id" },
    downloadURL: { "@id": "dcat:downloadURL", "@type": "@id" },

    homepage: "foaf:homepage",
    fn: "vcard:fn",
    hasEmail: "vcard:hasEmail",
    name: "skos:prefLabel",
    subOrganizationOf: "org:subOrganizationOf",

    accessLevel: "pod:accessLevel",
    bureauCode: "pod:bureauCode",
    programCode: "pod:programCode",
    dataQuality: "pod:dataQuality",
    describedByType: "pod:describedByType",
    primaryITInvestmentUII: "pod:primaryITInvestmentUII",
  },
};
