/**
 * One measured run in a process of its own, so its peak memory is its own: `parse <file>` reads
 * and maps the whole catalogue in memory (parseCatalogue, the parser's own speed), `harvest
 * <sourceId>` runs a real harvest of a source. Prints one line of JSON. Started by
 * harvest-throughput.ts with the same heap cap as the job queue's harvest child.
 */
import { createReadStream } from "node:fs";

const [mode, target] = process.argv.slice(2);
let started = performance.now();
let cpuBefore = process.cpuUsage();
const seconds = (from: number) => Number(((performance.now() - from) / 1000).toFixed(2));

if (mode === "parse") {
  const { parseCatalogue } = await import("../../app/catalogue/dcat.server");
  const parsed = await parseCatalogue(createReadStream(target), { sourceName: target });
  report({ datasets: parsed.datasets.length, seconds: seconds(started) });
} else {
  const { closeSharedDatabase } = await import("../../db/connection.server");
  const { harvestCatalogueSource } = await import("../../app/models/harvest.server");
  const { getOrCreateCatalogueSource } = await import("../../app/models/catalogue-source.server");
  const sourceId = await getOrCreateCatalogueSource({ location: target, name: "Benchmark" });
  started = performance.now();
  cpuBefore = process.cpuUsage();
  let firstWrite = 0;
  let stagingCpu = 0;
  const summary = await harvestCatalogueSource(sourceId, {
    onProgress: (progress) => {
      if (progress.phase === "write" && firstWrite === 0) {
        firstWrite = performance.now();
        const cpu = process.cpuUsage(cpuBefore);
        stagingCpu = (cpu.user + cpu.system) / 1e6;
      }
    },
  });
  const total = seconds(started);
  await closeSharedDatabase();
  if (summary.status !== "succeeded") throw new Error(`harvest ${summary.status}: ${summary.error}`);
  report({
    datasets: summary.added + summary.updated + summary.unchanged,
    added: summary.added,
    unchanged: summary.unchanged,
    seconds: total,
    // Until the first batch is written: parsing, COPY into the staging table, its indexes.
    stagingSeconds: firstWrite ? Number(((firstWrite - started) / 1000).toFixed(2)) : total,
    stagingCpuSeconds: Number(stagingCpu.toFixed(2)),
  });
}

function report(result: Record<string, number>) {
  const cpu = process.cpuUsage(cpuBefore);
  console.log(
    JSON.stringify({
      ...result,
      cpuSeconds: Number(((cpu.user + cpu.system) / 1e6).toFixed(2)),
      peakRssMegabytes: Math.round(process.resourceUsage().maxRSS / 1024),
    }),
  );
  process.exit(0);
}
