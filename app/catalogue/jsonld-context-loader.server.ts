import { BUNDLED_CONTEXTS } from "./contexts";

export interface RemoteContextDocument {
  contextUrl: null;
  documentUrl: string;
  document: object;
}

export class UnknownContextError extends Error {
  readonly messageSv: string;

  constructor(readonly url: string) {
    super(`the JSON-LD context ${url} is not bundled with the harvester, and contexts are never fetched from the network`);
    this.name = "UnknownContextError";
    this.messageSv = `JSON-LD-kontexten ${url} följer inte med skördaren, och kontexter hämtas aldrig från nätet`;
  }
}

/** A jsonld `documentLoader` that answers from the given contexts only, never from the network. */
export function createContextLoader(contexts: ReadonlyMap<string, object>) {
  return async function loadBundledContext(url: string): Promise<RemoteContextDocument> {
    const document = contexts.get(url);
    if (!document) throw new UnknownContextError(url);
    return { contextUrl: null, documentUrl: url, document };
  };
}

export const bundledContextLoader = createContextLoader(BUNDLED_CONTEXTS);
