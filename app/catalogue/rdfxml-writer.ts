import type { Quad } from "n3";

/**
 * RDF/XML for a graph whose subjects are all IRIs (ADR 039: no npm package writes RDF/XML and is
 * kept up; the portal's catalogue has no blank nodes, so the striped syntax needs only typed node
 * elements and property elements). One node element per subject, typed by its first rdf:type as
 * harvesters expect (`<dcat:Dataset rdf:about="…">`); IRIs as rdf:resource, literals with
 * xml:lang or rdf:datatype. The portal's own harvester reads it back in a test.
 */

const RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
const XSD_STRING = "http://www.w3.org/2001/XMLSchema#string";
const LANG_STRING = `${RDF}langString`;

// XML 1.0 allows no control characters other than tab, line feed and carriage return.
// eslint-disable-next-line no-control-regex
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

function escapeText(text: string) {
  return text.replace(NOT_XML, "").replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

function escapeAttribute(text: string) {
  return escapeText(text).replace(/"/g, "&quot;").replace(/\n/g, "&#10;").replace(/\r/g, "&#13;").replace(/\t/g, "&#9;");
}

/** `prefix:local` for an IRI in one of the namespaces; a local name must be an XML name. */
function qname(iri: string, prefixes: Record<string, string>) {
  for (const [prefix, namespace] of Object.entries(prefixes)) {
    if (iri.startsWith(namespace)) {
      const local = iri.slice(namespace.length);
      if (/^[A-Za-z_][A-Za-z0-9_.-]*$/.test(local)) return `${prefix}:${local}`;
    }
  }
  throw new Error(`RDF/XML: no prefix for ${iri}`);
}

export function writeRdfXml(quads: Iterable<Quad>, prefixes: Record<string, string>): string {
  const namespaces = { rdf: RDF, ...prefixes };
  const bySubject = new Map<string, Quad[]>();
  for (const quad of quads) {
    if (quad.subject.termType !== "NamedNode") throw new Error("RDF/XML: only IRI subjects are written");
    const list = bySubject.get(quad.subject.value) ?? [];
    list.push(quad);
    bySubject.set(quad.subject.value, list);
  }
  const lines = [
    '<?xml version="1.0" encoding="utf-8"?>',
    `<rdf:RDF ${Object.entries(namespaces)
      .map(([prefix, namespace]) => `xmlns:${prefix}="${escapeAttribute(namespace)}"`)
      .join(" ")}>`,
  ];
  for (const [subject, list] of bySubject) {
    const typeQuad = list.find((quad) => quad.predicate.value === `${RDF}type` && quad.object.termType === "NamedNode");
    const element = typeQuad ? qname(typeQuad.object.value, namespaces) : "rdf:Description";
    const properties = list.filter((quad) => quad !== typeQuad);
    if (properties.length === 0) {
      lines.push(`  <${element} rdf:about="${escapeAttribute(subject)}"/>`);
      continue;
    }
    lines.push(`  <${element} rdf:about="${escapeAttribute(subject)}">`);
    for (const quad of properties) {
      const property = qname(quad.predicate.value, namespaces);
      const object = quad.object;
      if (object.termType === "NamedNode") {
        lines.push(`    <${property} rdf:resource="${escapeAttribute(object.value)}"/>`);
      } else if (object.termType === "Literal") {
        const language = object.language ? ` xml:lang="${escapeAttribute(object.language)}"` : "";
        const datatype = object.datatype.value;
        const typed =
          !object.language && datatype !== XSD_STRING && datatype !== LANG_STRING ? ` rdf:datatype="${escapeAttribute(datatype)}"` : "";
        lines.push(`    <${property}${language}${typed}>${escapeText(object.value)}</${property}>`);
      } else {
        throw new Error(`RDF/XML: a ${object.termType} object is not written`);
      }
    }
    lines.push(`  </${element}>`);
  }
  lines.push("</rdf:RDF>", "");
  return lines.join("\n");
}
