import { PassThrough } from "node:stream";
import type { AppLoadContext, EntryContext } from "@remix-run/node";
import { createReadableStreamFromReadable } from "@remix-run/node";
import { RemixServer } from "@remix-run/react";
import { isbot } from "isbot";
import { renderToPipeableStream } from "react-dom/server";
import { config } from "../db/config.server";
import { NonceProvider } from "./utils/nonce";

export const streamTimeout = 5_000;

export default function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  // Bots and crawlers get the whole document at once; browsers get it streamed.
  const readyEvent = isbot(request.headers.get("user-agent") ?? "") ? "onAllReady" : "onShellReady";
  const nonce = loadContext.cspNonce;
  return new Promise((resolve, reject) => {
    let shellRendered = false;
    const { pipe, abort } = renderToPipeableStream(
      <NonceProvider value={nonce}>
        <RemixServer context={remixContext} url={request.url} abortDelay={streamTimeout} nonce={nonce} />
      </NonceProvider>,
      {
        nonce,
        [readyEvent]() {
          shellRendered = true;
          const body = new PassThrough();
          responseHeaders.set("Content-Type", "text/html; charset=utf-8");
          resolve(
            new Response(createReadableStreamFromReadable(body), {
              headers: responseHeaders,
              status: responseStatusCode,
            }),
          );
          pipe(body);
        },
        onShellError(error: unknown) {
          reject(error);
        },
        onError(error: unknown) {
          responseStatusCode = 500;
          // Errors after the shell are logged here; those before it reach onShellError.
          if (shellRendered) console.error(error);
        },
      },
    );
    setTimeout(abort, streamTimeout + 1000);
  });
}

export function handleError(error: unknown, { request }: { request: Request }) {
  if (request.signal.aborted) return;
  console.error(error);
}

/**
 * Called once by server.ts after the database is ready: the job queue (harvests) and the search
 * outbox worker run inside the server process, in the same module graph as the routes.
 */
export async function startBackgroundWork(options: { log: (message: string) => void }) {
  const [{ startJobs }, { startOutboxWorker }, { getSearchEngine }] = await Promise.all([
    import("./jobs/queue.server"),
    import("../search/indexing/outbox.server"),
    import("../search/engines/select-engine.server"),
  ]);
  const outbox = await startOutboxWorker(getSearchEngine(), { log: (message) => options.log(`search: ${message}`) });
  // Demo data is a seed step: only with demo data on is the demo seed's job given to the queue.
  const afterHarvest = config().demoData
    ? (await import("./jobs/demo-requests.server")).seedDemoRequestsAfterHarvest(options.log)
    : undefined;
  const jobs = await startJobs({ connectionString: config().databaseUrl!, log: options.log, afterHarvest });
  return {
    stop: async () => {
      await jobs.stop();
      await outbox.stop();
    },
  };
}
