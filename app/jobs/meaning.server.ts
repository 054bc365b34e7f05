import type PgBoss from "pg-boss";
import { db } from "../../db/client.server";
import { fork } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { hasMeaningModel, type MeaningSummary } from "../../search/meaning/model.server";
import { recordMeaningRecomputeFailure } from "../models/search-outbox.server";
import { MEANING_QUEUE, sendMeaningRecompute } from "./harvest-queue.server";

/**
 * The meaning model (search/meaning, ADR 031) is learned again from the whole catalogue after
 * every harvest that changed it (succeeded, or held with its removals waiting) and after a coordinator
 * confirms held removals, as a job: `stately` keeps one recompute waiting and one running, so
 * ten sources harvested in a row cost at most two recomputes, and the request thread never waits.
 */
export async function startMeaningRecompute(boss: PgBoss, log: (message: string) => void, signal?: AbortSignal) {
  await boss.createQueue(MEANING_QUEUE, { name: MEANING_QUEUE, policy: "stately", retryLimit: 2, expireInMinutes: 60 });
  await boss.work(MEANING_QUEUE, async () => {
    await runMeaningRecompute(log, signal);
  });
  const enqueue = () => sendMeaningRecompute(boss);
  // A catalogue harvested before the meaning model existed gets one now, not at the next harvest.
  if (!(await hasMeaningModel(db))) await enqueue();
  return {
    /** Called after a successful harvest. */
    enqueue,
  };
}

/**
 * One recompute as the job runs it: a failure is recorded for the admins (/admin/search shows it
 * with a button to try again) and thrown on for the queue's retries; the server stopping is no failure.
 */
export async function runMeaningRecompute(log: (message: string) => void, signal?: AbortSignal) {
  try {
    const summary = await recomputeCatalogueMeaning(signal);
    log(
      `Meaning: learned from ${summary.documents} datasets, ${summary.features} features, ${summary.dimensions} dimensions in ${summary.buildMs} ms.`,
    );
    return summary;
  } catch (error) {
    if (!signal?.aborted) {
      const message = error instanceof Error ? error.message : String(error);
      log(`Meaning: learning the model failed (${message}); the matcher keeps the model before.`);
      await recordMeaningRecomputeFailure(message);
    }
    throw error;
  }
}

/** The worker's source file, found from this module (app/jobs/) or from the server build (build/). */
function workerPath() {
  let directory = path.dirname(fileURLToPath(import.meta.url));
  for (let depth = 0; depth < 4; depth++) {
    const candidate = path.join(directory, "app/jobs/meaning-worker.server.ts");
    if (existsSync(candidate)) return { file: candidate, root: directory };
    directory = path.dirname(directory);
  }
  throw new Error("app/jobs/meaning-worker.server.ts not found");
}

/**
 * Learns the model in a child process: the SVD is synchronous (about 2 minutes at 100,000
 * datasets) and would stop every match of the web server's process meanwhile. A failed child
 * fails the job, which the queue retries; the stored model stays the previous one. Aborting (the
 * server stopping) kills the child: its transaction rolls back with its connection.
 */
export function recomputeCatalogueMeaning(signal?: AbortSignal): Promise<MeaningSummary> {
  const { file, root } = workerPath();
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new Error("the server is stopping"));
    let summary: MeaningSummary | null = null;
    const child = fork(file, [], {
      cwd: root,
      execArgv: ["--import", "tsx"],
      env: process.env,
      stdio: ["ignore", "inherit", "inherit", "ipc"],
    });
    const onAbort = () => child.kill("SIGKILL");
    signal?.addEventListener("abort", onAbort, { once: true });
    child.on("message", (message: MeaningSummary) => (summary = message));
    child.on("error", reject);
    child.on("exit", (code, exitSignal) => {
      signal?.removeEventListener("abort", onAbort);
      if (summary) resolve(summary);
      else reject(new Error(`the meaning model's child process ended (${exitSignal ?? `code ${code}`}) without a model`));
    });
  });
}
