import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll, inject } from "vitest";
import { closeSharedDatabase } from "../../db/connection.server";

/**
 * Runs before each test file: clones the migrated template into a database of the file's own and
 * points DATABASE_URL at it before any app module opens the pool.
 */
const adminUrl = inject("databaseAdminUrl");
const databaseName = `fraga_test_${randomBytes(6).toString("hex")}`;

async function admin<T>(work: (client: pg.Client) => Promise<T>) {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

await admin((client) => client.query(`CREATE DATABASE ${databaseName} TEMPLATE ${inject("templateDatabase")}`));
process.env.DATABASE_URL = adminUrl.replace(/\/[^/]*$/, `/${databaseName}`);
process.env.TEST_DATABASE_NAME = databaseName;

afterAll(async () => {
  // The app's pool lives on globalThis; a worker may run another file next.
  await closeSharedDatabase();
  await admin((client) => client.query(`DROP DATABASE IF EXISTS ${databaseName} WITH (FORCE)`));
});
