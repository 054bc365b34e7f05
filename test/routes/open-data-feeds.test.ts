import { DOMParser, type Element } from "@xmldom/xmldom";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "../../db/client.server";
import { recordEvent } from "../../app/models/event.server";
import * as registerFeed from "../../app/routes/requests[.]atom";
import * as requestFeed from "../../app/routes/requests.$number_.events[.]atom";
import * as organisationFeed from "../../app/routes/organisationer.$slug_.flode[.]atom";
import * as registerPage from "../../app/routes/requests._index";
import * as organisationPage from "../../app/routes/organisationer.$slug";
import { createTestRequest } from "../factories/request";
import { createTestTasks } from "../factories/task";
import { createTestUser } from "../factories/user";
import { ORIGIN, pageRequest, run } from "../support/route-request";

/** The Atom feeds of issue 12 (ADR 038): valid Atom, public data only, bad input answered with 400/404. */

const ATOM = "http://www.w3.org/2005/Atom";

async function fetchFeed(loader: (args: ReturnType<typeof pageRequest>) => Promise<Response>, path: string, params = {}) {
  const response = await loader({ ...pageRequest(path), params });
  return { response, text: await response.text() };
}

function children(parent: Element, name: string) {
  return Array.from(parent.childNodes).filter((node): node is Element => node.nodeType === 1 && (node as Element).localName === name);
}
const textOf = (parent: Element, name: string) => children(parent, name)[0]?.textContent ?? null;

/**
 * Parses the feed as XML (a syntax error throws) and checks what RFC 4287 requires: a feed with id,
 * title, updated, an author (or one on every entry) and a self link; each entry with id, title,
 * updated and a link; every date an RFC 3339 date-time; ids absolute IRIs and unique.
 */
function parseAtom(xml: string) {
  const document = new DOMParser({
    onError: (level, message) => {
      throw new Error(`${level}: ${message}`);
    },
  }).parseFromString(xml, "application/xml");
  const feed = document.documentElement!;
  expect(feed.localName).toBe("feed");
  expect(feed.namespaceURI).toBe(ATOM);
  const rfc3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
  const absolute = (iri: string | null) => expect(iri && /^[a-z][a-z0-9+.-]*:/i.test(iri)).toBeTruthy();
  absolute(textOf(feed, "id"));
  expect(textOf(feed, "title")?.trim()).toBeTruthy();
  expect(textOf(feed, "updated")).toMatch(rfc3339);
  const links = children(feed, "link");
  expect(links.some((link) => link.getAttribute("rel") === "self")).toBe(true);
  expect(links.some((link) => link.getAttribute("rel") === "alternate")).toBe(true);
  const entries = children(feed, "entry");
  const feedAuthor = children(feed, "author").length > 0;
  for (const entry of entries) {
    absolute(textOf(entry, "id"));
    expect(textOf(entry, "title")?.trim()).toBeTruthy();
    expect(textOf(entry, "updated")).toMatch(rfc3339);
    expect(children(entry, "link").length).toBeGreaterThan(0);
    for (const link of children(entry, "link")) absolute(link.getAttribute("href"));
    expect(feedAuthor || children(entry, "author").length > 0).toBe(true);
  }
  const ids = entries.map((entry) => textOf(entry, "id"));
  expect(new Set(ids).size).toBe(ids.length);
  return {
    feed,
    entries: entries.map((entry) => ({
      id: textOf(entry, "id")!,
      title: textOf(entry, "title")!,
      link: children(entry, "link")[0].getAttribute("href")!,
      summary: textOf(entry, "summary") ?? "",
      author: children(entry, "author").map((author) => textOf(author, "name")),
      categories: children(entry, "category").map((category) => category.getAttribute("term")),
    })),
    self: links.find((link) => link.getAttribute("rel") === "self")!.getAttribute("href"),
  };
}

