/**
 * The matcher's evaluation sets, for measuring: the public set (shared/fixtures/eval, 26 requests),
 * the unseen set (test/fixtures/eval-unseen, 85 requests written before anyone looked at the
 * catalogue's words; its README says how), the fresh set (test/fixtures/eval-fresh, 70 requests
 * written the same way; held out until it had been measured once, then pooled with the other two
 * for tuning, ADR 034) and the holdout set (test/fixtures/eval-holdout, written the same way after
 * that; held out of the cross-validation halves and of every tuning step, so its figures stay
 * those of requests nothing was chosen on). Never put a word from these requests into a word list
 * or rule of the matcher.
 */
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";

export interface LabelledQuery {
  id: string;
  text: string;
  relevant: string[];
  note: string;
}

export interface EvaluationSets {
  public: LabelledQuery[];
  unseen: LabelledQuery[];
  fresh: LabelledQuery[];
  /** Held out: measured, never split or tuned on. */
  holdout: LabelledQuery[];
  /** The catalogue the sets are labelled against (RDF/XML). */
  catalogue: string;
}

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "../..");

export function loadEvaluationSets(): EvaluationSets {
  const publicDir = [path.join(root, "test/fixtures/eval"), path.resolve(root, "../shared/fixtures/eval")].find((dir) =>
    existsSync(path.join(dir, "queries-public.jsonl")),
  );
  const catalogue = [
    path.join(root, "db/seed/data/catalogs/catalog-vg-public.rdf"),
    path.resolve(root, "../shared/fixtures/eval/catalog-vg-public.rdf"),
  ].find(existsSync);
  const unseen = path.join(root, "test/fixtures/eval-unseen/queries.jsonl");
  const fresh = path.join(root, "test/fixtures/eval-fresh/queries.jsonl");
  const holdout = path.join(root, "test/fixtures/eval-holdout/queries.jsonl");
  if (!publicDir || !catalogue || ![unseen, fresh, holdout].every(existsSync))
    throw new Error(
      "The evaluation sets (queries-public.jsonl, eval-unseen, eval-fresh and eval-holdout/queries.jsonl, catalog-vg-public.rdf) were not found.",
    );
  return {
    public: readQueries(path.join(publicDir, "queries-public.jsonl")),
    unseen: readQueries(unseen),
    fresh: readQueries(fresh),
    holdout: readQueries(holdout),
    catalogue,
  };
}

function readQueries(file: string): LabelledQuery[] {
  return readFileSync(file, "utf8")
    .split("\n")
    .filter((line) => line.trim())
    .map((line) => JSON.parse(line) as LabelledQuery);
}

/** The fixed seed of the cross-validation split; changing it changes every cross-validated figure. */
export const CROSS_VALIDATION_SEED = 11;

/** The sets a tuning step may choose on: every set but the holdout set. */
export type TuningSets = Pick<EvaluationSets, "public" | "unseen" | "fresh">;

/** The tuning sets, one list per set, in a fixed order: the one place that names them. */
function tuningSetsInOrder(sets: TuningSets): LabelledQuery[][] {
  return [sets.public, sets.unseen, sets.fresh];
}

/** Every request a tuning step may choose on, set by set. */
export function tuningRequests(sets: TuningSets): LabelledQuery[] {
  return tuningSetsInOrder(sets).flat();
}

/**
 * The union of the tuning sets split in two halves by a fixed seed, for cross-validation: a step that
 * tunes anything (a threshold, a fusion weight, a word list learned from data) tunes on one half
 * and reports on the other, then the other way round. The split is stratified (answerable and
 * no-match requests are halved separately, each set's too) so both halves have the same mix, and
 * it depends only on the requests' ids and the seed, not on their order in the files.
 */
export function crossValidationHalves(sets: TuningSets, seed = CROSS_VALIDATION_SEED) {
  const halves: [LabelledQuery[], LabelledQuery[]] = [[], []];
  const strata = tuningSetsInOrder(sets).flatMap((set) => [set.filter((q) => q.relevant.length), set.filter((q) => !q.relevant.length)]);
  for (const stratum of strata) {
    const shuffled = [...stratum].sort((a, b) => seededHash(a.id, seed) - seededHash(b.id, seed) || a.id.localeCompare(b.id));
    // Alternate, starting with the smaller half, so the halves differ by at most one request.
    for (const query of shuffled) (halves[0].length <= halves[1].length ? halves[0] : halves[1]).push(query);
  }
  return halves;
}

/** FNV-1a over the seed and the id: stable across Node versions and platforms. */
function seededHash(id: string, seed: number) {
  let hash = 0x811c9dc5 ^ seed;
  for (const char of `${seed}:${id}`) {
    hash ^= char.codePointAt(0)!;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}
