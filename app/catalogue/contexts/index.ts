/**
 * JSON-LD contexts the harvester may resolve, keyed by the URL a catalogue names in `@context`.
 * The harvester never fetches a context over the network (the portal may run without one, and a
 * remote context could change what a catalogue means), so a catalogue whose context is not listed
 * here fails with an error naming the URL.
 *
 * To add one: write the official file's terms into `<name>.ts` in this folder (with its source and
 * licence in SOURCES.md), import it here and list it under every URL it is published at.
 */
import { PROJECT_OPEN_DATA_V1_1_CONTEXT } from "./project-open-data-v1.1";

/** DCAT-US 1.1 (`data.json` of ArcGIS Hub, Socrata, DKAN). */
export const PROJECT_OPEN_DATA_CONTEXT_URL = "https://project-open-data.cio.gov/v1.1/schema/catalog.jsonld";

export const BUNDLED_CONTEXTS: ReadonlyMap<string, object> = new Map<string, object>([
  [PROJECT_OPEN_DATA_CONTEXT_URL, PROJECT_OPEN_DATA_V1_1_CONTEXT],
  ["http://project-open-data.cio.gov/v1.1/schema/catalog.jsonld", PROJECT_OPEN_DATA_V1_1_CONTEXT],
]);
