import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import path from "node:path";
import { Readable, Transform } from "node:stream";

/** A catalogue could not be fetched or read; the message is for the coordinator, in Swedish. */
export class CatalogueSourceError extends Error {
  constructor(readonly messageSv: string, options?: { cause?: unknown }) {
    super(messageSv, options);
    this.name = "CatalogueSourceError";
  }
}

export interface OpenedCatalogue {
  stream: Readable;
  /** A file name or content type, to tell RDF/XML from Turtle and JSON-LD. */
  sourceName: string;
  /** The size when known (files, HTTP with Content-Length), for progress reporting. */
  totalBytes: number | null;
}

export interface OpenOptions {
  timeoutMs?: number;
  maxBytes?: number;
  onBytes?: (bytesRead: number) => void;
}

export const DEFAULT_MAX_BYTES = 256 * 1024 * 1024;
export const DEFAULT_TIMEOUT_MS = 120_000;

export function isUrl(location: string) {
  return /^https?:\/\//i.test(location);
}

/**
 * Counts bytes as they pass, for progress, and stops a catalogue that grows past the limit
 * instead of letting it fill the memory of the server.
 */
function byteCounter(maxBytes: number, onBytes?: (bytesRead: number) => void) {
  let bytesRead = 0;
  return new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      bytesRead += chunk.length;
      if (bytesRead > maxBytes) {
        callback(
          new CatalogueSourceError(
            `Katalogen är större än gränsen på ${Math.round(maxBytes / 1024 / 1024)} MB och skördades inte.`,
          ),
        );
        return;
      }
      onBytes?.(bytesRead);
      callback(null, chunk);
    },
  });
}

/** Like `source.pipe(counter)`, but an error of the source (a dropped connection) reaches the reader. */
function counted(source: Readable, counter: Transform) {
  source.on("error", (error) => counter.destroy(error));
  return source.pipe(counter);
}

/** Opens a catalogue from an http(s) URL or a file path as a byte stream. */
export async function openCatalogue(location: string, options: OpenOptions = {}): Promise<OpenedCatalogue> {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  if (!isUrl(location)) {
    const size = await stat(location).then(
      (s) => s.size,
      () => {
        throw new CatalogueSourceError(`Filen ${location} finns inte eller kan inte läsas.`);
      },
    );
    if (size > maxBytes) {
      throw new CatalogueSourceError(
        `Katalogen är större än gränsen på ${Math.round(maxBytes / 1024 / 1024)} MB och skördades inte.`,
      );
    }
    const stream = counted(createReadStream(location), byteCounter(maxBytes, options.onBytes));
    return { stream, sourceName: path.basename(location), totalBytes: size };
  }

  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  let response: Response;
  try {
    response = await fetch(location, {
      signal: AbortSignal.timeout(timeoutMs),
      headers: { Accept: "application/rdf+xml, text/turtle;q=0.9, application/ld+json;q=0.8, */*;q=0.1" },
    });
  } catch (error) {
    const timedOut = error instanceof DOMException && error.name === "TimeoutError";
    throw new CatalogueSourceError(
      timedOut
        ? `Katalogen på ${location} svarade inte inom ${Math.round(timeoutMs / 1000)} sekunder.`
        : `Katalogen på ${location} kunde inte hämtas: ${error instanceof Error ? error.message : String(error)}.`,
      { cause: error },
    );
  }
  if (!response.ok || !response.body) {
    throw new CatalogueSourceError(`Katalogen på ${location} svarade med HTTP ${response.status}.`);
  }
  const length = Number(response.headers.get("content-length"));
  const stream = counted(
    Readable.fromWeb(response.body as import("node:stream/web").ReadableStream),
    byteCounter(maxBytes, options.onBytes),
  );
  const contentType = response.headers.get("content-type")?.split(";")[0].trim();
  return {
    stream,
    sourceName: contentType && contentType !== "application/octet-stream" && contentType !== "text/plain" ? contentType : path.basename(new URL(location).pathname),
    totalBytes: Number.isFinite(length) && length > 0 ? length : null,
  };
}
