import PgBoss from "pg-boss";
import { listSourcesDueForHarvest } from "../models/catalogue-source.server";
import { failInterruptedHarvestRuns } from "../models/harvest.server";
import { harvestInChildProcess, harvestTimeoutMinutes } from "./harvest-child.server";
import { enqueueHarvest, HARVEST_QUEUE, setHarvestQueue } from "./harvest-queue.server";
import { startMailDelivery, startMailDigest } from "./mail.server";
import { startMeaningRecompute } from "./meaning.server";
import { enqueueSameKindJudgement, startSpecificationKindJudgement } from "./specification-coverage.server";
import { startSessionHousekeeping } from "./session-housekeeping.server";
import { startTaskReminders } from "./task-reminders.server";

/**
 * Background work runs as jobs in PostgreSQL (pg-boss 10: the newest major that supports Node 20),
 * never on a timer inside a request: jobs survive restarts and run once even with several
 * server processes.
 */
const DAILY_HARVEST_QUEUE = "harvest-daily";

export interface JobRunner {
  stop: () => Promise<void>;
}

/** Work that follows a successful harvest (the demo seed's requests, when demo data is on). */
export type HarvestSucceeded = (summary: { sourceId: string }) => Promise<void>;

export async function startJobs(options: {
  connectionString: string;
  log?: (message: string) => void;
  afterHarvest?: HarvestSucceeded;
}): Promise<JobRunner> {
  const log = options.log ?? (() => {});
  const instance = new PgBoss({ connectionString: options.connectionString, max: 3, schema: "pgboss" });
  instance.on("error", (error) => console.error("Job queue error:", error));
  await instance.start();
  // A job outlives its harvest's time limit: expired while its child still ran, it would be
  // retried and start a second child. "stately": per source (the singleton key) one harvest
  // waiting and one running; a key alone dedupes nothing in pg-boss's standard policy, and every
  // press of "Hämta nu" queued one more whole harvest. updateQueue carries both to an existing queue.
  const harvestQueue = {
    name: HARVEST_QUEUE,
    policy: "stately" as const,
    retryLimit: 1,
    expireInMinutes: harvestTimeoutMinutes() + 10,
  };
  await instance.createQueue(HARVEST_QUEUE, harvestQueue);
  await instance.updateQueue(HARVEST_QUEUE, harvestQueue);
  await instance.createQueue(DAILY_HARVEST_QUEUE, { name: DAILY_HARVEST_QUEUE });
  // Stopping kills the jobs' child processes (a harvest, a meaning recompute) instead of waiting
  // for them: a harvest can run for an hour, and a child outlives the server that forked it.
  const stopping = new AbortController();
  const meaning = await startMeaningRecompute(instance, log, stopping.signal);
  const specificationKind = await startSpecificationKindJudgement(instance, log);

  await instance.work<{ sourceId: string }>(HARVEST_QUEUE, async (jobs) => {
    for (const job of jobs) {
      // A child process with its own heap cap: a harvest never takes the web server's memory.
      const summary = await harvestInChildProcess(job.data.sourceId, { signal: stopping.signal });
      // Failed, so the queue's retry harvests the source again after the restart.
      if (!summary && stopping.signal.aborted) throw new Error("The server stopped during the harvest.");
      if (!summary) {
        log(`Harvest of source ${job.data.sourceId} failed: the harvesting process stopped.`);
        continue;
      }
      log(
        `Harvested "${summary.sourceName}": ${summary.status}, added ${summary.added}, updated ${summary.updated}, removed ${summary.removed}, failed ${summary.failed}${summary.error ? ` — ${summary.error}` : ""}`,
      );
      // A held run applied its additions and changes too (only its removals wait for a coordinator).
      if (summary.status !== "succeeded" && summary.status !== "held") continue;
      // The catalogue changed: its meaning is learned again (search/meaning, ADR 031).
      await meaning.enqueue();
      // Coverage of the specifications: the matcher judges the new catalogue (issue 14).
      await enqueueSameKindJudgement();
      await options.afterHarvest?.({ sourceId: job.data.sourceId });
    }
  });
  // Sveriges dataportal harvests at about 04:00; so do we, for sources on the daily schedule.
  await instance.schedule(DAILY_HARVEST_QUEUE, "0 4 * * *", {}, { tz: "Europe/Stockholm" });
  await instance.work(DAILY_HARVEST_QUEUE, async () => {
    for (const source of await listSourcesDueForHarvest({ schedule: "daily" })) await enqueueHarvest(source.id);
  });
  await startMailDelivery(instance, log);
  await startTaskReminders(instance, log);
  await startMailDigest(instance, log);
  await startSessionHousekeeping(instance, log);
  setHarvestQueue(instance);

  // Sources never harvested (the demo catalogue on a fresh start), or cut off by a restart, go now.
  const interrupted = await failInterruptedHarvestRuns();
  if (interrupted) log(`${interrupted} harvest(s) were cut off by a restart and are queued again.`);
  for (const source of await listSourcesDueForHarvest({ neverHarvested: true })) await enqueueHarvest(source.id);

  return {
    stop: async () => {
      setHarvestQueue(null);
      stopping.abort();
      specificationKind.stop();
      await instance.stop({ graceful: true, wait: true, timeout: 10_000 });
    },
  };
}

export { enqueueHarvest };