describe("the Atom feeds", () => {
  let tricky: { id: string; number: number };
  let hidden: { number: number };
  let answered: Awaited<ReturnType<typeof createTestTasks>>;
  beforeAll(async () => {
    const requester = await createTestUser();
    tricky = await createTestRequest({
      title: "Badplatser <b>&</b> ]]> vattenkvalitet",
      body: "Vi behöver badplatser i Borås.\n\nMed provtagning\u0001 av vattnet.",
      tags: ["bad & <strand>"],
      targetKommunkoder: ["1490"],
      requesterUserId: requester.id,
      requesterShownAs: "anonymous",
      createdAt: new Date(Date.now() - 60_000),
    });
    hidden = await createTestRequest({ title: "Dubblett om laddplatser", status: "duplicate" });
    await createTestRequest({ title: "Enkät om krisberedskap", kind: "survey", status: "submitted", targetKommunkoder: ["1496"] });
    answered = await createTestTasks({ title: "Förskolor i Borås", kommunkoder: ["1490", "1496"], dueDate: "2027-01-29" });
    await db
      .updateTable("tasks")
      .set({ status: "answered", answered_at: new Date(), answer_text: "Här är förskolorna." })
      .where("id", "=", answered.tasks["1490"].id)
      .execute();
    // A reopened draft in Skövde: its text is not public.
    await db
      .updateTable("tasks")
      .set({ status: "in_progress", answer_text: "Utkast som inte är klart" })
      .where("id", "=", answered.tasks["1496"].id)
      .execute();
    const coordinator = await createTestUser({ role: "coordinator" });
    await recordEvent(db, {
      actorUserId: requester.id,
      entityType: "request",
      entityId: tricky.id,
      action: "submit",
      toState: "submitted",
    });
    await recordEvent(db, {
      actorUserId: coordinator.id,
      entityType: "request",
      entityId: tricky.id,
      action: "route",
      fromState: "submitted",
      toState: "open",
      reason: "Skickad till Borås",
    });
  });

  it("new requests: valid Atom, newest first, the register's default view, plain text kept as text", async () => {
    const { response, text } = await fetchFeed(registerFeed.loader, "/requests.atom");
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toBe("application/atom+xml; charset=utf-8");
    const atom = parseAtom(text);
    expect(atom.self).toBe(`${ORIGIN}/requests.atom`);
    const titles = atom.entries.map((entry) => entry.title);
    // type="html": the reader unescapes once and shows the characters, not markup.
    expect(titles).toContain("Badplatser &lt;b&gt;&amp;&lt;/b&gt; ]]&gt; vattenkvalitet");
    expect(titles).not.toContain("Dubblett om laddplatser");
    const entry = atom.entries.find((e) => e.title.startsWith("Badplatser"))!;
    expect(entry.id).toBe(`urn:uuid:${tricky.id}`);
    expect(entry.link).toBe(`${ORIGIN}/requests/${tricky.number}`);
    expect(entry.summary).toContain("<p>Vi behöver badplatser i Borås.</p><p>Med provtagning av vattnet.</p>");
    expect(entry.categories).toEqual(["bad & strand"]);
    // Anonymous: no author on the entry (the feed's author stands for it), never an e-mail address.
    expect(entry.author).toEqual([]);
    expect(text).not.toMatch(/@example|@test/);
  });

  it("a register filter: the feed carries it in its id and finds only what the register finds", async () => {
    const { text } = await fetchFeed(registerFeed.loader, "/requests.atom?kommunkod=1496&status=submitted,open&kind=survey");
    const atom = parseAtom(text);
    expect(atom.self).toBe(`${ORIGIN}/requests.atom?status=open&status=submitted&kommunkod=1496&kind=survey`);
    expect(atom.entries.map((e) => e.title)).toEqual(["Enkät om krisberedskap"]);
    const duplicates = parseAtom((await fetchFeed(registerFeed.loader, "/requests.atom?status=duplicate")).text);
    expect(duplicates.entries.map((e) => e.title)).toEqual(["Dubblett om laddplatser"]);
    // A municipality nobody asked: an empty, still valid feed.
    const none = parseAtom((await fetchFeed(registerFeed.loader, "/requests.atom?kommunkod=9999")).text);
    expect(none.entries).toEqual([]);
    const words = parseAtom((await fetchFeed(registerFeed.loader, "/requests.atom?q=badplatserna")).text);
    expect(words.entries.map((e) => e.id)).toEqual([`urn:uuid:${tricky.id}`]);
  });

  it.each([
    ["/requests.atom?status=nonsense", /status måste vara något av/],
    ["/requests.atom?kind=letter", /kind måste vara/],
    ["/requests.atom?kommunkod=Borås", /kommunkod måste vara/],
    ["/requests.atom?colour=blue", /okänd parameter colour.*\(unknown parameter colour/],
    ["/requests.atom?q=%00", /NUL/],
    [`/requests.atom?q=${"a".repeat(1001)}`, /q får vara högst 1000 tecken/],
  ])("%s → 400 with a message, never a 500", async (path, message) => {
    const { response, text } = await fetchFeed(registerFeed.loader, path);
    expect(response.status).toBe(400);
    expect(response.headers.get("Content-Type")).toBe("text/plain; charset=utf-8");
    expect(text).toMatch(message);
  });

  it("the page's own parameters (sort, page) are tolerated, so a copied register address works", async () => {
    const { response } = await fetchFeed(registerFeed.loader, "/requests.atom?sort=votes&page=3&status=open");
    expect(response.status).toBe(200);
  });

  it("one request's events: the page's timeline, newest first, actors as the page shows them", async () => {
    const { response, text } = await fetchFeed(requestFeed.loader, `/requests/${tricky.number}/events.atom`, {
      number: String(tricky.number),
    });
    expect(response.status).toBe(200);
    const atom = parseAtom(text);
    expect(atom.self).toBe(`${ORIGIN}/requests/${tricky.number}/events.atom`);
    expect(atom.entries).toHaveLength(2);
    expect(atom.entries[0].summary).toContain("Motivering: Skickad till Borås");
    // The requester chose anonymity: their own event names no one.
    expect(atom.entries.map((e) => e.author[0])).toEqual(["Samordnare", "Frågeställaren"]);
    expect(atom.entries.every((e) => e.link === `${ORIGIN}/requests/${tricky.number}`)).toBe(true);
  });

  it("a request with no events yet is an empty valid feed; an unknown or malformed number is a 404 with a message", async () => {
    const quiet = parseAtom(
      (await fetchFeed(requestFeed.loader, `/requests/${hidden.number}/events.atom`, { number: String(hidden.number) })).text,
    );
    expect(quiet.entries).toEqual([]);
    for (const number of ["99999999", "abc", "-1", "1e3"]) {
      const { response, text } = await fetchFeed(requestFeed.loader, `/requests/${number}/events.atom`, { number });
      expect(response.status).toBe(404);
      expect(text).toMatch(/ingen förfrågan/);
    }
  });

  it("a municipality's requests and answers: the answer once given, a draft never", async () => {
    const { response, text } = await fetchFeed(organisationFeed.loader, "/organisationer/boras/flode.atom", { slug: "boras" });
    expect(response.status).toBe(200);
    const atom = parseAtom(text);
    expect(atom.self).toBe(`${ORIGIN}/organisationer/boras/flode.atom`);
    const preschools = atom.entries.find((e) => e.title.includes("Förskolor i Borås"))!;
    expect(preschools.summary).toContain("Här är förskolorna.");
    expect(preschools.id).toBe(`urn:uuid:${answered.tasks["1490"].id}`);
    const skovde = parseAtom((await fetchFeed(organisationFeed.loader, "/organisationer/skovde/flode.atom", { slug: "skovde" })).text);
    expect(skovde.entries.map((e) => e.title)).toEqual([`Förfrågan ${answered.request.number}: Förskolor i Borås`]);
    expect(skovde.entries[0].summary).not.toContain("Utkast");
  });

  it("an unknown or malformed organisation is a 404 with a message", async () => {
    for (const slug of ["ingenstans", "../etc", "A B"]) {
      const { response, text } = await fetchFeed(organisationFeed.loader, `/organisationer/${slug}/flode.atom`, { slug });
      expect(response.status).toBe(404);
      expect(text).toMatch(/ingen organisation/);
    }
  });

  it("pages announce their feed in the head; the register's carries its current filter and links the feed and the CSV", async () => {
    const data = await run(registerPage.loader, pageRequest("/requests?status=open&kommunkod=1490&sort=newest&page=2&q=bad"));
    if (data instanceof Response) throw new Error("the register page answered with a response");
    expect(data.feedQuery).toBe("?q=bad&status=open&kommunkod=1490");
    const matches = [{ id: "root", data: { locale: "en" } }];
    const head = (registerPage.meta as (args: unknown) => Record<string, string>[])({ data, matches });
    expect(head).toContainEqual({
      tagName: "link",
      rel: "alternate",
      type: "application/atom+xml",
      title: "Requests (Atom feed)",
      href: "/requests.atom?q=bad&status=open&kommunkod=1490",
    });
    const organisation = await run(organisationPage.loader, { ...pageRequest("/organisationer/boras"), params: { slug: "boras" } });
    const organisationHead = (organisationPage.meta as (args: unknown) => Record<string, string>[])({ data: organisation, matches });
    expect(organisationHead.find((tag) => tag.rel === "alternate")?.href).toBe("/organisationer/boras/flode.atom");
  });
});
