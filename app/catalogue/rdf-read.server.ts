import { Readable, Writable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { StringDecoder } from "node:string_decoder";
import jsonld from "jsonld";
import { StreamParser } from "n3";
import { RdfXmlParser } from "rdfxml-streaming-parser";
import { PROJECT_OPEN_DATA_CONTEXT_URL } from "./contexts";
import { harvestMessage, type HarvestMessage } from "./harvest-message";
import { bundledContextLoader, UnknownContextError } from "./jsonld-context-loader.server";

export type CatalogueFormat = "rdfxml" | "turtle" | "jsonld";
export type CatalogueInput = string | Buffer | NodeJS.ReadableStream;

/** The part of an RDF/JS term the mapping reads; n3, rdfxml-streaming-parser and jsonld all give it. */
export interface RdfTerm {
  termType: string;
  value: string;
  language?: string;
}

export interface RdfQuad {
  subject: RdfTerm;
  predicate: RdfTerm;
  object: RdfTerm;
}

/**
 * Relative IRIs are resolved against this when the caller gives no base, so that every parser
 * accepts them (rdfxml-streaming-parser refuses a relative IRI without a base) and the mapping can
 * recognise and drop them. `.invalid` is reserved: it never names a real resource.
 */
export const UNRESOLVED_IRI_BASE = "https://unresolved.invalid/";

/**
 * A whole catalogue file could not be read; no dataset in it can be trusted. `reason` is the
 * parser's own (English) words; the Swedish message carries them too unless a Swedish reason is known.
 */
export class CatalogueParseError extends Error {
  readonly format: CatalogueFormat;
  readonly reason: string;
  readonly line: number | null;
  readonly column: number | null;
  readonly messageSv: string;
  /** What the run stores: a key and its parameters, the reason in both the parser's words and Swedish. */
  readonly harvestMessage: HarvestMessage;

  constructor(problem: { format: CatalogueFormat; reason: string; reasonSv?: string; line?: number | null; column?: number | null }) {
    const { format, line = null, column = null } = problem;
    // Parsers quote the offending input, which may hold NUL (PostgreSQL refuses it in text) or megabytes.
    const reason = printable(problem.reason);
    const reasonSv = problem.reasonSv === undefined ? reason : printable(problem.reasonSv);
    const formatName = FORMAT_NAMES[format];
    const position = line === null ? "" : column === null ? ` at line ${line}` : ` at line ${line}, column ${column}`;
    const positionSv = line === null ? "" : column === null ? ` på rad ${line}` : ` på rad ${line}, kolumn ${column}`;
    super(`Could not parse the catalogue as ${formatName}${position}: ${reason}`);
    this.name = "CatalogueParseError";
    this.format = format;
    this.reason = reason;
    this.line = line;
    this.column = column;
    this.messageSv = `Katalogen kunde inte läsas som ${formatName}${positionSv}: ${reasonSv}`;
    this.harvestMessage =
      line === null
        ? harvestMessage("harvest.error.parse", { format: formatName, reason, reasonSv })
        : column === null
          ? harvestMessage("harvest.error.parseAtLine", { format: formatName, line, reason, reasonSv })
          : harvestMessage("harvest.error.parseAtLineColumn", { format: formatName, line, column, reason, reasonSv });
  }
}

/** Control characters shown as U+FFFD, and at most 300 characters: an error message is read by people. */
function printable(text: string): string {
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  const visible = text.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g, "\uFFFD");
  return visible.length > 300 ? `${visible.slice(0, 300)}…` : visible;
}

const FORMAT_NAMES: Record<CatalogueFormat, string> = { rdfxml: "RDF/XML", turtle: "Turtle", jsonld: "JSON-LD" };

const FORMAT_BY_EXTENSION: Record<string, CatalogueFormat> = {
  rdf: "rdfxml",
  xml: "rdfxml",
  owl: "rdfxml",
  ttl: "turtle",
  n3: "turtle",
  nt: "turtle",
  jsonld: "jsonld",
  json: "jsonld",
};

const FORMAT_BY_CONTENT_TYPE: Record<string, CatalogueFormat> = {
  "application/rdf+xml": "rdfxml",
  "application/xml": "rdfxml",
  "text/xml": "rdfxml",
  "text/turtle": "turtle",
  "application/x-turtle": "turtle",
  "application/n-triples": "turtle",
  "text/n3": "turtle",
  "application/ld+json": "jsonld",
  "application/json": "jsonld",
};

/**
 * A file name or content type decides the format when it names one; otherwise the first characters
 * do, because catalogue endpoints often answer with `text/plain` or `application/octet-stream`.
 */
