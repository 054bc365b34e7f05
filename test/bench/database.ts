import path from "node:path";
import { createDatabase } from "../../db/connection.server";
import { ensureDatabase, startEmbeddedPostgres } from "../../db/embedded.server";
import { migrateToLatest } from "../../db/migrate.server";
import { seed } from "../../db/seed/index";
import { freePort } from "../setup/free-port";

/**
 * A fresh database on an embedded PostgreSQL of the benchmark's own (under .data/bench-postgres),
 * migrated and seeded with the reference organisations; sets DATABASE_URL for app modules.
 */
export async function startBenchDatabase(name: string) {
  const embedded = await startEmbeddedPostgres({
    dataDir: path.resolve(".data/bench-postgres"),
    port: await freePort(),
    log: () => {},
  });
  const admin = createDatabase(embedded.url("postgres"), { max: 1 });
  await admin.pool.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.pool.end();
  await ensureDatabase(embedded.url("postgres"), name);
  const url = embedded.url(name);
  const { db } = createDatabase(url, { max: 1 });
  await migrateToLatest(db);
  await seed(db, { demo: false });
  await db.destroy();
  process.env.DATABASE_URL = url;
  return { url, stop: embedded.stop };
}
