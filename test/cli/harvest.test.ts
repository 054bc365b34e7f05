import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { db } from "../../db/client.server";
import { catalogFixture } from "../support/catalogs";

/** `npm run harvest -- …` as a person runs it, against this test file's database. */
function harvestCommand(...args: string[]) {
  const result = spawnSync(process.execPath, ["--import", "tsx", "app/cli/harvest.server.ts", ...args], {
    encoding: "utf8",
    env: { ...process.env, DEMO_DATA: "off" },
  });
  return { code: result.status, output: `${result.stdout}${result.stderr}` };
}

describe("npm run harvest", () => {
  it("harvests a file for a publisher and prints the counts", async () => {
    const file = catalogFixture("se_fornpunkt_dcat3.ttl");
    const { code, output } = harvestCommand(file, "--publisher", "1490", "--name", "FornPunkt");
    expect(output).toMatch(/Harvest succeeded: added 5, updated 0, unchanged 0, removed 0, failed 0/);
    expect(code).toBe(0);
    const source = await db
      .selectFrom("catalogue_sources")
      .innerJoin("organisations", "organisations.id", "catalogue_sources.publisher_organisation_id")
      .select(["catalogue_sources.name", "organisations.kommunkod"])
      .where("location", "=", file)
      .executeTakeFirstOrThrow();
    expect(source).toEqual({ name: "FornPunkt", kommunkod: "1490" });
  });

  it("exits 1 with the reason when the harvest fails, and 2 on a wrong call", () => {
    const failed = harvestCommand(path.resolve("test/fixtures/catalogs/finns-inte.rdf"));
    expect(failed.code).toBe(1);
    expect(failed.output).toMatch(/Harvest failed: Filen .* finns inte/);
    expect(harvestCommand().code).toBe(2);
    const unknown = harvestCommand(catalogFixture("se_fornpunkt_dcat3.ttl"), "--publisher", "Atlantis");
    expect(unknown.code).toBe(2);
    expect(unknown.output).toMatch(/No organisation matches "Atlantis"/);
  });

  it("exits 1 with a clear message, not a database error, for a file of NUL bytes, and the next good run adds", () => {
    const dir = path.resolve(".data", `cli-nul-${process.pid}`);
    mkdirSync(dir, { recursive: true });
    const file = path.join(dir, "nul.ttl");
    writeFileSync(file, Buffer.alloc(1000));
    const failed = harvestCommand(file);
    expect(failed.code).toBe(1);
    expect(failed.output).toMatch(/Harvest failed: [A-ZÅÄÖ]/);
    expect(failed.output).not.toMatch(/\0|invalid byte sequence|error: |at .*\.ts:\d+/);
    writeFileSync(
      file,
      readFileSync(catalogFixture("se_fornpunkt_dcat3.ttl"), "utf8").replace(
        "<https://fornpunkt.se/datasets#>",
        "<https://fornpunkt.se/cli-nul#>",
      ),
    );
    const good = harvestCommand(file);
    expect(good.output).toMatch(/Harvest succeeded: added 5, updated 0/);
    rmSync(dir, { recursive: true, force: true });
  });
});
