/**
 * JSON-LD contexts the harvester may resolve, keyed by the URL a catalogue names in `@context`.
 * The harvester never fetches a context over the network (the portal may run without one, and a
 * remote context could change what a catalogue means), so a catalogue whose context is not listed
 * here fails with an error naming the URL.
 *
 * The fixture catalogues carry their contexts inline, so none is bundled yet. To add one: save the
 * official file as `<name>.json` in this folder (with its source and licence in the commit), import
 * it here and list it under every URL it is published at.
 */
export const BUNDLED_CONTEXTS: ReadonlyMap<string, object> = new Map<string, object>();
