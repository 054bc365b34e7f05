import { db } from "../../db/client.server";
import { mailTaskOutcomes } from "../models/task.server";
import { todayInSweden } from "../utils/dates";
import { addWorkingDays } from "../utils/working-days";
import type { HarvestSucceeded } from "./queue.server";

/**
 * Demo data is a seed step, never part of production's job queue: startBackgroundWork hands this
 * to startJobs only when demo data is on, and the seed itself is imported on the first call, so a
 * deployment with DEMO_DATA=off never loads it.
 *
 * The demo requests link the demo catalogue's datasets: seeded after a successful harvest (the
 * seed writes nothing before those datasets are there, or once any request exists); then the demo
 * surveys, whose open-data questions find those datasets (nothing before they are there, or once
 * any survey exists). A failure is logged, not the harvest's.
 */
export function seedDemoRequestsAfterHarvest(log: (message: string) => void): HarvestSucceeded {
  return async () => {
    const { seedDemoRequests } = await import("../../db/seed/requests");
    const seeded = await seedDemoRequests(db, { today: todayInSweden(), addWorkingDays, mailTaskOutcomes }).catch((error) => {
      console.error("Seeding the demo requests failed:", error);
      return 0;
    });
    if (seeded) log(`Seeded ${seeded} demo requests.`);
    // The demo surveys reuse the catalogue's datasets and each other's answers (app/jobs/demo-surveys.server.ts).
    const { seedDemoSurveys } = await import("./demo-surveys.server");
    const surveys = await seedDemoSurveys({ today: todayInSweden() }).catch((error) => {
      console.error("Seeding the demo surveys failed:", error);
      return 0;
    });
    if (surveys) log(`Seeded ${surveys} demo surveys.`);
  };
}
