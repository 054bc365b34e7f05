/**
 * Harvest throughput: a generated DCAT-AP-SE catalogue of N datasets in RDF/XML (default
 * 100,000), harvested from a file into an empty database, then harvested again (nothing changed).
 * Prints datasets per second and the peak memory of this process.
 */
import { mkdirSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { generateCatalogueRdfXml } from "../../db/seed/demo-catalogue";
import { benchDatabase } from "./match-database";

async function benchmarkHarvest(count: number) {
  const database = await benchDatabase("fraga_bench_harvest");
  const { getOrCreateCatalogueSource } = await import("../../app/models/catalogue-source.server");
  const { harvestCatalogueSource } = await import("../../app/models/harvest.server");
  try {
    mkdirSync(".data/bench", { recursive: true });
    const file = path.resolve(`.data/bench/catalogue-${count}.rdf`);
    writeFileSync(file, generateCatalogueRdfXml(count));
    const megabytes = statSync(file).size / 1024 / 1024;
    const sourceId = await getOrCreateCatalogueSource({ location: file, name: "Benchmark" });

    const first = performance.now();
    const added = await harvestCatalogueSource(sourceId);
    const firstSeconds = (performance.now() - first) / 1000;
    const again = performance.now();
    const unchanged = await harvestCatalogueSource(sourceId);
    const againSeconds = (performance.now() - again) / 1000;
    if (added.status !== "succeeded" || unchanged.status !== "succeeded") {
      throw new Error(`harvest failed: ${added.error ?? unchanged.error}`);
    }
    return {
      datasets: added.added,
      megabytes: Number(megabytes.toFixed(1)),
      firstHarvestSeconds: Number(firstSeconds.toFixed(1)),
      firstHarvestDatasetsPerSecond: Math.round(added.added / firstSeconds),
      reharvestSeconds: Number(againSeconds.toFixed(1)),
      reharvestDatasetsPerSecond: Math.round(unchanged.unchanged / againSeconds),
      peakRssMegabytes: Math.round(process.resourceUsage().maxRSS / 1024),
    };
  } finally {
    await database.stop();
  }
}

const count = Number(process.argv[2] ?? 100_000);
const result = await benchmarkHarvest(count);
console.log(`Harvest of ${result.datasets} datasets from RDF/XML (${result.megabytes} MB):`);
console.log(`  first harvest ${result.firstHarvestSeconds} s = ${result.firstHarvestDatasetsPerSecond} datasets/s`);
console.log(`  unchanged re-harvest ${result.reharvestSeconds} s = ${result.reharvestDatasetsPerSecond} datasets/s`);
console.log(`  peak memory of the harvesting process ${result.peakRssMegabytes} MB`);
process.exit(0);
