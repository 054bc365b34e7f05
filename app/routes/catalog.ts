import type { LoaderFunctionArgs } from "@remix-run/node";

/**
 * `/catalog`, the catalogue's own IRI and the base of its datasets' (`/catalog#requests`): a harvester
 * or a person following it is sent to the serialisation it accepts, RDF/XML unless it prefers
 * Turtle or JSON-LD (ADR 039).
 */
export function loader({ request }: LoaderFunctionArgs) {
  const accept = request.headers.get("Accept") ?? "";
  const extension = /text\/turtle/.test(accept) ? "ttl" : /application\/(ld\+)?json/.test(accept) ? "jsonld" : "rdf";
  return new Response(null, { status: 303, headers: { Location: `/catalog.${extension}`, Vary: "Accept" } });
}
