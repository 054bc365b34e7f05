import { Migrator, type Kysely } from "kysely";
import { migrations } from "./migrations/index";

export async function migrateToLatest(db: Kysely<any>) {
  const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === "Error");
    throw new Error(`Migration ${failed?.migrationName ?? "?"} failed: ${String(error)}`, { cause: error });
  }
  return results?.filter((r) => r.status === "Success").map((r) => r.migrationName) ?? [];
}
