/**
 * `npm run harvest -- <file-or-url> [--publisher <organisation>] [--name <name>]`
 * Harvests one DCAT-AP-SE catalogue (RDF/XML, Turtle or JSON-LD) and prints what changed.
 */
import { parseArgs } from "node:util";
import cliProgress from "cli-progress";
import { runWithDatabase } from "../../db/command.server";
import { translate } from "../i18n/translate";

const usage = "Usage: npm run harvest -- <file-or-url> [--publisher <organisation slug, kommunkod or name>] [--name <source name>]";

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: { publisher: { type: "string" }, name: { type: "string" }, help: { type: "boolean", short: "h" } },
});

async function harvestLocation(location: string, options: { publisher?: string; name?: string }) {
  const { harvestCatalogueSource } = await import("../models/harvest.server");
  const { findOrganisation, getOrCreateCatalogueSource } = await import("../models/catalogue-source.server");

  let publisherOrganisationId: string | null = null;
  if (options.publisher) {
    const organisation = await findOrganisation(options.publisher);
    if (!organisation) {
      console.error(`No organisation matches "${options.publisher}" (try a slug such as boras, or a kommunkod such as 1490).`);
      return 2;
    }
    publisherOrganisationId = organisation.id;
  }
  const { SourceAddressRefusedError } = await import("../models/catalogue-source.server");
  let sourceId: string;
  try {
    sourceId = await getOrCreateCatalogueSource({ location, name: options.name, publisherOrganisationId });
  } catch (error) {
    if (!(error instanceof SourceAddressRefusedError)) throw error;
    console.error(
      `${error.location}: ${translate("sv", error.messageKey)} (An internal host can be allowed in CATALOGUE_ALLOWED_INTERNAL_HOSTS.)`,
    );
    return 1;
  }

  const bar = new cliProgress.SingleBar(
    { format: "{phase} [{bar}] {percentage}% | {value}/{total} {unit}", hideCursor: true, clearOnComplete: true },
    cliProgress.Presets.shades_classic,
  );
  let phase: "read" | "write" | null = null;
  const started = performance.now();
  const summary = await harvestCatalogueSource(sourceId, {
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
  for (const warning of summary.warnings.slice(0, 10)) console.warn(`  - ${warning.identity}: ${warning.message}`);
  if (summary.warnings.length > 10) console.warn(`  … and ${summary.warnings.length - 10} more notes`);
  if (summary.status === "held") {
    console.log(
      `Harvest held: it would remove ${summary.pendingRemovals} datasets, more than the source's share; nothing was removed. Confirm or discard it under Admin → Catalogue sources. ${counts} (${seconds} s)`,
    );
    return 0;
  }
  console.log(`Harvest succeeded: ${counts} (${seconds} s)`);
  return 0;
}

if (values.help || positionals.length !== 1) {
  console.log(usage);
  process.exit(values.help ? 0 : 2);
}
runWithDatabase(() => harvestLocation(positionals[0], values));
