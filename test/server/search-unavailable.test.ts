import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startPortal, type RunningPortal } from "../support/portal";
import { closedPortUrl } from "../support/closed-port";

/**
 * The running portal with its Meilisearch down (a port nothing listens on): the catalogue page and
 * the match API say so with 503 and Retry-After, as a reader and a client receive them (ADR 016).
 */
let portal: RunningPortal;

beforeAll(async () => {
  portal = await startPortal({ MEILI_URL: await closedPortUrl(), MEILI_API_KEY: "test" }, { healthy: false });
}, 90_000);

afterAll(async () => {
  await portal?.stop();
});

describe("the portal with its search engine down", () => {
  it("answers the catalogue page with the 503 page, in Swedish, asking to try again shortly", async () => {
    const response = await fetch(`${portal.url}/datasets?q=badplatser`);
    expect(response.status).toBe(503);
    expect(response.headers.get("Retry-After")).toBe("5");
    const html = await response.text();
    // The page's heading and text (the page also carries every message, as data for the browser).
    expect(html).toMatch(
      /<h1 id="error-title">Tillfälligt avbrott<\/h1><p>Sökningen fungerar inte just nu\. Försök igen om en stund\.<\/p>/,
    );
  });

  it("answers /api/match with 503, Retry-After and a message", async () => {
    const response = await fetch(`${portal.url}/api/match?q=badplatser`, { headers: { "Accept-Language": "sv" } });
    expect(response.status).toBe(503);
    expect(response.headers.get("Retry-After")).toBe("5");
    expect(await response.json()).toEqual({ error: "sökningen svarar inte just nu; försök igen om 5 s" });
  });
});
