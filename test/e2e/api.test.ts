import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { beforeAll, describe, expect, it } from "vitest";
import { createTestRequest } from "../factories/request";
import { chromiumMissing, expectAccessible } from "../support/browser";
import { usePortalAndBrowser } from "../support/e2e";

/**
 * The public API through the real HTTP server (issue 12, ADR 037): CORS for GET and its preflight
 * on /api/* only, HEAD, 304 through compression, and the readable API page linked from every
 * page's footer, accessible, in both languages.
 */
const e2e = usePortalAndBrowser();

describe.skipIf(chromiumMissing)("the open API over HTTP", () => {
  let requestNumber = 0;
  beforeAll(async () => {
    requestNumber = (await createTestRequest({ title: "Badplatser och badvatten", targetKommunkoder: ["1490"] })).number;
  });

  it("lets any site read /api/* with GET, answers the preflight, and opens nothing else", async () => {
    const base = e2e.portal.url;
    const read = await fetch(`${base}/api/requests`, { headers: { Origin: "https://example.org" } });
    expect(read.status).toBe(200);
    expect(read.headers.get("access-control-allow-origin")).toBe("*");
    expect(read.headers.get("access-control-expose-headers")).toMatch(/ETag/);
    expect(read.headers.get("cross-origin-resource-policy")).toBe("cross-origin");

    const preflight = await fetch(`${base}/api/requests/${requestNumber}`, {
      method: "OPTIONS",
      headers: { Origin: "https://example.org", "Access-Control-Request-Method": "GET", "Access-Control-Request-Headers": "if-none-match" },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get("access-control-allow-methods")).toBe("GET, HEAD, OPTIONS");
    expect(preflight.headers.get("access-control-allow-headers")).toMatch(/If-None-Match/);

    const head = await fetch(`${base}/api/requests`, { method: "HEAD" });
    expect(head.status).toBe(200);
    expect(head.headers.get("etag")).toMatch(/^W\//);

    const page = await fetch(`${base}/requests`, { headers: { Origin: "https://example.org" } });
    expect(page.headers.get("access-control-allow-origin")).toBeNull();
    const post = await fetch(`${base}/api/requests`, { method: "POST", headers: { Origin: "https://example.org" } });
    expect(post.status).toBe(403);
  });

  it("answers 304 to the ETag it gave, compressed or not", async () => {
    const first = await fetch(`${e2e.portal.url}/api/requests/${requestNumber}`, { headers: { "Accept-Encoding": "gzip" } });
    const tag = first.headers.get("etag")!;
    const again = await fetch(`${e2e.portal.url}/api/requests/${requestNumber}`, {
      headers: { "If-None-Match": tag, "Accept-Encoding": "gzip" },
    });
    expect(again.status).toBe(304);
  });

  it("a page on another site reads the API in the browser", async () => {
    // Another origin: the same host on another port.
    const site = createServer((_req, res) => res.writeHead(200, { "Content-Type": "text/html" }).end("<!doctype html><title>x</title>"));
    await new Promise<void>((resolve) => site.listen(0, "127.0.0.1", resolve));
    const { port } = site.address() as AddressInfo;
    const context = await e2e.browser.newContext();
    const page = await context.newPage();
    await page.goto(`http://127.0.0.1:${port}/`);
    const result = await page.evaluate(async (url) => {
      const response = await fetch(url);
      return { status: response.status, etag: response.headers.get("ETag"), total: ((await response.json()) as { total: number }).total };
    }, `${e2e.portal.url}/api/requests`);
    expect(result).toMatchObject({ status: 200, total: 1 });
    expect(result.etag).toMatch(/^W\//);
    await context.close();
    site.close();
  });

  it("the API page is linked from the footer, lists every endpoint and passes axe, in Swedish and English", async () => {
    const context = await e2e.browser.newContext({ baseURL: e2e.portal.url });
    const page = await context.newPage();
    await page.goto("/");
    await page.getByRole("contentinfo").getByRole("link", { name: "Öppet API" }).click();
    await page.getByRole("heading", { name: "Öppet API", level: 1 }).waitFor();
    for (const path of [
      "/api/datasets",
      "/api/requests",
      "/api/requests/{number}",
      "/api/surveys",
      "/api/surveys/{id}",
      "/api/organisations/{slug}",
      "/api/reports/time-saved",
    ]) {
      await expect(
        page.getByRole("heading", { name: new RegExp(`GET ${path.replace(/[{}]/g, "\\$&")}$`), level: 3 }).count(),
      ).resolves.toBe(1);
    }
    await expect(page.getByRole("link", { name: "OpenAPI-beskrivningen (JSON)" }).getAttribute("href")).resolves.toBe("/api/openapi.json");
    await expectAccessible(page);
    await page.getByRole("button", { name: "In English" }).click();
    await page.getByRole("heading", { name: "Open API", level: 1 }).waitFor();
    await expect(page.getByRole("heading", { name: /^The request register: GET \/api\/requests$/ }).count()).resolves.toBe(1);
    await expectAccessible(page);
    await context.close();
  });
});
