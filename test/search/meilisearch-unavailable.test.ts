import { createServer, type Server, type Socket } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { db } from "../../db/client.server";
import { SearchUnavailableError } from "../../search/engines/engine";
import { createMeilisearchEngine } from "../../search/engines/meilisearch.server";
import { closedPortUrl } from "../support/closed-port";

/**
 * Meilisearch not answering, as a reader meets it (ADR 016): refused connections and a server that
 * takes the connection and never answers (overloaded, hung) are both SearchUnavailableError, the
 * second within the engine's read timeout rather than the minutes fetch would wait.
 */
const servers: Server[] = [];
const sockets: Socket[] = [];
afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.destroy();
  await Promise.all(servers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))));
});

/** A TCP server that accepts every connection and never writes a byte. */
async function silentServer() {
  const server = createServer((socket) => sockets.push(socket));
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(server.address() as { port: number }).port}`;
}

describe("the Meilisearch engine when Meilisearch does not answer", () => {
  it("tells a refused connection as SearchUnavailableError, for the match and the catalogue search", async () => {
    const engine = createMeilisearchEngine(db, { host: await closedPortUrl() });
    await expect(engine.match("badplatser i Borås")).rejects.toBeInstanceOf(SearchUnavailableError);
    await expect(engine.search({ text: "badplatser", kind: "dataset" })).rejects.toBeInstanceOf(SearchUnavailableError);
  });

  it("gives up on a server that never answers within its read timeout", async () => {
    const engine = createMeilisearchEngine(db, { host: await silentServer(), readTimeoutMs: 300 });
    const started = performance.now();
    await expect(engine.match("badplatser i Borås")).rejects.toBeInstanceOf(SearchUnavailableError);
    await expect(engine.search({ text: "badplatser", kind: "dataset" })).rejects.toBeInstanceOf(SearchUnavailableError);
    // Each call waits about the timeout (one read that never returns), not fetch's five minutes.
    expect(performance.now() - started).toBeLessThan(10_000);
  });
});