export function detectFormat(content: string | Buffer, filenameOrContentType?: string): CatalogueFormat {
  return formatFromName(filenameOrContentType) ?? sniffFormat(content);
}

function formatFromName(filenameOrContentType: string | undefined): CatalogueFormat | null {
  if (!filenameOrContentType) return null;
  const name = filenameOrContentType.trim().toLowerCase();
  const contentType = name.split(";")[0].trim();
  if (contentType in FORMAT_BY_CONTENT_TYPE) return FORMAT_BY_CONTENT_TYPE[contentType];
  const extension = /\.([a-z0-9]+)$/.exec(name.split(/[?#]/)[0])?.[1];
  return extension && extension in FORMAT_BY_EXTENSION ? FORMAT_BY_EXTENSION[extension] : null;
}

function sniffFormat(content: string | Buffer): CatalogueFormat {
  const head = (typeof content === "string" ? content.slice(0, 1024) : content.subarray(0, 1024).toString("utf8"))
    .replace(/^\uFEFF/, "")
    .trimStart();
  if (head.startsWith("<?xml") || /^(<!--[\s\S]*?-->\s*)*<(rdf:RDF|!DOCTYPE rdf:RDF)/.test(head)) return "rdfxml";
  if (head.startsWith("{") || head.startsWith("[")) return "jsonld";
  return "turtle";
}

/** What the reader repaired or left out without failing the catalogue, for the harvest run's errors. */
export interface ReadReport {
  /** One message per kind of problem, each with a count and the first examples (as catalogue keys). */
  warnings: HarvestMessage[];
}

/**
 * An IRI longer than this is dropped with its triple: no real catalogue needs one, and a dataset
 * page must never serve megabytes.
 */
export const MAX_IRI_LENGTH = 4_096;

/**
 * Streams every triple of the catalogue to `onQuad`. RDF/XML and Turtle are parsed as the bytes
 * arrive, so a large file never sits in memory as text; JSON-LD is read whole, since a JSON-LD
 * processor needs the complete document. A triple with an IRI that is not one (GeoNetwork writes
 * spaces into them) is left out and counted, and NUL characters are taken out of literals, since
 * one bad value must not sink a whole catalogue; both are reported in the returned warnings.
 */
export async function readQuads(
  input: CatalogueInput,
  options: { format?: CatalogueFormat; baseIri?: string; sourceName?: string },
  onQuad: (quad: RdfQuad) => void,
): Promise<ReadReport> {
  const repairs = new QuadRepairs();
  try {
    const first = await firstContent(decodedChunks(input));
    if (first === null) return { warnings: [] };
    const format = options.format ?? detectFormat(first.head, options.sourceName);
    refuseMostlyNul(first.head, format);
    const baseIri = options.baseIri ?? UNRESOLVED_IRI_BASE;
    const repaired = (quad: RdfQuad) => {
      const kept = repairs.repair(quad);
      if (kept) onQuad(kept);
    };
    if (format === "jsonld") await readJsonLd(await collect(first.chunks), baseIri, repaired);
    else await readStreamed(Readable.from(first.chunks), format, baseIri, repaired);
  } catch (error) {
    throw error instanceof SourceStreamError ? error.sourceError : error;
  }
  return { warnings: repairs.warnings() };
}

/**
 * A file of NUL bytes (a disk or transfer fault) is no catalogue; saying so beats quoting the
 * parser, which would try to show the NULs.
 */
function refuseMostlyNul(head: string, format: CatalogueFormat): void {
  const sample = head.slice(0, 1024);
  const nul = sample.split("\u0000").length - 1;
  if (nul > 0 && nul >= sample.length / 4) {
    throw new CatalogueParseError({
      format,
      reason: "the file consists mostly of NUL bytes (0x00); it is damaged or not a catalogue",
      reasonSv: "filen består mest av NUL-tecken (0x00); den är skadad eller ingen katalog",
    });
  }
}

/** A scheme, then no character that the RDF syntaxes forbid in an IRI (what validate-iri calls pragmatic). */
// eslint-disable-next-line no-control-regex -- an IRI may hold no control character or space (U+0000-U+0020)
const VALID_IRI = /^[A-Za-z][A-Za-z0-9+.-]*:[^\u0000-\u0020<>"{}|\\^`]*$/;
const EXAMPLES_KEPT = 3;

class QuadRepairs {
  private invalidIris = 0;
  private readonly invalidExamples: string[] = [];
  private nulLiterals = 0;

  /** A catalogue uses a few hundred predicates a million times: each is checked once. */
  private readonly validPredicates = new Set<string>();

  repair(quad: RdfQuad): RdfQuad | null {
    const predicateKnown = this.validPredicates.has(quad.predicate.value);
    if (!this.validIri(quad.subject) || (!predicateKnown && !this.validIri(quad.predicate)) || !this.validIri(quad.object)) {
      return null;
    }
    if (!predicateKnown && this.validPredicates.size < 10_000) this.validPredicates.add(quad.predicate.value);
    if (!hasNul(quad.subject) && !hasNul(quad.object)) return quad;
    // Blank-node labels and language tags end up in the database too (run errors, language keys).
    this.nulLiterals += 1;
    return { subject: withoutNul(quad.subject), predicate: quad.predicate, object: withoutNul(quad.object) };
  }

  private validIri(term: RdfTerm): boolean {
    if (term.termType !== "NamedNode" || (term.value.length <= MAX_IRI_LENGTH && VALID_IRI.test(term.value))) return true;
    this.invalidIris += 1;
    if (this.invalidExamples.length < EXAMPLES_KEPT) this.invalidExamples.push(shortened(term.value));
    return false;
  }

  warnings(): HarvestMessage[] {
    const warnings: HarvestMessage[] = [];
    if (this.invalidIris > 0) {
      const examples = this.invalidExamples.map((iri) => `"${iri}"`).join(", ");
      const key = this.invalidIris === 1 ? "harvest.warning.invalidIri.one" : "harvest.warning.invalidIri.other";
      warnings.push(harvestMessage(key, { count: this.invalidIris, examples }));
    }
    if (this.nulLiterals > 0) {
      const key = this.nulLiterals === 1 ? "harvest.warning.nulLiterals.one" : "harvest.warning.nulLiterals.other";
      warnings.push(harvestMessage(key, { count: this.nulLiterals }));
    }
    return warnings;
  }
}

function hasNul(term: RdfTerm): boolean {
  return term.value.includes("\u0000") || (term.language?.includes("\u0000") ?? false);
}

function withoutNul(term: RdfTerm): RdfTerm {
  if (!hasNul(term)) return term;
  const value = term.value.replaceAll("\u0000", "");
  const language = term.language?.replaceAll("\u0000", "");
  return language ? { termType: term.termType, value, language } : { termType: term.termType, value };
}

function shortened(iri: string): string {
  // eslint-disable-next-line no-control-regex -- control characters in an IRI are shown, not printed raw
  const visible = iri.replace(/[\u0000-\u001F]/g, "\uFFFD");
  return visible.length > 120 ? `${visible.slice(0, 120)}…` : visible;
}

/**
 * Text in pieces of at most CHUNK_SIZE: a parser handed one 100 MB chunk would emit every triple of
 * it before the consumer could take the first, holding them all in memory at once.
 */
const CHUNK_SIZE = 1 << 16;

async function* decodedChunks(input: CatalogueInput): AsyncGenerator<string> {
  if (typeof input === "string") {
    yield* stringSlices(input.replace(/^\uFEFF/, ""));
    return;
  }
  // A byte chunk can end inside a multi-byte UTF-8 character: the decoder carries it to the next.
  const decoder = new StringDecoder("utf8");
  let atStart = true;
  for await (const chunk of byteChunks(input)) {
    let text = typeof chunk === "string" ? chunk : decoder.write(chunk);
    if (atStart && text.length > 0) {
      text = text.replace(/^\uFEFF/, "");
      atStart = false;
    }
    yield* stringSlices(text);
  }
  yield* stringSlices(decoder.end());
}

/** An error of the input stream itself (timeout, dropped connection, size limit), not of the syntax. */
class SourceStreamError extends Error {
  constructor(readonly sourceError: unknown) {
    super("the catalogue stream failed", { cause: sourceError });
  }
}

async function* byteChunks(input: Buffer | NodeJS.ReadableStream): AsyncGenerator<Buffer | string> {
  if (!Buffer.isBuffer(input)) {
    try {
      yield* input as AsyncIterable<Buffer | string>;
    } catch (error) {
      throw new SourceStreamError(error);
    }
    return;
  }
  for (let start = 0; start < input.length; start += CHUNK_SIZE) yield input.subarray(start, start + CHUNK_SIZE);
}

function* stringSlices(text: string): Generator<string> {
  let start = 0;
  while (start < text.length) {
    let end = Math.min(start + CHUNK_SIZE, text.length);
    // Never separate the two halves of a surrogate pair: each half alone would become U+FFFD.
    if (end < text.length && isHighSurrogate(text.charCodeAt(end - 1))) end -= 1;
    yield text.slice(start, end);
    start = end;
  }
}

function isHighSurrogate(charCode: number): boolean {
  return charCode >= 0xd800 && charCode <= 0xdbff;
}

/** Reads up to the first non-blank character, so an empty file is known before any parser sees it. */
async function firstContent(chunks: AsyncGenerator<string>): Promise<{ head: string; chunks: AsyncIterable<string> } | null> {
  const seen: string[] = [];
  // next() rather than for-await: leaving a for-await loop early would close the generator.
  for (let next = await chunks.next(); !next.done; next = await chunks.next()) {
    seen.push(next.value);
    if (/\S/.test(next.value)) {
      const head = seen.join("");
      return { head, chunks: replay(head, chunks) };
    }
  }
  return null;
}

async function* replay(head: string, rest: AsyncGenerator<string>): AsyncGenerator<string> {
  yield head;
  yield* rest;
}

async function collect(chunks: AsyncIterable<string>): Promise<string> {
  const parts: string[] = [];
  for await (const chunk of chunks) parts.push(chunk);
  return parts.join("");
}

async function readStreamed(text: Readable, format: "rdfxml" | "turtle", baseIri: string, onQuad: (quad: RdfQuad) => void): Promise<void> {
  const parser =
    format === "rdfxml"
      ? // IRIs are checked triple by triple in readQuads: the parser's own check fails the whole file.
        new WellFormedRdfXmlParser({ baseIRI: baseIri, trackPosition: true, validateUri: false })
      : new StreamParser({ baseIRI: baseIri });
  const sink = new Writable({
    objectMode: true,
    write(quad: RdfQuad, _encoding, done) {
      onQuad(quad);
      done();
    },
  });
  try {
    await pipeline(text, parser as unknown as NodeJS.ReadWriteStream, sink);
  } catch (error) {
    // A failing source is not a syntax error: readQuads passes its own error on.
    if (error instanceof SourceStreamError) throw error;
    throw format === "rdfxml" ? rdfXmlError(error) : turtleError(error);
  }
}

/**
 * rdfxml-streaming-parser never tells its XML parser that the input ended, so a file cut off after
 * any complete element parsed as a smaller, valid catalogue (and a harvest then removed the rest).
 * Closing the XML parser at the end of the input makes saxes check that every element was closed.
 *
 * It also refuses entity declarations: DCAT-AP-SE needs none, and the parser would expand them
 * without limit (a 300 KB file became a 250 MB title).
 */
class WellFormedRdfXmlParser extends RdfXmlParser {
  override _flush(callback: (error?: Error | null) => void): void {
    const problems: Error[] = [];
    const xml = (this as unknown as { saxParser: XmlParser }).saxParser;
    // The parser's own handler re-emits XML errors on the stream; here the first one is enough.
    xml.on("error", (error: Error) => problems.push(error));
    try {
      xml.close();
    } catch (error) {
      problems.push(error as Error);
    }
    callback(problems.length > 0 ? truncatedXmlError(problems[0]) : null);
  }

  override onDoctype(doctype: string): void {
    if (/<!ENTITY/i.test(doctype)) {
      throw new CatalogueParseError({
        format: "rdfxml",
        reason: "the document declares entities (<!ENTITY> in its DOCTYPE), which catalogues never need and are refused",
        reasonSv: "dokumentet deklarerar entiteter (<!ENTITY> i DOCTYPE), som kataloger aldrig behöver och som inte tas emot",
      });
    }
    super.onDoctype(doctype);
  }
}

/** The part of saxes, the XML parser inside rdfxml-streaming-parser, that `_flush` uses. */
interface XmlParser {
  on(event: "error", handler: (error: Error) => void): void;
  close(): void;
}

function truncatedXmlError(error: Error): CatalogueParseError {
  const parsed = rdfXmlError(error);
  const unclosed = /unclosed tag: (\S+)/.exec(parsed.reason)?.[1];
  const endOfInput = unclosed !== undefined || /unexpected end|root element/.test(parsed.reason);
  if (!endOfInput) return parsed;
  return new CatalogueParseError({
    format: "rdfxml",
    reason: `the document ends before it is complete${unclosed ? ` (${unclosed} is never closed)` : ""}; the file is probably cut off`,
    reasonSv: `dokumentet tar slut innan det är komplett${unclosed ? ` (${unclosed} avslutas aldrig)` : ""}; filen är troligen avkapad eller ofullständigt överförd`,
    line: parsed.line,
    column: parsed.column,
  });
}

function rdfXmlError(error: unknown): CatalogueParseError {
  if (error instanceof CatalogueParseError) return error;
  const message = errorMessage(error);
  // saxes reports "line:column: reason"; the parser's own errors "Line l column c: reason".
  const position = /^(\d+):(\d+): ([\s\S]*)$/.exec(message) ?? /^Line (\d+) column (\d+): ([\s\S]*)$/.exec(message);
  if (!position) return new CatalogueParseError({ format: "rdfxml", reason: message });
  const [, line, column, reason] = position;
  return new CatalogueParseError({ format: "rdfxml", reason, line: Number(line), column: Number(column) });
}

function turtleError(error: unknown): CatalogueParseError {
  const line = (error as { context?: { line?: number } }).context?.line;
  const reason = errorMessage(error).replace(/ on line \d+\.?$/, "");
  return new CatalogueParseError({ format: "turtle", reason, line: typeof line === "number" ? line : null });
}

async function readJsonLd(text: string, baseIri: string, onQuad: (quad: RdfQuad) => void): Promise<void> {
  let document: object;
  try {
    document = JSON.parse(text) as object;
  } catch (error) {
    const offset = jsonErrorOffset(text);
    const { line, column } = positionOf(text, offset);
    // The whole text is a valid beginning: the document was cut off (a dropped connection).
    const truncated = offset >= text.trimEnd().length;
    throw new CatalogueParseError({
      format: "jsonld",
      reason: errorMessage(error),
      reasonSv: truncated ? "dokumentet tar slut innan det är komplett; filen är troligen avkapad eller ofullständigt överförd" : undefined,
      line,
      column,
    });
  }
  document = withProjectOpenDataContext(document);
  let quads: RdfQuad[];
  try {
    quads = (await jsonld.toRDF(document as jsonld.JsonLdDocument, {
      base: baseIri,
      // @types/jsonld still describes the callback loaders of jsonld 1; jsonld 9 awaits a promise.
      documentLoader: bundledContextLoader as unknown as jsonld.Options.ToRdf["documentLoader"],
    })) as unknown as RdfQuad[];
  } catch (error) {
    throw jsonLdError(error);
  }
  for (const quad of quads) onQuad(quad);
}

/**
 * Some `data.json` feeds leave out `@context` but say in `conformsTo` that they follow DCAT-US 1.1:
 * they get its (bundled) context, without which not one triple would come out of them.
 */
function withProjectOpenDataContext(document: object): object {
  if (Array.isArray(document)) return document;
  const record = document as Record<string, unknown>;
  const conformsTo = record.conformsTo;
  if ("@context" in record || typeof conformsTo !== "string") return document;
  if (!/^https?:\/\/project-open-data\.cio\.gov\/v1\.1\/schema\/?$/.test(conformsTo)) return document;
  return { "@context": PROJECT_OPEN_DATA_CONTEXT_URL, ...record };
}

/**
 * The offset of the first character that cannot continue a JSON document. Node 20's JSON.parse
 * does not always say where it failed, so this finds the longest prefix that is still a valid
 * beginning of a document (JSON.parse fails only at its very end): the failing character follows.
 */
function jsonErrorOffset(text: string): number {
  let valid = 0;
  // The whole text may itself be a valid beginning (a truncated file): then the end is what fails.
  let invalid = text.length + 1;
  while (invalid - valid > 1) {
    const middle = Math.floor((valid + invalid) / 2);
    if (isValidJsonPrefix(text.slice(0, middle))) valid = middle;
    else invalid = middle;
  }
  return valid;
}

function isValidJsonPrefix(prefix: string): boolean {
  try {
    JSON.parse(prefix);
    return true;
  } catch (error) {
    const message = errorMessage(error);
    const position = /at position (\d+)/.exec(message);
    return /end of JSON input/.test(message) || (position !== null && Number(position[1]) >= prefix.length);
  }
}

function positionOf(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const line = before.split("\n").length;
  return { line, column: offset - before.lastIndexOf("\n") };
}

function jsonLdError(error: unknown): CatalogueParseError {
  const details = (error as { details?: { code?: string; cause?: unknown } }).details;
  // jsonld wraps a failed context load in a message about CORS and redirects; the loader's own says it better.
  if (details?.cause instanceof UnknownContextError) {
    return new CatalogueParseError({
      format: "jsonld",
      reason: details.cause.message,
      reasonSv: details.cause.messageSv,
    });
  }
  const code = details?.code ? ` (${details.code})` : "";
  return new CatalogueParseError({ format: "jsonld", reason: `${errorMessage(error)}${code}` });
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
