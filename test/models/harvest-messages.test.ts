import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { db } from "../../db/client.server";
import { storedHarvestText } from "../../app/catalogue/harvest-message";
import { getOrCreateCatalogueSource } from "../../app/models/catalogue-source.server";
import { failHarvestRun, harvestCatalogueSource, startHarvestRun } from "../../app/models/harvest.server";
import { harvestMessage } from "../../app/catalogue/harvest-message";

/**
 * A harvest run keeps what it reports as message keys and parameters (issue 8): the admin reads
 * it in their language, the command line in Swedish (the same words as before), and a run written
 * before keys were stored still reads as it was written.
 */

const scratch = path.resolve(".data", `harvest-messages-${process.pid}`);
mkdirSync(scratch, { recursive: true });
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

async function runRow(runId: string) {
  return db
    .selectFrom("harvest_runs")
    .select(["error", "error_key", "error_params", "warnings"])
    .where("id", "=", runId)
    .executeTakeFirstOrThrow();
}

describe("a harvest run's messages", () => {
  it("store the error's key and parameters; Swedish text as before, English for an English reader", async () => {
    const location = path.join(scratch, "finns-inte.rdf");
    const summary = await harvestCatalogueSource(await getOrCreateCatalogueSource({ location }));
    expect(summary.error).toBe(`Filen ${location} finns inte eller kan inte läsas.`);
    const run = await runRow(summary.runId);
    expect(run).toMatchObject({ error: summary.error, error_key: "harvest.error.fileMissing", error_params: { location } });
    const stored = { key: run.error_key, params: run.error_params, text: run.error };
    expect(storedHarvestText("sv", stored)).toBe(summary.error);
    expect(storedHarvestText("en", stored)).toBe(`The file ${location} does not exist or cannot be read.`);
  });

  it("keep a parse error's reason in the parser's words for English and in Swedish for Swedish", async () => {
    const location = path.join(scratch, "trasig.rdf");
    writeFileSync(
      location,
      `<?xml version="1.0"?>\n<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">\n<<junk & more junk>>\n`,
    );
    const summary = await harvestCatalogueSource(await getOrCreateCatalogueSource({ location }));
    expect(summary.status).toBe("failed");
    const run = await runRow(summary.runId);
    expect(run.error_key).toBe("harvest.error.parseAtLineColumn");
    expect(run.error_params).toMatchObject({ format: "RDF/XML", line: 3 });
    const stored = { key: run.error_key, params: run.error_params, text: run.error };
    expect(storedHarvestText("sv", stored)).toBe(run.error);
    expect(storedHarvestText("sv", stored)).toMatch(/^Katalogen kunde inte läsas som RDF\/XML på rad 3, kolumn \d+: /);
    expect(storedHarvestText("en", stored)).toMatch(/^The catalogue could not be read as RDF\/XML at line 3, column \d+: /);
  });

  it("store each dataset's note with its key, told in English to an English reader", async () => {
    const location = path.join(scratch, "lang.ttl");
    const long = "Mätvärden från badplatser. ".repeat(1_000);
    writeFileSync(
      location,
      `<https://example.se/lang> a <http://www.w3.org/ns/dcat#Dataset> ;
        <http://purl.org/dc/terms/title> "Badplatser"@sv ;
        <http://purl.org/dc/terms/description> "${long}"@sv .\n`,
    );
    const summary = await harvestCatalogueSource(await getOrCreateCatalogueSource({ location }));
    expect(summary.status).toBe("succeeded");
    const [warning] = (await runRow(summary.runId)).warnings;
    expect(warning).toEqual({
      identity: "https://example.se/lang",
      message: "Beskrivningen var längre än 20 000 tecken och kortades.",
      key: "harvest.warning.descriptionCut",
      params: { limit: "20 000", limitEn: "20,000" },
    });
    expect(storedHarvestText("en", { key: warning.key, params: warning.params, text: warning.message })).toBe(
      "The description was longer than 20,000 characters and was shortened.",
    );
  });

  it("a run ended from outside (its process died) stores its key too", async () => {
    const sourceId = await getOrCreateCatalogueSource({ location: path.join(scratch, "dog.rdf") });
    const runId = await startHarvestRun(sourceId);
    await failHarvestRun({ runId, error: harvestMessage("harvest.error.childDied.code", { code: "1", heapMb: 300 }) });
    const run = await runRow(runId);
    expect(run.error).toBe(
      "Skördningen avbröts: processen som skördade stoppades (kod 1), kanske av för lite minne (gräns 300 MB). Inget ändrades; tidigare skördade datamängder är kvar.",
    );
    expect(storedHarvestText("en", { key: run.error_key, params: run.error_params, text: run.error })).toMatch(
      /^The harvest was interrupted: its process stopped \(code 1\), perhaps for lack of memory \(limit 300 MB\)/,
    );
  });

  it("count in the plural the count needs, Swedish and English: 1 fel / 1 error, 2 errors", async () => {
    const untitled = (n: number) =>
      Array.from({ length: n }, (_, i) => `<https://example.se/utan-titel-${i}> a <http://www.w3.org/ns/dcat#Dataset> .`).join("\n");
    const told = [];
    for (const count of [1, 2]) {
      const location = path.join(scratch, `utan-titel-${count}.ttl`);
      writeFileSync(location, `${untitled(count)}\n`);
      const summary = await harvestCatalogueSource(await getOrCreateCatalogueSource({ location }));
      const run = await runRow(summary.runId);
      expect(run).toMatchObject({ error_key: "harvest.error.noneReadable", error_params: { count } });
      const stored = { key: run.error_key, params: run.error_params, text: run.error };
      expect(storedHarvestText("sv", stored)).toBe(run.error);
      told.push(storedHarvestText("sv", stored), storedHarvestText("en", stored));
    }
    expect(told).toEqual([
      "Ingen datamängd i katalogen kunde läsas (1 fel). Tidigare skördade datamängder är kvar.",
      "No dataset in the catalogue could be read (1 error). The datasets harvested before are kept.",
      "Ingen datamängd i katalogen kunde läsas (2 fel). Tidigare skördade datamängder är kvar.",
      "No dataset in the catalogue could be read (2 errors). The datasets harvested before are kept.",
    ]);

    const sourceId = await getOrCreateCatalogueSource({ location: path.join(scratch, "lång.rdf") });
    for (const count of [1, 2]) {
      const runId = await startHarvestRun(sourceId);
      await failHarvestRun({ runId, error: harvestMessage("harvest.error.tookTooLong.minutes", { count }) });
      const run = await runRow(runId);
      expect(run.error).toMatch(count === 1 ? /längre än 1 minut och/ : /längre än 2 minuter och/);
      expect(storedHarvestText("en", { key: run.error_key, params: run.error_params, text: run.error })).toMatch(
        count === 1 ? /longer than 1 minute and/ : /longer than 2 minutes and/,
      );
    }
  });

  it("of a run stored before counts took plural forms read in today's words", () => {
    const minute = { key: "harvest.error.tookTooLong.minute", params: {}, text: "…" };
    expect(storedHarvestText("sv", minute)).toMatch(/längre än 1 minut och/);
    expect(storedHarvestText("en", minute)).toMatch(/longer than 1 minute and/);
    const minutes = { key: "harvest.error.tookTooLong.minutes", params: { count: 5 }, text: "…" };
    expect(storedHarvestText("en", minutes)).toMatch(/longer than 5 minutes and/);
    const second = { key: "harvest.error.tookTooLong.second", params: {}, text: "…" };
    expect(storedHarvestText("en", second)).toMatch(/longer than 1 second and/);
    const timeout = (seconds: number) => ({ key: "harvest.error.timeout", params: { location: "https://x.se", seconds }, text: "…" });
    expect(storedHarvestText("sv", timeout(1))).toBe("Katalogen på https://x.se svarade inte inom 1 sekund.");
    expect(storedHarvestText("en", timeout(30))).toBe("The catalogue at https://x.se did not answer within 30 seconds.");
    const failed = { key: "harvest.error.noneReadable", params: { failed: 1 }, text: "…" };
    expect(storedHarvestText("en", failed)).toBe(
      "No dataset in the catalogue could be read (1 error). The datasets harvested before are kept.",
    );
  });

  it("of a run written before keys read as they were written", () => {
    const old = { key: null, params: null, text: "Katalogen på https://x.se svarade med HTTP 500." };
    expect(storedHarvestText("en", old)).toBe(old.text);
    expect(storedHarvestText("en", { key: "no.such.key", params: {}, text: "kvar" })).toBe("kvar");
  });
});
