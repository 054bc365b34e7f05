import { Feed } from "feed";

/**
 * Atom 1.0 (RFC 4287) through the `feed` library (ADR 038). The library writes an entry's title
 * and summary as `type="html"`, so our plain text is escaped to HTML first: a request titled "<b>"
 * must reach a feed reader as those three characters. The feed's own title, names and ids are
 * plain text that its XML writer escapes.
 */

export interface AtomEntry {
  /** A stable IRI: `urn:uuid:<row id>`, so an entry keeps its identity if the portal moves. */
  id: string;
  title: string;
  /** The page the entry is about. */
  link: string;
  updated: Date;
  published?: Date;
  /** Plain text; blank lines part paragraphs. */
  summary?: string;
  categories?: string[];
  author?: string;
}

export interface AtomFeed {
  /** The feed's own address, with its filter: its id and its rel="self" link. */
  self: string;
  /** The page the feed mirrors (rel="alternate"). */
  alternate: string;
  title: string;
  subtitle?: string;
  /** RFC 4287 wants an author for a feed whose entries may lack one. */
  author: { name: string; link: string };
  language: string;
  entries: AtomEntry[];
  /** When the feed has no entries: the latest change it knows of, else now. */
  updatedWhenEmpty?: Date;
}

// XML 1.0 allows no control characters other than tab, line feed and carriage return.
// eslint-disable-next-line no-control-regex
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

const xmlText = (text: string) => text.replace(NOT_XML, "");

export function escapeHtml(text: string) {
  return xmlText(text).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

/** Plain text as HTML paragraphs, line breaks kept. */
function paragraphs(text: string) {
  return text
    .trim()
    .split(/\r?\n\s*\r?\n/)
    .map((paragraph) => `<p>${escapeHtml(paragraph).replace(/\r?\n/g, "<br>")}</p>`)
    .join("");
}

export function atomXml(input: AtomFeed): string {
  const updated = input.entries.reduce<Date | null>((latest, entry) => (latest && latest > entry.updated ? latest : entry.updated), null);
  const feed = new Feed({
    id: input.self,
    title: xmlText(input.title),
    description: input.subtitle ? xmlText(input.subtitle) : undefined,
    link: input.alternate,
    feed: input.self,
    language: input.language,
    updated: updated ?? input.updatedWhenEmpty ?? new Date(),
    author: { name: xmlText(input.author.name), link: input.author.link },
    generator: "Fråga en gång",
  });
  for (const entry of input.entries) {
    feed.addItem({
      id: entry.id,
      title: escapeHtml(entry.title),
      link: entry.link,
      date: entry.updated,
      published: entry.published,
      description: entry.summary ? paragraphs(entry.summary) : undefined,
      // The library escapes "&" and '"' in an attribute but writes "<" as it is, which XML forbids
      // there; an entity of ours would be escaped again, so the brackets are left out of a term.
      category: entry.categories?.map((term) => ({ term: xmlText(term).replace(/[<>]/g, "") })),
      author: entry.author ? [{ name: xmlText(entry.author) }] : undefined,
    });
  }
  return feed.atom1();
}

export function atomResponse(input: AtomFeed) {
  return new Response(atomXml(input), {
    headers: {
      "Content-Type": "application/atom+xml; charset=utf-8",
      // A reader polls; a minute's staleness costs nothing and spares the database.
      "Cache-Control": "public, max-age=60",
    },
  });
}

/** A feed's or file's refusal: the message as plain text (Swedish, then English), never a page or a 500. */
export function plainTextError(status: 400 | 404, message: string) {
  return new Response(`${message}\n`, { status, headers: { "Content-Type": "text/plain; charset=utf-8" } });
}
