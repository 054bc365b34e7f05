import { fork } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { db } from "../../db/client.server";
import { startHarvestRun, type HarvestSummary } from "../models/harvest.server";

/**
 * Runs a harvest in a child process with its own heap cap (ADR 005): a huge or hostile catalogue
 * can exhaust that heap, never the web server's. The parent makes the run's row first, so a child
 * that dies (out of memory, killed) still leaves its run failed with a message, not "running".
 */
const DEFAULT_HEAP_MB = 512;

/** The worker's source file, found from this module (app/jobs/) or from the server build (build/). */
function workerPath() {
  let directory = path.dirname(fileURLToPath(import.meta.url));
  for (let depth = 0; depth < 4; depth++) {
    const candidate = path.join(directory, "app/jobs/harvest-worker.server.ts");
    if (existsSync(candidate)) return { file: candidate, root: directory };
    directory = path.dirname(directory);
  }
  throw new Error("app/jobs/harvest-worker.server.ts not found");
}

export async function harvestInChildProcess(
  sourceId: string,
  options: { maxOldSpaceMb?: number } = {},
): Promise<HarvestSummary | null> {
  const heapMb = options.maxOldSpaceMb ?? (Number(process.env.HARVEST_MAX_OLD_SPACE_MB) || DEFAULT_HEAP_MB);
  const runId = await startHarvestRun(sourceId);
  const { file, root } = workerPath();
  let summary: HarvestSummary | null = null;
  const exit = await new Promise<{ code: number | null; signal: string | null }>((resolve) => {
    const child = fork(file, [sourceId, runId], {
      cwd: root,
      execArgv: ["--import", "tsx", `--max-old-space-size=${heapMb}`],
      env: process.env,
      stdio: ["ignore", "inherit", "inherit", "ipc"],
    });
    child.on("message", (message) => {
      summary = message as HarvestSummary;
    });
    child.on("exit", (code, signal) => resolve({ code, signal }));
    child.on("error", () => resolve({ code: null, signal: null }));
  });
  if (summary) return summary;
  await db
    .updateTable("harvest_runs")
    .set({
      status: "failed",
      finished_at: new Date(),
      error:
        exit.signal || exit.code !== 0
          ? `Skördningen avbröts: processen som skördade stoppades (${exit.signal ?? `kod ${exit.code}`}), kanske av för lite minne (gräns ${heapMb} MB). Inget ändrades; tidigare skördade datamängder är kvar.`
          : "Skördningen avbröts utan resultat. Inget ändrades; tidigare skördade datamängder är kvar.",
    })
    .where("id", "=", runId)
    .where("status", "=", "running")
    .execute();
  return null;
}
