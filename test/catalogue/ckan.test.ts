import { readFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { packageSearchUrl, readCkanCatalogue } from "../../app/catalogue/ckan.server";

// The fixture catalogue server listens on loopback; the operator's allow-list lets it through (ADR 009).
process.env.CATALOGUE_ALLOWED_INTERNAL_HOSTS = "127.0.0.1";

const packages = JSON.parse(readFileSync("test/fixtures/ckan/packages.json", "utf8")) as unknown[];
let server: Server;
let base = "";
const requestedStarts: number[] = [];

beforeAll(async () => {
  // A CKAN portal on loopback: package_search pages through the fixture with rows and start.
  server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://localhost");
    if (url.pathname === "/broken/api/3/action/package_search") {
      res.end("<html>not json</html>");
      return;
    }
    if (url.pathname === "/dirty/api/3/action/package_search") {
      // NUL inside text and a 5 MB description: neither may reach PostgreSQL or the dataset page.
      const dirty = {
        id: "d1",
        name: "smutsig",
        title: "Bad\u0000platser",
        notes: "ord ".repeat(1_250_000),
        tags: [{ name: "bad\u0000" }],
      };
      res.setHeader("Content-Type", "application/json");
      res.end(JSON.stringify({ success: true, result: { count: 1, results: [dirty] } }));
      return;
    }
    if (url.pathname !== "/api/3/action/package_search") {
      res.statusCode = 404;
      res.end();
      return;
    }
    const rows = Number(url.searchParams.get("rows"));
    const start = Number(url.searchParams.get("start"));
    requestedStarts.push(start);
    res.setHeader("Content-Type", "application/json");
    res.end(JSON.stringify({ success: true, result: { count: packages.length, results: packages.slice(start, start + rows) } }));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  base = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`;
});

afterAll(() => server.close());

describe("CKAN package_search", () => {
  it("builds the action URL from a portal root, an API root or the action itself", () => {
    expect(packageSearchUrl("https://ckan.example.se", 0)).toMatch(
      /^https:\/\/ckan\.example\.se\/api\/3\/action\/package_search\?rows=100&start=0/,
    );
    expect(packageSearchUrl("https://ckan.example.se/api/3", 200)).toMatch(/\/api\/3\/action\/package_search\?rows=100&start=200/);
    expect(packageSearchUrl("https://ckan.example.se/api/3/action/package_search", 0)).toMatch(
      /\/api\/3\/action\/package_search\?rows=100/,
    );
  });

  it("pages through every package and maps them like DCAT datasets, listing the broken ones", async () => {
    requestedStarts.length = 0;
    const catalogue = await readCkanCatalogue(base, { pageSize: 2 });
    expect(requestedStarts).toEqual([0, 2, 4]);
    expect(catalogue.datasets.map((d) => d.title[""])).toEqual([
      "Badplatser i Trollhättan",
      "Offentliga toaletter",
      "Trafikmätningar 2023",
    ]);
    expect(catalogue.failures).toHaveLength(2);

    const [bathing, toilets, traffic] = catalogue.datasets;
    expect(bathing).toMatchObject({
      description: { "": "Kommunens badplatser med läge, bryggor, toaletter och tillgänglighet." },
      keywords: { "": ["bad", "friluftsliv", "badplatser"] },
      themes: ["http://publications.europa.eu/resource/authority/data-theme/ENVI"],
      publisher: { name: { "": "Trollhättans stad" } },
      conformsTo: ["https://www.dataportal.se/specifications/badplatser/1.0"],
      licence: "http://creativecommons.org/publicdomain/zero/1.0/",
      landingPage: "https://www.trollhattan.se/uppleva-och-gora/bad",
    });
    expect(bathing.uri).toBe(`${base}/dataset/badplatser`);
    expect(bathing.distributions.map((d) => d.format)).toEqual(["CSV", "GEOJSON"]);
    expect(toilets.conformsTo).toEqual(["https://lankadedata.se/spec/public-toilets/"]);
    expect(traffic.distributions[0].format).toBe("JSON");
  });

  it("takes NUL out of every text and caps the description, with a warning (issue 7)", async () => {
    const catalogue = await readCkanCatalogue(`${base}/dirty`);
    const [dataset] = catalogue.datasets;
    expect(dataset.title).toEqual({ "": "Badplatser" });
    expect(dataset.keywords).toEqual({ "": ["bad"] });
    expect(dataset.description[""].length).toBeLessThanOrEqual(20_000);
    expect(JSON.stringify(dataset)).not.toContain("\\u0000");
    expect(catalogue.warnings).toEqual([
      {
        identity: dataset.uri,
        message: expect.stringMatching(/Beskrivningen.*20 000 tecken/),
        key: "harvest.warning.descriptionCut",
        params: { limit: "20 000", limitEn: "20,000" },
      },
    ]);
  });

  it("fails clearly on an answer that is not package_search JSON", async () => {
    await expect(readCkanCatalogue(`${base}/broken`)).rejects.toThrow(/svarade inte med JSON/);
  });
});
