import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import path from "node:path";
import { Readable, Transform } from "node:stream";
import { config, DEFAULT_CATALOGUE_MAX_BYTES, loadConfig } from "../../db/config.server";
import { fetchCheckedUrl, neutralFetchMessage, type PinnedResponse } from "./address-guard.server";
import { harvestMessage, renderHarvestMessage, type HarvestMessage } from "./harvest-message";

/** A catalogue could not be fetched or read; the message is for the coordinator, kept as a key (issue 8). */
export class CatalogueSourceError extends Error {
  constructor(
    readonly harvestMessage: HarvestMessage,
    options?: { cause?: unknown },
  ) {
    super(renderHarvestMessage("sv", harvestMessage), options);
    this.name = "CatalogueSourceError";
  }

  /** The message in Swedish, as the command line prints it. */
  get messageSv() {
    return renderHarvestMessage("sv", this.harvestMessage);
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

export const DEFAULT_MAX_BYTES = DEFAULT_CATALOGUE_MAX_BYTES;

/**
 * The largest catalogue file harvested: `CATALOGUE_MAX_MB` (megabytes, README) or 256 MB, from the
 * settings module, which refuses to start with a value that is not a positive number rather than
 * harvesting without the limit the operator meant to set. `env` checks a given environment instead.
 */
export function catalogueMaxBytes(env?: Record<string, string | undefined>): number {
  return (env ? loadConfig(env) : config()).catalogueMaxBytes;
}

/** "256 MB", "1,5 MB", "900 kB": a limit below a megabyte must not read "0 MB". */
function sizeText(bytes: number): string {
  if (bytes < 1024 * 1024) return `${Math.max(1, Math.round(bytes / 1024))} kB`;
  return `${(Math.round((bytes / 1024 / 1024) * 10) / 10).toString().replace(".", ",")} MB`;
}
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
        callback(new CatalogueSourceError(harvestMessage("harvest.error.tooLarge", { size: sizeText(maxBytes) })));
        return;
      }
      onBytes?.(bytesRead);
      callback(null, chunk);
    },
  });
}

/** Like `source.pipe(counter)`, but an error of the source (a dropped connection) reaches the reader. */
function counted(source: Readable, counter: Transform, explain: (error: Error) => Error = (error) => error) {
  source.on("error", (error) => counter.destroy(explain(error)));
  return source.pipe(counter);
}

/** Opens a catalogue from an http(s) URL or a file path as a byte stream. */
export async function openCatalogue(location: string, options: OpenOptions = {}): Promise<OpenedCatalogue> {
  const maxBytes = options.maxBytes ?? catalogueMaxBytes();
  if (!isUrl(location)) {
    const size = await stat(location).then(
      (s) => s.size,
      () => {
        throw new CatalogueSourceError(harvestMessage("harvest.error.fileMissing", { location }));
      },
    );
    if (size > maxBytes) {
      throw new CatalogueSourceError(harvestMessage("harvest.error.tooLarge", { size: sizeText(maxBytes) }));
    }
    const stream = counted(createReadStream(location), byteCounter(maxBytes, options.onBytes));
    return { stream, sourceName: path.basename(location), totalBytes: size };
  }

  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const signal = AbortSignal.timeout(timeoutMs);
  let fetched: PinnedResponse;
  try {
    fetched = await fetchCheckedUrl(location, {
      signal,
      headers: { Accept: "application/rdf+xml, text/turtle;q=0.9, application/ld+json;q=0.8, */*;q=0.1" },
    });
  } catch (error) {
    // One text for refusals, unknown names, closed ports and timeouts alike (SSRF, ADR 009);
    // the cause stays in the log.
    throw new CatalogueSourceError(neutralFetchMessage(location), { cause: error });
  }
  const response = fetched.response;
  const status = response.statusCode ?? 0;
  if (status < 200 || status >= 300) {
    response.resume();
    throw new CatalogueSourceError(harvestMessage("harvest.error.httpStatus", { location, status }));
  }
  const length = Number(response.headers["content-length"]);
  // The address was checked and answered, so a stall mid-body may be told as what it is.
  const stream = counted(response, byteCounter(maxBytes, options.onBytes), (error) =>
    signal.aborted
      ? new CatalogueSourceError(harvestMessage("harvest.error.timeout", { location, count: Math.round(timeoutMs / 1000) }), {
          cause: error,
        })
      : error,
  );
  const contentType = response.headers["content-type"]?.split(";")[0].trim();
  return {
    stream,
    sourceName:
      contentType && contentType !== "application/octet-stream" && contentType !== "text/plain"
        ? contentType
        : path.basename(fetched.url.pathname),
    totalBytes: Number.isFinite(length) && length > 0 ? length : null,
  };
}
