import { createDatabase } from "./connection.server";

function fromEnvironment() {
  const url = process.env.DATABASE_URL;
  if (!url) {
    throw new Error(
      "DATABASE_URL is not set. Start the portal with `npm start` (which starts an embedded PostgreSQL) or set DATABASE_URL.",
    );
  }
  return createDatabase(url);
}

// The one pool of the process; kept on globalThis so a re-evaluated module reuses it.
const globalForDb = globalThis as unknown as { __fragaDb?: ReturnType<typeof createDatabase> };
const instance = (globalForDb.__fragaDb ??= fromEnvironment());

export const db = instance.db;
export const pool = instance.pool;
