import { config } from "./config.server";
import { createDatabase } from "./connection.server";
import { connectDatabase } from "./embedded.server";
import { migrateToLatest } from "./migrate.server";
import { seed } from "./seed/index";

/**
 * What every process of the portal does first: find or start the database, bring the schema up
 * to date and make sure the reference data (and, unless DEMO_DATA=off, demo data) is there.
 * Sets DATABASE_URL for the app modules imported afterwards (the server build has its own copy of
 * the settings module, and child processes inherit the environment).
 */
export async function prepareDatabase(options: { log?: (message: string) => void } = {}) {
  const log = options.log ?? (() => {});
  const database = await connectDatabase({ log });
  if (!config().databaseUrl) {
    process.env.DATABASE_URL = database.url;
    log(`Embedded PostgreSQL is running (${database.url.replace(/:[^:@/]*@/, ":***@")}).`);
  }
  const { db } = createDatabase(database.url, { max: 2 });
  try {
    const applied = await migrateToLatest(db);
    if (applied.length) log(`Migrations applied: ${applied.join(", ")}`);
    await seed(db, {
      demo: config().demoData,
      dataDir: config().dataDir,
      log,
    });
  } finally {
    await db.destroy();
  }
  return database;
}
