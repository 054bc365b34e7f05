import { beforeAll, describe, expect, it } from "vitest";
import { loader as apiLoader } from "../../app/routes/api.requests";
import { loader as pageLoader } from "../../app/routes/requests._index";
import { createTestRequest } from "../factories/request";
import { createTestUser } from "../factories/user";
import { pageRequest } from "../support/route-request";

async function api(query: string) {
  const response = await apiLoader(pageRequest(`/api/requests${query}`));
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

type ApiRequest = {
  number: number;
  title: string;
  status: string;
  kind: string;
  votes: number;
  comments: number;
  createdAt: string;
  answeredAt: string | null;
  targets: { name: string; kommunkod: string | null }[];
  url: string;
  requester: string | null;
};

let requester: Awaited<ReturnType<typeof createTestUser>>;
let bathing: { number: number };

beforeAll(async () => {
  requester = await createTestUser({ name: "Petra Publik", email: "petra.publik@example.se" });
  bathing = await createTestRequest({
    title: "Badplatser i Borås",
    body: "Var finns badplatserna och hur är vattnet?",
    targetKommunkoder: ["1490"],
    votes: 7,
    comments: 2,
    tags: ["bad"],
    requesterUserId: requester.id,
    requesterShownAs: "name",
    createdAt: new Date("2026-10-01T10:00:00Z"),
  });
  await createTestRequest({
    title: "Enkät om bredband",
    kind: "survey",
    targetScope: "all",
    votes: 2,
    createdAt: new Date("2026-10-05T10:00:00Z"),
  });
  await createTestRequest({
    title: "Laddplatser",
    status: "answered",
    answeredAt: new Date("2026-11-01T10:00:00Z"),
    targetKommunkoder: ["1496"],
    requesterShownAs: "organisation",
    requesterOrganisationName: "Laddbolaget AB",
    votes: 1,
  });
  await createTestRequest({ title: "Dubblett av badplatser", status: "duplicate", targetKommunkoder: ["1490"] });
  await createTestRequest({ title: "Avvisad", status: "rejected" });
});

describe("GET /api/requests", () => {
  it("answers the contract's shape, most votes first, without e-mail addresses", async () => {
    const { status, body } = await api("");
    expect(status).toBe(200);
    expect(Object.keys(body).sort()).toEqual(["items", "page", "pageSize", "total"]);
    expect(body).toMatchObject({ page: 1, pageSize: 20, total: 3 });
    const requests = body.items as ApiRequest[];
    expect(requests.map((r) => r.title)).toEqual(["Badplatser i Borås", "Enkät om bredband", "Laddplatser"]);
    expect(requests[0]).toEqual({
      number: bathing.number,
      title: "Badplatser i Borås",
      status: "open",
      kind: "data",
      votes: 7,
      comments: 2,
      createdAt: "2026-10-01T10:00:00.000Z",
      answeredAt: null,
      targetScope: "chosen",
      targets: [{ name: "Borås", kommunkod: "1490" }],
      tags: ["bad"],
      requester: "Petra Publik",
      url: `http://localhost:3000/requests/${bathing.number}`,
      apiUrl: `http://localhost:3000/api/requests/${bathing.number}`,
    });
    expect(requests[1]).toMatchObject({ kind: "survey", targetScope: "all", requester: null });
    expect(requests[1].targets).toHaveLength(49);
    expect(requests[2]).toMatchObject({ status: "answered", answeredAt: "2026-11-01T10:00:00.000Z", requester: "Laddbolaget AB" });
    expect(JSON.stringify(body)).not.toContain(requester.email);
    expect(JSON.stringify(body)).not.toContain("@");
  });

  it("filters by text, status (repeated or comma-separated), kommunkod and kind, and sorts", async () => {
    const titles = async (query: string) => ((await api(query)).body.items as ApiRequest[]).map((r) => r.title);
    expect(await titles("?q=badplatsen")).toEqual(["Badplatser i Borås"]);
    expect(await titles("?status=duplicate,rejected&sort=newest")).toEqual(["Avvisad", "Dubblett av badplatser"]);
    expect(await titles("?status=duplicate&status=open")).toEqual(["Badplatser i Borås", "Enkät om bredband", "Dubblett av badplatser"]);
    expect(await titles("?kommunkod=1496")).toEqual(["Enkät om bredband", "Laddplatser"]);
    expect(await titles("?kind=survey")).toEqual(["Enkät om bredband"]);
    expect(await titles("?sort=recently_answered&pageSize=1")).toEqual(["Laddplatser"]);
    expect(await titles("?sort=oldest_open")).toEqual(["Badplatser i Borås", "Enkät om bredband", "Laddplatser"]);
    const second = await api("?pageSize=2&page=2");
    expect(second.body).toMatchObject({ page: 2, pageSize: 2, total: 3 });
    expect((second.body.items as ApiRequest[]).map((r) => r.title)).toEqual(["Laddplatser"]);
  });

  it("refuses a bad parameter with 400 and a message in Swedish and English", async () => {
    const cases: [string, RegExp][] = [
      ["?status=öppen", /status måste vara något av .* \(status must be one of /],
      ["?sort=popular", /sort måste vara något av .*\(sort must be one of/],
      ["?kind=enkät", /kind måste vara något av data, survey \(kind must be one of data, survey\)/],
      ["?kommunkod=Borås", /kommunkod måste vara .*\(kommunkod must be/],
      ["?page=0", /page måste vara ett heltal från 1 till 10000 \(page must be a whole number from 1 to 10000\)/],
      ["?page=abc", /page måste vara/],
      ["?pageSize=101", /pageSize måste vara ett heltal från 1 till 100 \(pageSize must be/],
      ["?pageSize=2.5", /pageSize måste vara/],
      [`?q=${"a".repeat(1001)}`, /q får vara högst 1000 tecken \(q can be at most 1000 characters\)/],
    ];
    for (const [query, message] of cases) {
      const { status, body } = await api(query);
      expect(status, query).toBe(400);
      expect(body.error, query).toMatch(message);
    }
    // An empty value is as if the parameter were absent, on every endpoint of the API (ADR 037).
    expect((await api("?page=")).body).toMatchObject({ page: 1 });
  });
});

describe("the register page's loader", () => {
  it("lists, counts and offers the filters; a hand-edited address never fails", async () => {
    const data = await pageLoader(pageRequest("/requests?status=bogus&sort=nope&page=-3&kommunkod=x&kind=y&tag="));
    expect(data.input).toMatchObject({ status: [], kommunkod: [], kind: [], tag: [], sort: "votes", page: 1 });
    expect(data.total).toBe(3);
    expect(data.requests.map((r) => r.title)).toEqual(["Badplatser i Borås", "Enkät om bredband", "Laddplatser"]);
    expect(data.requests[0].createdAt).toBe("2026-10-01T10:00:00.000Z");
    expect(data.organisations[0]).toMatchObject({ type: "region", kommunkod: "14" });
    expect(data.organisations).toHaveLength(50);
    expect(data.facets.status).toEqual(
      expect.arrayContaining([
        { value: "duplicate", count: 1 },
        { value: "rejected", count: 1 },
      ]),
    );
    expect(data.facets.tag).toEqual([{ value: "bad", count: 1 }]);
    expect(JSON.stringify(data)).not.toContain("@");
  });

  it("reads every filter from the address", async () => {
    const data = await pageLoader(pageRequest("/requests?q=badplatser&status=open&status=duplicate&kommunkod=1490&kind=data&sort=newest"));
    expect(data.requests.map((r) => r.title)).toEqual(["Dubblett av badplatser", "Badplatser i Borås"]);
    expect(data.total).toBe(2);
  });
});
