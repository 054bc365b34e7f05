import { readFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import { fixtureFile } from "./catalogs";

/** A real HTTP server on loopback that serves fixture catalogues, as a municipality's would. */
export async function startCatalogueServer(routes: Record<string, { file: string; contentType: string }>) {
  const server: Server = createServer((req, res) => {
    const route = routes[req.url ?? ""];
    if (!route) {
      res.statusCode = req.url === "/error" ? 500 : 404;
      res.end();
      return;
    }
    res.writeHead(200, { "Content-Type": route.contentType });
    res.end(readFileSync(fixtureFile(route.file)));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  const base = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`;
  return {
    base,
    close: () => {
      server.closeAllConnections();
      server.close();
    },
  };
}
