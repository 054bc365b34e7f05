import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { drainOutbox } from "../../search/indexing/outbox.server";
import { getSearchEngine } from "../../search/engines/select-engine.server";
import { createTestDataset } from "../factories/dataset";
import { startPortal, type RunningPortal } from "../support/portal";

/**
 * The HTTP server as `npm start` runs it (needs `npx remix build`): an API answer under 8 KB goes
 * as it is, with its length, instead of compressed, which cost a match a share of the server's one
 * thread and saved no round trip (issue 11, ADR 036 2026-12-01); larger answers and pages are
 * still compressed, and the public files are still served.
 */
let portal: RunningPortal;

beforeAll(async () => {
  // Long titles: 50 of them make an answer well over 8 KB.
  for (let i = 0; i < 60; i++)
    await createTestDataset({
      title: `Badplatser och deras vattenkvalitet, provtagningar sommaren ${2000 + i}, med mätpunkter ${"x".repeat(120)}`,
    });
  expect((await drainOutbox(getSearchEngine())).error).toBeNull();
  portal = await startPortal();
}, 90_000);

afterAll(async () => {
  await portal?.stop();
});

const gzip = { headers: { "Accept-Encoding": "gzip" } };

describe("answers the HTTP server sends", () => {
  it("sends a small match answer uncompressed with its length, and a large one compressed", async () => {
    const small = await fetch(`${portal.url}/api/match?q=badplatser&limit=3`, gzip);
    expect(small.status).toBe(200);
    expect(small.headers.get("content-encoding")).toBeNull();
    expect(small.headers.get("content-type")).toBe("application/json; charset=utf-8");
    const text = await small.text();
    expect(Number(small.headers.get("content-length"))).toBe(Buffer.byteLength(text));
    expect((JSON.parse(text) as { datasets: unknown[] }).datasets).toHaveLength(3);

    const large = await fetch(`${portal.url}/api/match?q=badplatser&limit=50`, gzip);
    expect(large.headers.get("content-encoding")).toBe("gzip");
    expect(((await large.json()) as { datasets: unknown[] }).datasets).toHaveLength(50);
  });

  it("sends a small page of the open API uncompressed with its length, its validators unchanged", async () => {
    const response = await fetch(`${portal.url}/api/datasets?q=badplatser&pageSize=2`, gzip);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-encoding")).toBeNull();
    expect(response.headers.get("etag")).toMatch(/^W\//);
    expect(Number(response.headers.get("content-length"))).toBe(Buffer.byteLength(await response.text()));
    const again = await fetch(`${portal.url}/api/datasets?q=badplatser&pageSize=2`, {
      headers: { "If-None-Match": response.headers.get("etag")! },
    });
    expect(again.status).toBe(304);
  });

  it("still compresses pages and serves the public files", async () => {
    const page = await fetch(portal.url, gzip);
    expect(page.status).toBe(200);
    expect(page.headers.get("content-encoding")).toBe("gzip");
    const icon = await fetch(`${portal.url}/favicon.svg`);
    expect(icon.status).toBe(200);
    expect(icon.headers.get("content-type")).toMatch(/svg/);
  });
});
