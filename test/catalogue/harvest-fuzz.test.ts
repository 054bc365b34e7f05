import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { db } from "../../db/client.server";
import { getOrCreateCatalogueSource } from "../../app/models/catalogue-source.server";
import { harvestCatalogueSource } from "../../app/models/harvest.server";
import { fixtureFile } from "../support/catalogs";

/**
 * A few hundred broken catalogues made from the fixtures with a fixed seed, each harvested for
 * real as the same file source: whatever the damage, no crash, no run left `running`, and no run
 * that did not succeed removes anything (issue 7).
 */
const SEED = 20261130;
const MUTATIONS_PER_FIXTURE = 50;
const FIXTURES = [
  "catalogs/se_digg_dcat-ap-se_exempel_rekommenderat.rdf",
  "catalogs/se_fornpunkt_dcat3.ttl",
  "catalogs/it_comune-foggia_dcat-ap-it.rdf",
  "catalogs/se_opennorth_umea_entryscape_2015.rdf",
  "hardening/arcgis-hub-data.json",
  "hardening/geonetwork-iri-with-space.rdf",
];

const scratch = path.resolve(".data", `harvest-fuzz-${process.pid}`);
mkdirSync(scratch, { recursive: true });
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** mulberry32: small, fast and the same on every machine. */
function random(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Mutation = (bytes: Buffer, next: () => number) => Buffer;
const at = (next: () => number, length: number) => Math.floor(next() * length);

const MUTATIONS: Record<string, Mutation> = {
  truncate: (bytes, next) => bytes.subarray(0, at(next, bytes.length)),
  flipBytes: (bytes, next) => {
    const copy = Buffer.from(bytes);
    for (let n = 1 + at(next, 5); n > 0; n--) copy[at(next, copy.length)] ^= 1 + at(next, 255);
    return copy;
  },
  insertNul: (bytes, next) => {
    const position = at(next, bytes.length);
    return Buffer.concat([bytes.subarray(0, position), Buffer.alloc(1 + at(next, 20)), bytes.subarray(position)]);
  },
  duplicateSpan: (bytes, next) => {
    const start = at(next, bytes.length);
    const span = bytes.subarray(start, start + at(next, 2_000));
    const position = at(next, bytes.length);
    return Buffer.concat([bytes.subarray(0, position), span, bytes.subarray(position)]);
  },
  deleteSpan: (bytes, next) => {
    const start = at(next, bytes.length);
    return Buffer.concat([bytes.subarray(0, start), bytes.subarray(start + 1 + at(next, 2_000))]);
  },
  entityDeclaration: (bytes, next) => {
    const text = bytes.toString("utf8");
    const declaration = `<!DOCTYPE rdf:RDF [<!ENTITY boom "${"x".repeat(1 + at(next, 1_000))}">]>\n`;
    const afterProlog = text.startsWith("<?xml") ? text.indexOf("?>") + 2 : 0;
    const withDoctype = `${text.slice(0, afterProlog)}\n${declaration}${text.slice(afterProlog)}`;
    return Buffer.from(withDoctype.replace(/(<dct(?:erms)?:title[^>]*>)/, `$1${"&boom;".repeat(1_000)}`));
  },
  allNul: (bytes) => Buffer.alloc(Math.min(bytes.length, 1_000)),
};

async function activeCount(sourceId: string) {
  const rows = await db.selectFrom("datasets").select("id").where("source_id", "=", sourceId).where("removed_at", "is", null).execute();
  return rows.length;
}

async function runsStillRunning() {
  return (await db.selectFrom("harvest_runs").select("id").where("status", "=", "running").execute()).length;
}

describe("harvesting a few hundred mutated catalogues", () => {
  it("never crashes, never leaves a run running, never removes through a failed or held run", { timeout: 120_000 }, async () => {
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on("unhandledRejection", onUnhandled);
    const next = random(SEED);
    const names = Object.keys(MUTATIONS);
    const statuses: Record<string, number> = {};
    const started = Date.now();
    try {
      for (const fixture of FIXTURES) {
        const original = readFileSync(fixtureFile(fixture));
        const location = path.join(scratch, path.basename(fixture));
        writeFileSync(location, original);
        const sourceId = await getOrCreateCatalogueSource({ location });
        const good = await harvestCatalogueSource(sourceId);
        expect(good.status, `${fixture} as given`).toBe("succeeded");
        const baseline = await activeCount(sourceId);
        expect(baseline).toBeGreaterThan(0);

        for (let index = 0; index < MUTATIONS_PER_FIXTURE; index++) {
          const name = names[index % names.length];
          const mutated = MUTATIONS[name](original, next);
          writeFileSync(location, mutated);
          const summary = await harvestCatalogueSource(sourceId);
          const label = `${fixture}, mutation ${index} (${name}): ${summary.status} ${summary.error ?? ""}`;
          statuses[summary.status] = (statuses[summary.status] ?? 0) + 1;

          const run = await db
            .selectFrom("harvest_runs")
            .select(["status", "removed", "finished_at", "error"])
            .where("id", "=", summary.runId)
            .executeTakeFirstOrThrow();
          expect(run.status, label).toBe(summary.status);
          expect(run.finished_at, label).not.toBeNull();
          expect(run.error ?? "", label).not.toContain("\u0000");
          expect(await runsStillRunning(), label).toBe(0);
          // RDF/XML and JSON must end well-formed: only Turtle can be cut between two statements.
          const cutOff = name === "truncate" && mutated.toString().trimEnd().length < original.toString().trimEnd().length;
          if (cutOff && !fixture.endsWith(".ttl")) expect(summary.status, label).toBe("failed");
          if (summary.status !== "succeeded") {
            expect(summary.removed, label).toBe(0);
            expect(run.removed, label).toBe(0);
            expect(await activeCount(sourceId), label).toBeGreaterThanOrEqual(baseline);
          } else if (summary.added + summary.updated + summary.removed > 0) {
            // A mutation that still parses is a different catalogue: put the original back.
            writeFileSync(location, original);
            const restored = await harvestCatalogueSource(sourceId);
            expect(restored.status, `${label}, restoring`).toBe("succeeded");
            expect(await activeCount(sourceId), `${label}, restored`).toBe(baseline);
          }
        }
      }
    } finally {
      process.off("unhandledRejection", onUnhandled);
    }
    expect(unhandled).toEqual([]);
    // Most mutations break the file; some (a flipped byte in a literal) are still a catalogue.
    expect(statuses.failed).toBeGreaterThan(FIXTURES.length * MUTATIONS_PER_FIXTURE * 0.4);
    expect(Date.now() - started).toBeLessThan(60_000);
  });
});
