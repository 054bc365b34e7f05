import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { getRequestRegister, listRequests, type RegisterQuery } from "../../app/models/request-register.server";
import { createTestRequest } from "../factories/request";
import { createTestUser } from "../factories/user";

/** Each test tags its own requests and filters by the tag, so the tests of this file share a database. */
function tagged() {
  return `t-${randomBytes(4).toString("hex")}`;
}

function query(input: Partial<RegisterQuery>): RegisterQuery {
  return { text: "", statuses: [], kommunkoder: [], kinds: [], tags: [], sort: "votes", page: 1, pageSize: 20, ...input };
}

const titles = async (input: Partial<RegisterQuery>) => (await listRequests(query(input))).requests.map((r) => r.title);
const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000);

describe("the request register", () => {
  it("hides duplicates, rejected and withdrawn requests unless their status is asked for", async () => {
    const tag = tagged();
    for (const status of ["submitted", "open", "answered", "closed", "duplicate", "rejected", "withdrawn"] as const) {
      await createTestRequest({ title: `Status ${status}`, status, tags: [tag] });
    }
    expect((await titles({ tags: [tag] })).sort()).toEqual(["Status answered", "Status closed", "Status open", "Status submitted"]);
    expect(await titles({ tags: [tag], statuses: ["duplicate"] })).toEqual(["Status duplicate"]);
    expect((await titles({ tags: [tag], statuses: ["rejected", "withdrawn", "open"] })).sort()).toEqual([
      "Status open",
      "Status rejected",
      "Status withdrawn",
    ]);
    // The page counts every status under the other filters, hidden ones included.
    const page = await getRequestRegister(query({ tags: [tag] }));
    expect(page.total).toBe(4);
    expect(page.facets.status).toEqual(
      expect.arrayContaining([
        { value: "duplicate", count: 1 },
        { value: "open", count: 1 },
      ]),
    );
    expect(page.facets.status.reduce((sum, c) => sum + c.count, 0)).toBe(7);
  });

  it("filters by the organisation asked: chosen ones, every municipality, or the region", async () => {
    const tag = tagged();
    await createTestRequest({ title: "Borås", targetKommunkoder: ["1490"], tags: [tag] });
    await createTestRequest({ title: "Borås och Skövde", targetKommunkoder: ["1490", "1496"], tags: [tag] });
    await createTestRequest({ title: "Skövde", targetKommunkoder: ["1496"], tags: [tag] });
    await createTestRequest({ title: "Alla kommuner", targetScope: "all", tags: [tag] });
    await createTestRequest({ title: "Regionen", targetScope: "region", tags: [tag] });

    expect((await titles({ tags: [tag], kommunkoder: ["1490"] })).sort()).toEqual(["Alla kommuner", "Borås", "Borås och Skövde"]);
    expect((await titles({ tags: [tag], kommunkoder: ["1496"] })).sort()).toEqual(["Alla kommuner", "Borås och Skövde", "Skövde"]);
    expect(await titles({ tags: [tag], kommunkoder: ["14"] })).toEqual(["Regionen"]);
    expect((await titles({ tags: [tag], kommunkoder: ["1490", "14"] })).length).toBe(4);
    expect(await titles({ tags: [tag], kommunkoder: ["9999"] })).toEqual([]);
  });

  it("says whom each request asks", async () => {
    const tag = tagged();
    await createTestRequest({ title: "Två", targetKommunkoder: ["1496", "1490"], tags: [tag] });
    await createTestRequest({ title: "Alla", targetScope: "all", tags: [tag] });
    await createTestRequest({ title: "Regionen", targetScope: "region", tags: [tag] });
    const { requests } = await listRequests(query({ tags: [tag], sort: "newest" }));
    const byTitle = Object.fromEntries(requests.map((r) => [r.title, r]));
    expect(byTitle["Två"]).toMatchObject({
      targetScope: "chosen",
      targets: [
        { name: "Borås", kommunkod: "1490" },
        { name: "Skövde", kommunkod: "1496" },
      ],
    });
    expect(byTitle["Alla"].targetScope).toBe("all");
    expect(byTitle["Alla"].targets).toHaveLength(49);
    expect(byTitle["Alla"].targets.every((t) => t.kommunkod?.length === 4)).toBe(true);
    expect(byTitle["Regionen"].targets).toEqual([{ name: expect.stringMatching(/Västra Götaland/), kommunkod: "14" }]);
  });

  it("filters by kind and by tag", async () => {
    const tag = tagged();
    const other = tagged();
    await createTestRequest({ title: "En enkät", kind: "survey", tags: [tag] });
    await createTestRequest({ title: "Data", kind: "data", tags: [tag, other] });
    expect(await titles({ tags: [tag], kinds: ["survey"] })).toEqual(["En enkät"]);
    expect(await titles({ tags: [tag], kinds: ["data"] })).toEqual(["Data"]);
    expect(await titles({ tags: [other] })).toEqual(["Data"]);
    // A tag's count is under the other filters but not the tag filter itself.
    const page = await getRequestRegister(query({ tags: [other] }));
    expect(page.facets.tag).toEqual(
      expect.arrayContaining([
        { value: tag, count: 2 },
        { value: other, count: 1 },
      ]),
    );
  });

  it("searches the title and body by word, any inflection, every word required", async () => {
    const tag = tagged();
    await createTestRequest({ title: "Badplatser i Borås", body: "Med vattenkvalitet.", tags: [tag] });
    await createTestRequest({ title: "Uppgifter om stränder", body: "Vi behöver badplatsen vid sjön och dess toaletter.", tags: [tag] });
    await createTestRequest({ title: "Badplats Skövde", body: "Läge och service.", tags: [tag] });
    await createTestRequest({ title: "Förskolor", body: "Antal platser per förskola.", tags: [tag] });

    expect((await titles({ tags: [tag], text: "badplatser" })).sort()).toEqual([
      "Badplats Skövde",
      "Badplatser i Borås",
      "Uppgifter om stränder",
    ]);
    expect((await titles({ tags: [tag], text: "Badplats" })).length).toBe(3);
    expect(await titles({ tags: [tag], text: "badplatser Borås" })).toEqual(["Badplatser i Borås"]);
    // Stop words are not required words.
    expect(await titles({ tags: [tag], text: "badplatser i Borås och" })).toEqual(["Badplatser i Borås"]);
    expect(await titles({ tags: [tag], text: "förskolorna" })).toEqual(["Förskolor"]);
    expect(await titles({ tags: [tag], text: "toaletter" })).toEqual(["Uppgifter om stränder"]);
    expect(await titles({ tags: [tag], text: "vildsvin" })).toEqual([]);
    // Only stop words or punctuation: no text filter at all.
    expect((await titles({ tags: [tag], text: "och i ?!" })).length).toBe(4);
    // Quotes and backslashes are words' neighbours, not query syntax.
    expect(await titles({ tags: [tag], text: "bad'platser\\ & | !" })).toEqual([]);
  });

  it("finds the words with or without å, ä and ö, as people type them on a keyboard without them", async () => {
    const tag = tagged();
    await createTestRequest({ title: "Badplatser i Borås", body: "Vattenkvalitet vid stränderna.", tags: [tag] });
    await createTestRequest({ title: "Förskolor i Göteborg", body: "Antal platser.", tags: [tag] });
    await createTestRequest({ title: "Snöröjning", body: "Vilka gator plogas först i Skövde?", tags: [tag] });
    // A short stem would be a prefix of too much: "Boras" is not "bor…" (bort, Borlänge, bord).
    await createTestRequest({ title: "Bortforslade cyklar", body: "Cyklar som kommunen har fört bort.", tags: [tag] });

    expect(await titles({ tags: [tag], text: "Boras" })).toEqual(["Badplatser i Borås"]);
    expect(await titles({ tags: [tag], text: "badplatser boras" })).toEqual(["Badplatser i Borås"]);
    expect(await titles({ tags: [tag], text: "forskolor Goteborg" })).toEqual(["Förskolor i Göteborg"]);
    expect(await titles({ tags: [tag], text: "snorojning skovde" })).toEqual(["Snöröjning"]);
    expect(await titles({ tags: [tag], text: "strander" })).toEqual(["Badplatser i Borås"]);
    // A stop word typed without them is no more a required word than with them.
    expect(await titles({ tags: [tag], text: "badplatser pa Boras" })).toEqual(["Badplatser i Borås"]);
    expect(await titles({ tags: [tag], text: "snorojning nar det ar halt" })).toEqual([]);
    expect(await titles({ tags: [tag], text: "snorojning nar det ar" })).toEqual(["Snöröjning"]);
    // As typed with them, as before.
    expect(await titles({ tags: [tag], text: "Borås" })).toEqual(["Badplatser i Borås"]);
    expect(await titles({ tags: [tag], text: "förskolorna i Göteborg" })).toEqual(["Förskolor i Göteborg"]);
  });

  it("sorts by votes, newest, longest waiting and recently answered", async () => {
    const tag = tagged();
    await createTestRequest({ title: "A gammal öppen", status: "open", votes: 3, createdAt: daysAgo(30), tags: [tag] });
    await createTestRequest({ title: "B ny inskickad", status: "submitted", votes: 10, createdAt: daysAgo(1), tags: [tag] });
    await createTestRequest({
      title: "C besvarad nyss",
      status: "answered",
      votes: 1,
      createdAt: daysAgo(60),
      answeredAt: daysAgo(2),
      tags: [tag],
    });
    await createTestRequest({
      title: "D besvarad förut",
      status: "answered",
      votes: 3,
      createdAt: daysAgo(90),
      answeredAt: daysAgo(20),
      tags: [tag],
    });
    await createTestRequest({
      title: "E delvis",
      status: "partly_answered",
      votes: 0,
      createdAt: daysAgo(45),
      answeredAt: daysAgo(5),
      tags: [tag],
    });

    // Equal votes: the newer first.
    expect(await titles({ tags: [tag], sort: "votes" })).toEqual([
      "B ny inskickad",
      "A gammal öppen",
      "D besvarad förut",
      "C besvarad nyss",
      "E delvis",
    ]);
    expect(await titles({ tags: [tag], sort: "newest" })).toEqual([
      "B ny inskickad",
      "A gammal öppen",
      "E delvis",
      "C besvarad nyss",
      "D besvarad förut",
    ]);
    // Waiting ones first (submitted, open, partly answered), longest waiting on top; then the rest, oldest first.
    expect(await titles({ tags: [tag], sort: "oldest_open" })).toEqual([
      "E delvis",
      "A gammal öppen",
      "B ny inskickad",
      "D besvarad förut",
      "C besvarad nyss",
    ]);
    expect(await titles({ tags: [tag], sort: "recently_answered" })).toEqual([
      "C besvarad nyss",
      "E delvis",
      "D besvarad förut",
      "B ny inskickad",
      "A gammal öppen",
    ]);
  });

  it("pages 20 at a time with the total, in a stable order", async () => {
    const tag = tagged();
    const createdAt = new Date();
    // The same time and votes for all: the order must still be total, or pages would overlap.
    for (let i = 0; i < 45; i++) await createTestRequest({ title: `Sida ${i}`, createdAt, tags: [tag] });
    const pages = await Promise.all([1, 2, 3, 4].map((page) => listRequests(query({ tags: [tag], page }))));
    expect(pages.map((p) => p.requests.length)).toEqual([20, 20, 5, 0]);
    expect(pages.every((p) => p.total === 45 && p.pageSize === 20)).toBe(true);
    expect(new Set(pages.flatMap((p) => p.requests.map((r) => r.number))).size).toBe(45);
    const small = await listRequests(query({ tags: [tag], pageSize: 7, page: 7 }));
    expect(small.requests).toHaveLength(3);
  });

  it("shows the requester only as they chose, and never an e-mail address", async () => {
    const tag = tagged();
    const user = await createTestUser({ name: "Rut Requester", email: `rut-${tag}@example.se` });
    await createTestRequest({ title: "Namn", requesterUserId: user.id, requesterShownAs: "name", tags: [tag] });
    await createTestRequest({
      title: "Organisation",
      requesterUserId: user.id,
      requesterShownAs: "organisation",
      requesterOrganisationName: "Kartbolaget AB",
      tags: [tag],
    });
    await createTestRequest({
      title: "Anonym",
      requesterUserId: user.id,
      requesterShownAs: "anonymous",
      requesterOrganisationName: "Hemligt AB",
      tags: [tag],
    });
    await createTestRequest({ title: "Borttagen användare", requesterUserId: null, requesterShownAs: "name", tags: [tag] });

    const result = await listRequests(query({ tags: [tag], sort: "newest" }));
    expect(Object.fromEntries(result.requests.map((r) => [r.title, r.requester]))).toEqual({
      Namn: "Rut Requester",
      Organisation: "Kartbolaget AB",
      Anonym: null,
      "Borttagen användare": null,
    });
    const everything = JSON.stringify([result, await getRequestRegister(query({ tags: [tag] }))]);
    expect(everything).not.toContain("@");
    expect(everything).not.toContain("Hemligt AB");
  });

  it("counts votes and comments from the request's own counters", async () => {
    const tag = tagged();
    const voters = await Promise.all([createTestUser(), createTestUser()]);
    await createTestRequest({ title: "Räknad", voterIds: voters.map((v) => v.id), comments: 3, tags: [tag] });
    expect((await listRequests(query({ tags: [tag] }))).requests[0]).toMatchObject({ votes: 2, comments: 3 });
  });
});
