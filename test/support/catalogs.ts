import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { expect } from "vitest";
import { CatalogueParseError } from "../../app/catalogue/dcat.server";

/**
 * The catalogue fixtures, each file kept once: the four the demo seed harvests live with the seed
 * (`db/seed/data/catalogs/`, which a running portal reads), the others in `test/fixtures/catalogs/`,
 * whose SOURCES.md says where every one of them comes from.
 */
const SEED_CATALOGS = fileURLToPath(new URL("../../db/seed/data/catalogs/", import.meta.url));
const FIXTURES = fileURLToPath(new URL("../fixtures/", import.meta.url));

/** The absolute path of a catalogue fixture, by file name. */
export function catalogFixture(file: string): string {
  return existsSync(SEED_CATALOGS + file) ? SEED_CATALOGS + file : path.join(FIXTURES, "catalogs", file);
}

/** The absolute path of a fixture by its path under test/fixtures/ ("catalogs/…", "hardening/…"). */
export function fixtureFile(relative: string): string {
  return relative.startsWith("catalogs/") ? catalogFixture(relative.slice("catalogs/".length)) : path.join(FIXTURES, relative);
}

/**
 * A DCAT RDF/XML catalogue with only its first `keep` datasets, still well-formed: what a cut-off
 * export that parses looks like.
 */
export function keepFirstDatasets(rdf: string, keep: number): string {
  let seen = 0;
  return rdf.replace(/<dcat:Dataset rdf:about="[^"]+">(?:(?!<\/dcat:Dataset>)[\s\S])*<\/dcat:Dataset>/g, (dataset) =>
    ++seen <= keep ? dataset : "",
  );
}

/** The error a parse is refused with; fails the test when it succeeds or fails otherwise. */
export async function parseError(promise: Promise<unknown>): Promise<CatalogueParseError> {
  const error = await promise.then(
    () => null,
    (rejection: unknown) => rejection,
  );
  expect(error).toBeInstanceOf(CatalogueParseError);
  return error as CatalogueParseError;
}
