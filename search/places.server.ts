import type { Kysely } from "kysely";
import type { Database } from "../db/schema";
import { createPlaceFinder, type Place, type PlaceFinder } from "./places";

const TTL_MS = 60_000;

/**
 * The municipalities and regions a request can name, from our organisations (the 49 Västra
 * Götaland municipalities and the region are reference data), kept for a minute per database.
 */
const cache = new WeakMap<object, { finder: Promise<PlaceFinder>; at: number }>();

export function placeFinderFor(db: Kysely<Database>): Promise<PlaceFinder> {
  const cached = cache.get(db);
  if (cached && Date.now() - cached.at < TTL_MS) return cached.finder;
  const finder = db
    .selectFrom("organisations")
    .select(["kommunkod", "name", "type"])
    .where("type", "in", ["municipality", "region"])
    .where("kommunkod", "is not", null)
    .execute()
    .then((rows) =>
      createPlaceFinder(
        rows.map((row): Place => ({ kommunkod: row.kommunkod!, name: row.name, type: row.type as Place["type"] })),
      ),
    );
  finder.catch(() => cache.delete(db));
  cache.set(db, { finder, at: Date.now() });
  return finder;
}
