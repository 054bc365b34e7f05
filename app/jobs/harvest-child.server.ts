import { fork } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { config } from "../../db/config.server";
import { harvestMessage, type HarvestMessage } from "../catalogue/harvest-message";
import { failHarvestRun, startHarvestRun, type HarvestProgress, type HarvestSummary } from "../models/harvest.server";

/**
 * Runs a harvest in a child process with its own heap cap (ADR 005): a huge or hostile catalogue
 * can exhaust that heap, never the web server's. The parent makes the run's row first, so a child
 * that dies (out of memory, killed) still leaves its run failed with a message, not "running".
 */
/**
 * How long one harvest may take before its child is killed (HARVEST_TIMEOUT_MINUTES). The job
 * queue lets a harvest job live longer than this, so it never retries a job whose child still runs.
 */
export function harvestTimeoutMinutes() {
  return config().harvestTimeoutMinutes;
}

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

/** What the worker sends: its progress while it runs, its summary once done. */
export type HarvestWorkerMessage = { type: "progress"; progress: HarvestProgress } | { type: "summary"; summary: HarvestSummary };

export async function harvestInChildProcess(
  sourceId: string,
  options: {
    maxOldSpaceMb?: number;
    /** Defaults to HARVEST_TIMEOUT_MINUTES. */
    timeoutMs?: number;
    onProgress?: (progress: HarvestProgress) => void;
    /** Aborting kills the child (a server shutting down); the run ends failed, nothing changed. */
    signal?: AbortSignal;
  } = {},
): Promise<HarvestSummary | null> {
  const heapMb = options.maxOldSpaceMb ?? config().harvestMaxOldSpaceMb;
  const timeoutMs = options.timeoutMs ?? harvestTimeoutMinutes() * 60_000;
  const runId = await startHarvestRun(sourceId);
  const { file, root } = workerPath();
  let summary: HarvestSummary | null = null;
  let stoppedBy: "timeout" | "abort" | null = null;
  const exit = await new Promise<{ code: number | null; signal: string | null }>((resolve) => {
    const child = fork(file, [sourceId, runId], {
      cwd: root,
      execArgv: ["--import", "tsx", `--max-old-space-size=${heapMb}`],
      // The child checks the same settings (and reaches the same DATABASE_URL) as this process.
      env: process.env,
      stdio: ["ignore", "inherit", "inherit", "ipc"],
    });
    // SIGKILL: a hung child may not be listening for anything gentler. Its database connection
    // closes with it, so PostgreSQL rolls its transaction back and frees the source's lock.
    const stop = (reason: "timeout" | "abort") => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      stoppedBy ??= reason;
      child.kill("SIGKILL");
    };
    const timer = setTimeout(() => stop("timeout"), timeoutMs);
    const onAbort = () => stop("abort");
    if (options.signal?.aborted) onAbort();
    options.signal?.addEventListener("abort", onAbort, { once: true });
    child.on("message", (message: HarvestWorkerMessage) => {
      if (message.type === "summary") summary = message.summary;
      else if (!stoppedBy) options.onProgress?.(message.progress);
    });
    const done = (result: { code: number | null; signal: string | null }) => {
      clearTimeout(timer);
      options.signal?.removeEventListener("abort", onAbort);
      resolve(result);
    };
    child.on("exit", (code, signal) => done({ code, signal }));
    child.on("error", () => done({ code: null, signal: null }));
  });
  if (summary) return summary;
  let error: HarvestMessage;
  if (stoppedBy === "timeout") {
    error = tookTooLong(timeoutMs);
  } else if (stoppedBy === "abort") {
    error = harvestMessage("harvest.error.childStoppedByServer");
  } else if (exit.signal || exit.code !== 0) {
    error = exit.signal
      ? harvestMessage("harvest.error.childDied.signal", { signal: exit.signal, heapMb })
      : harvestMessage("harvest.error.childDied.code", { code: String(exit.code), heapMb });
  } else {
    error = harvestMessage("harvest.error.noResult");
  }
  await failHarvestRun({ runId, error });
  return null;
}

function tookTooLong(ms: number): HarvestMessage {
  if (ms >= 60_000) {
    return harvestMessage("harvest.error.tookTooLong.minutes", { count: Math.round(ms / 60_000) });
  }
  return harvestMessage("harvest.error.tookTooLong.seconds", { count: Math.max(1, Math.round(ms / 1000)) });
}
