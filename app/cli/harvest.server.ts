/**
 * `npm run harvest -- <file-or-url> [--publisher <organisation>] [--name <name>]`
 * Harvests one DCAT-AP-SE catalogue (RDF/XML, Turtle or JSON-LD) and prints what changed.
 */
import { parseArgs } from "node:util";
import cliProgress from "cli-progress";
import { prepareDatabase } from "../../db/prepare.server";

const usage = "Usage: npm run harvest -- <file-or-url> [--publisher <organisation slug, kommunkod or name>] [--name <source name>]";

async function main() {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: { publisher: { type: "string" }, name: { type: "string" }, help: { type: "boolean", short: "h" } },
  });
  if (values.help || positionals.length !== 1) {
    console.log(usage);
    return values.help ? 0 : 2;
  }
  const database = await prepareDatabase();
  // Imported only now: the app's database client reads DATABASE_URL when it loads.
  const { db } = await import("../../db/client.server");
  const harvest = await import("../models/harvest.server");
  const sources = await import("../models/catalogue-source.server");
  try {
    let publisherOrganisationId: string | null = null;
    if (values.publisher) {
      const organisation = await sources.findOrganisation(values.publisher);
      if (!organisation) {
        console.error(`No organisation matches "${values.publisher}" (try a slug such as boras, or a kommunkod such as 1490).`);
        return 2;
      }
      publisherOrganisationId = organisation.id;
    }
    const sourceId = await sources.getOrCreateCatalogueSource({
      location: positionals[0],
      name: values.name,
      publisherOrganisationId,
    });

    const bar = new cliProgress.SingleBar(
      { format: "{phase} [{bar}] {percentage}% | {value}/{total} {unit}", hideCursor: true, clearOnComplete: true },
      cliProgress.Presets.shades_classic,
    );
    let phase: "read" | "write" | null = null;
    const started = performance.now();
    const summary = await harvest.harvestCatalogueSource(sourceId, {
      onProgress: (progress) => {
        if (progress.phase !== phase) {
          if (phase) bar.stop();
          phase = progress.phase;
          const total = progress.phase === "read" ? (progress.totalBytes ?? 0) : progress.total;
          bar.start(total, 0, progress.phase === "read" ? { phase: "Reading ", unit: "bytes" } : { phase: "Writing ", unit: "datasets" });
        }
        bar.update(progress.phase === "read" ? progress.bytes : progress.done);
      },
    });
    if (phase) bar.stop();
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    const counts = `added ${summary.added}, updated ${summary.updated}, unchanged ${summary.unchanged}, removed ${summary.removed}, failed ${summary.failed}`;
    if (summary.status === "failed") {
      console.error(`Harvest failed: ${summary.error}`);
      console.log(`${counts} (${seconds} s)`);
      return 1;
    }
    for (const failure of summary.errors.slice(0, 10)) console.warn(`  ! ${failure.identity}: ${failure.message}`);
    if (summary.errors.length > 10) console.warn(`  … and ${summary.errors.length - 10} more`);
    console.log(`Harvest succeeded: ${counts} (${seconds} s)`);
    return 0;
  } finally {
    await db.destroy();
    await database.stop();
  }
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
