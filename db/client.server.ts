import { config } from "./config.server";
import { sharedDatabase } from "./connection.server";

function fromEnvironment() {
  const url = config().databaseUrl;
  if (!url) {
    throw new Error(
      "DATABASE_URL is not set. Start the portal with `npm start` (which starts an embedded PostgreSQL) or set DATABASE_URL.",
    );
  }
  return sharedDatabase(url);
}

const instance = fromEnvironment();

export const db = instance.db;
export const pool = instance.pool;
