import { request as httpRequest } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startPortal, type RunningPortal } from "../support/portal";

/**
 * Requests no browser sends, which reached Remix and failed there as a bare 500 (found by fuzzing
 * the running portal): a path with a backslash, a Host header that is no host, a method Remix has
 * no Request for, a path that is not UTF-8. Each is refused before Remix, in both languages.
 */
let portal: RunningPortal;

beforeAll(async () => {
  portal = await startPortal();
}, 90_000);

afterAll(async () => {
  await portal?.stop();
});

/** A raw request: fetch can set neither Host nor TRACE, and normalises paths. */
function raw(options: { method?: string; path: string; host?: string; origin?: string }) {
  const { port } = new URL(portal.url);
  return new Promise<{ status: number; body: string; allow?: string; type?: string }>((resolve, reject) => {
    const sent = httpRequest(
      {
        host: "127.0.0.1",
        port,
        method: options.method ?? "GET",
        path: options.path,
        headers: { host: options.host ?? `127.0.0.1:${port}`, ...(options.origin ? { origin: options.origin } : {}) },
      },
      (response) => {
        let body = "";
        response.setEncoding("utf8");
        response.on("data", (chunk: string) => (body += chunk));
        response.on("end", () =>
          resolve({ status: response.statusCode ?? 0, body, allow: response.headers.allow, type: response.headers["content-type"] }),
        );
      },
    );
    sent.on("error", reject);
    sent.end();
  });
}

describe("requests no browser sends", () => {
  it.each(["/%5C", "/%5C%5C", "/requests/%5Cx", "/%5C?x=1", "/%5Ca:b"])("answers the path %s with 400 and a message", async (path) => {
    const answer = await raw({ path });
    expect(answer.status).toBe(400);
    expect(answer.body).toContain("Adressen är felaktig");
  });

  it.each(["/requests/%C3%28", "/api/requests/%FF"])("answers a path that is not UTF-8 (%s) with 400 and a message", async (path) => {
    const answer = await raw({ path });
    expect(answer.status).toBe(400);
    expect(answer.body).toContain("Adressen är felaktig");
  });

  it.each(["localhost:99999", "a b", "user@host"])("answers the Host header %s with 400 and a message", async (host) => {
    const answer = await raw({ path: "/api/requests", host });
    expect(answer.status).toBe(400);
    expect(answer.body).toContain("Adressen är felaktig");
  });

  it("answers TRACE with 405 and the methods it takes", async () => {
    const answer = await raw({ method: "TRACE", path: "/" });
    expect(answer.status).toBe(405);
    expect(answer.allow).toContain("GET");
    expect(answer.body).toContain("Metoden stöds inte");
  });

  it.each(["POST", "PUT", "DELETE"])("answers %s to the read-only API with 405, the methods it takes and a message", async (method) => {
    const { port } = new URL(portal.url);
    const answer = await raw({ method, path: "/api/requests", origin: `http://127.0.0.1:${port}` });
    expect(answer.status).toBe(405);
    expect(answer.allow).toBe("GET, HEAD, OPTIONS");
    expect(answer.type).toMatch(/^application\/json/);
    expect((JSON.parse(answer.body) as { error: string }).error).toMatch(/läser bara.*read-only/);
  });

  it("still serves the pages and the API", async () => {
    expect((await raw({ path: "/" })).status).toBe(200);
    expect((await raw({ path: "/api/requests" })).status).toBe(200);
    expect((await raw({ method: "HEAD", path: "/" })).status).toBe(200);
  });
});
