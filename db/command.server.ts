import { configOrExit } from "./config.server";
import { closeSharedDatabase } from "./connection.server";
import { prepareDatabase } from "./prepare.server";

/**
 * Runs a command-line tool against the portal's database (the running portal's embedded
 * PostgreSQL, one started for the tool, or DATABASE_URL), then closes everything and exits with
 * the tool's exit code. App modules must be imported inside `work`: they read DATABASE_URL on load.
 */
export function runWithDatabase(work: () => Promise<number>) {
  configOrExit();
  const run = async () => {
    const database = await prepareDatabase();
    try {
      return await work();
    } finally {
      await closeSharedDatabase();
      await database.stop();
    }
  };
  run().then(
    (code) => process.exit(code),
    (error) => {
      console.error(error);
      process.exit(1);
    },
  );
}
