import { createServer } from "node:net";

/** The address of a port that was free a moment ago: connecting to it is refused, as to a service that is down. */
export async function closedPortUrl() {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return `http://127.0.0.1:${port}`;
}
