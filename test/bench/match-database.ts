import path from "node:path";
import pg from "pg";
import { closeSharedDatabase, createDatabase } from "../../db/connection.server";
import { startEmbeddedPostgres } from "../../db/embedded.server";
import { migrateToLatest } from "../../db/migrate.server";
import { seed } from "../../db/seed/index";
import { freePort } from "../setup/free-port";

/**
 * A fresh, migrated and seeded database for a matcher benchmark (or, with `reuse`, the one an
 * earlier run kept): on TEST_DATABASE_ADMIN_URL when set, else on an embedded PostgreSQL under
 * .data/. Sets DATABASE_URL, so the app's modules must be imported after this returns.
 */
export async function benchDatabase(name: string, options: { dataDir?: string; reuse?: boolean; template?: string } = {}) {
  let adminUrl = process.env.TEST_DATABASE_ADMIN_URL;
  let stopServer = async () => {};
  if (!adminUrl) {
    const embedded = await startEmbeddedPostgres({
      dataDir: path.resolve(options.dataDir ?? ".data/bench-postgres"),
      port: await freePort(),
      log: () => {},
    });
    adminUrl = embedded.url("postgres");
    stopServer = embedded.stop;
  }
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  const exists = (await admin.query("SELECT 1 FROM pg_database WHERE datname = $1", [name])).rowCount;
  if (!options.reuse || !exists) {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    // A copy of an earlier run's kept database, when asked for one (minutes of loading saved).
    const template = options.template && (await admin.query("SELECT 1 FROM pg_database WHERE datname = $1", [options.template])).rowCount;
    await admin.query(template ? `CREATE DATABASE ${name} TEMPLATE ${options.template}` : `CREATE DATABASE ${name}`);
  }
  await admin.end();

  const url = adminUrl.replace(/\/[^/]*$/, `/${name}`);
  const setup = createDatabase(url, { max: 1 });
  await migrateToLatest(setup.db);
  await seed(setup.db, { demo: false });
  await setup.db.destroy();
  process.env.DATABASE_URL = url;

  return {
    url,
    /** Closes the app's pool, drops the database unless asked to keep it, stops PostgreSQL. */
    async stop(options: { keep?: boolean } = {}) {
      await closeSharedDatabase();
      if (!options.keep) {
        const client = new pg.Client({ connectionString: adminUrl });
        await client.connect();
        await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await client.end();
      }
      await stopServer();
    },
  };
}
