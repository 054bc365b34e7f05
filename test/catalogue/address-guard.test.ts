import { createServer, type Server } from "node:http";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { AddressRefusedError, checkCatalogueAddress, isPublicAddress, neutralFetchError } from "../../app/catalogue/address-guard.server";
import { CatalogueSourceError, openCatalogue } from "../../app/catalogue/open-source.server";
import { getOrCreateCatalogueSource, SourceAddressRefusedError } from "../../app/models/catalogue-source.server";
import { freePort } from "../setup/free-port";
import { catalogFixture } from "../support/catalogs";

// Server-side request forgery through catalogue sources (issue 7, point 10).

const internal = [
  // Loopback in every notation a URL parser accepts.
  "http://127.0.0.1/",
  "http://127.1/",
  "http://0x7f.0.0.1/",
  "http://0177.0.0.1/",
  "http://2130706433/",
  "http://017700000001/",
  "http://0x7f000001/",
  "http://[::1]/",
  "http://[0:0:0:0:0:0:0:1]/",
  "http://[::ffff:127.0.0.1]/",
  "http://[::ffff:7f00:1]/",
  "http://localhost/",
  "http://LOCALHOST./",
  // Private, link-local (cloud metadata), unique-local, unspecified, CGNAT, multicast, broadcast.
  "http://10.0.0.1/",
  "http://172.16.0.1/",
  "http://172.31.255.254/",
  "http://192.168.1.1/",
  "http://169.254.169.254/latest/meta-data/",
  "http://[fe80::1]/",
  "http://[fc00::1]/",
  "http://[fd12:3456::1]/",
  "http://0.0.0.0/",
  "http://0/",
  "http://[::]/",
  "http://100.64.0.1/",
  "http://224.0.0.1/",
  "http://[ff02::1]/",
  "http://255.255.255.255/",
  // IPv4-mapped IPv6 of private and link-local addresses.
  "http://[::ffff:10.0.0.1]/",
  "http://[::ffff:169.254.169.254]/",
  "http://[::ffff:192.168.0.1]/",
  // IPv6 that carries an internal IPv4: IPv4-compatible (::/96, deprecated but still parsed),
  // IPv4-translated, NAT64 (well-known and local-use prefixes), 6to4, Teredo, ISATAP.
  "http://[::7f00:1]/",
  "http://[::127.0.0.1]/",
  "http://[::a00:1]/",
  "http://[::a9fe:a9fe]/",
  "http://[::5db8:d70e]/",
  "http://[::ffff:0:7f00:1]/",
  "http://[64:ff9b::7f00:1]/",
  "http://[64:ff9b::a9fe:a9fe]/",
  "http://[64:ff9b::c0a8:1]/",
  "http://[64:ff9b:1::5db8:d70e]/",
  "http://[2002:7f00:1::1]/",
  "http://[2001:0:7f00:1::]/",
  "http://[2606:4700::5efe:7f00:1]/",
  "http://[2606:4700::200:5efe:a00:1]/",
  // Not http(s) at all.
  "file:///etc/passwd",
  "ftp://93.184.215.14/",
  "gopher://93.184.215.14/",
];

let savedAllowList: string | undefined;
beforeAll(() => {
  savedAllowList = process.env.CATALOGUE_ALLOWED_INTERNAL_HOSTS;
});
afterEach(() => {
  if (savedAllowList === undefined) delete process.env.CATALOGUE_ALLOWED_INTERNAL_HOSTS;
  else process.env.CATALOGUE_ALLOWED_INTERNAL_HOSTS = savedAllowList;
});

