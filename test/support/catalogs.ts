import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

/**
 * The catalogue fixtures, each file kept once: the four the demo seed harvests live with the seed
 * (`db/seed/data/catalogs/`, which a running portal reads), the others in `test/fixtures/catalogs/`,
 * whose SOURCES.md says where every one of them comes from.
 */
const SEED_CATALOGS = fileURLToPath(new URL("../../db/seed/data/catalogs/", import.meta.url));
const TEST_CATALOGS = fileURLToPath(new URL("../fixtures/catalogs/", import.meta.url));

/** The absolute path of a catalogue fixture, by file name. */
export function catalogFixture(file: string): string {
  return existsSync(SEED_CATALOGS + file) ? SEED_CATALOGS + file : TEST_CATALOGS + file;
}