describe("the address check of catalogue sources", () => {
  it.each(internal)("refuses %s", async (url) => {
    delete process.env.CATALOGUE_ALLOWED_INTERNAL_HOSTS;
    await expect(checkCatalogueAddress(url)).rejects.toThrow();
  });

  it("lets public addresses through, IPv4 and IPv6", async () => {
    expect(isPublicAddress("93.184.215.14")).toBe(true);
    expect(isPublicAddress("2606:4700:4700::1111")).toBe(true);
    await expect(checkCatalogueAddress("https://93.184.215.14/catalog.rdf")).resolves.toMatchObject({
      address: "93.184.215.14",
      family: 4,
    });
    await expect(checkCatalogueAddress("https://[2606:4700:4700::1111]/dcat")).resolves.toMatchObject({ family: 6 });
  });

  it("judges an IPv6 address by the IPv4 address it embeds", () => {
    expect(isPublicAddress("::7f00:1")).toBe(false);
    expect(isPublicAddress("64:ff9b::7f00:1")).toBe(false);
    expect(isPublicAddress("2606:4700::5efe:a00:1")).toBe(false);
    // NAT64 of a public address is how an IPv6-only server reaches an IPv4 catalogue (DNS64).
    expect(isPublicAddress("64:ff9b::5db8:d70e")).toBe(true);
    expect(isPublicAddress("2606:4700::5efe:5db8:d70e")).toBe(true);
  });

  it("refuses ports other than 80 and 443 on a public host, which could reach the portal's own services", async () => {
    delete process.env.CATALOGUE_ALLOWED_INTERNAL_HOSTS;
    for (const url of [
      "http://93.184.215.14:5432/",
      "https://93.184.215.14:8443/dcat",
      "http://93.184.215.14:22/",
      "http://[2606:4700:4700::1111]:6379/",
    ]) {
      await expect(checkCatalogueAddress(url), url).rejects.toBeInstanceOf(AddressRefusedError);
    }
    for (const url of [
      "http://93.184.215.14/",
      "http://93.184.215.14:80/",
      "https://93.184.215.14:443/",
      "https://93.184.215.14/",
      "http://93.184.215.14:443/",
    ]) {
      await expect(checkCatalogueAddress(url), url).resolves.toMatchObject({ address: "93.184.215.14" });
    }
  });

  it("refuses another port at fetch time with the one neutral text", async () => {
    delete process.env.CATALOGUE_ALLOWED_INTERNAL_HOSTS;
    const location = "http://93.184.215.14:5432/";
    const error = await openCatalogue(location, { timeoutMs: 5_000 }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(CatalogueSourceError);
    expect((error as CatalogueSourceError).messageSv).toBe(neutralFetchError(location));
  });

  it("lets an operator-named host use any port", async () => {
    process.env.CATALOGUE_ALLOWED_INTERNAL_HOSTS = "93.184.215.14";
    await expect(checkCatalogueAddress("http://93.184.215.14:8080/dcat.ttl")).resolves.toMatchObject({ address: "93.184.215.14" });
  });

  it("allows an internal host only when the operator names it", async () => {
    process.env.CATALOGUE_ALLOWED_INTERNAL_HOSTS = "catalogue.internal.example, 10.1.2.3";
    await expect(checkCatalogueAddress("http://10.1.2.3:8080/dcat.ttl")).resolves.toMatchObject({ address: "10.1.2.3" });
    await expect(checkCatalogueAddress("http://10.1.2.4/dcat.ttl")).rejects.toThrow();
    await expect(checkCatalogueAddress("http://localhost/")).rejects.toThrow();
  });
});

describe("fetching a catalogue", () => {
  let server: Server;
  let port: number;
  beforeAll(async () => {
    server = createServer((req, res) => {
      if (req.url === "/catalog.ttl") {
        res.writeHead(200, { "Content-Type": "text/turtle" });
        res.end("<http://example.org/a> <http://example.org/b> <http://example.org/c> .\n");
      } else if (req.url === "/moved") {
        res.writeHead(302, { Location: "/catalog.ttl" });
        res.end();
      } else if (req.url?.startsWith("/to-internal/")) {
        res.writeHead(301, { Location: decodeURIComponent(req.url.slice("/to-internal/".length)) });
        res.end();
      } else if (req.url === "/loop") {
        res.writeHead(302, { Location: "/loop" });
        res.end();
      } else {
        res.writeHead(404);
        res.end();
      }
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const address = server.address();
    port = typeof address === "object" && address ? address.port : 0;
  });
  afterAll(() => {
    server.closeAllConnections();
    server.close();
  });

  async function failureOf(location: string) {
    const error = await openCatalogue(location, { timeoutMs: 5_000 }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(CatalogueSourceError);
    return (error as CatalogueSourceError).messageSv;
  }

  it("refuses an internal address at fetch time, in every notation, without connecting", async () => {
    delete process.env.CATALOGUE_ALLOWED_INTERNAL_HOSTS;
    for (const host of ["127.0.0.1", "0x7f.0.0.1", "2130706433", "127.1", "[::ffff:127.0.0.1]", "localhost"]) {
      const location = `http://${host}:${port}/catalog.ttl`;
      expect(await failureOf(location)).toBe(neutralFetchError(location));
    }
  });

  it("gives the same text for an open port, a closed port and an unknown name", async () => {
    delete process.env.CATALOGUE_ALLOWED_INTERNAL_HOSTS;
    const closed = await freePort();
    const texts = await Promise.all(
      [`http://127.0.0.1:${port}/catalog.ttl`, `http://127.0.0.1:${closed}/catalog.ttl`, "http://no-such-host.invalid/catalog.ttl"].map(
        async (location) => (await failureOf(location)).replace(location, "<url>"),
      ),
    );
    expect(new Set(texts).size).toBe(1);
    // With the host allowed, a closed port still says nothing about why.
    process.env.CATALOGUE_ALLOWED_INTERNAL_HOSTS = "127.0.0.1";
    const location = `http://127.0.0.1:${closed}/catalog.ttl`;
    expect(await failureOf(location)).toBe(neutralFetchError(location));
  });

  it("follows redirects within allowed hosts, and checks every hop", async () => {
    process.env.CATALOGUE_ALLOWED_INTERNAL_HOSTS = "127.0.0.1";
    const opened = await openCatalogue(`http://127.0.0.1:${port}/moved`);
    const chunks: Buffer[] = [];
    for await (const chunk of opened.stream) chunks.push(Buffer.from(chunk));
    expect(Buffer.concat(chunks).toString()).toContain("example.org");
    expect(opened.sourceName).toBe("text/turtle");

    for (const target of [`http://localhost:${port}/catalog.ttl`, "http://169.254.169.254/latest/meta-data/", `http://[::1]:${port}/`]) {
      const location = `http://127.0.0.1:${port}/to-internal/${encodeURIComponent(target)}`;
      expect(await failureOf(location)).toBe(neutralFetchError(location));
    }
    const loop = `http://127.0.0.1:${port}/loop`;
    expect(await failureOf(loop)).toBe(neutralFetchError(loop));
  });
});

describe("sources given on the command line", () => {
  it("reads local files (the operator's own), but checks URLs like any other source", async () => {
    delete process.env.CATALOGUE_ALLOWED_INTERNAL_HOSTS;
    const file = catalogFixture("se_fornpunkt_dcat3.ttl");
    await expect(getOrCreateCatalogueSource({ location: file })).resolves.toEqual(expect.any(String));
    await expect(getOrCreateCatalogueSource({ location: "http://0x7f.0.0.1:5432/" })).rejects.toBeInstanceOf(SourceAddressRefusedError);
    await expect(getOrCreateCatalogueSource({ location: "http://169.254.169.254/latest/" })).rejects.toBeInstanceOf(
      SourceAddressRefusedError,
    );
  });
});
