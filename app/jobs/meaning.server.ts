import type PgBoss from "pg-boss";
import { db } from "../../db/client.server";
import { hasMeaningModel, recomputeMeaning, type MeaningSummary } from "../../search/meaning/model.server";

/**
 * The meaning model (search/meaning, ADR 031) is learned again from the whole catalogue after
 * every successful harvest, as a job: `stately` keeps one recompute waiting and one running, so
 * ten sources harvested in a row cost at most two recomputes, and the request thread never waits.
 */
export const MEANING_QUEUE = "meaning-recompute";

export async function startMeaningRecompute(boss: PgBoss, log: (message: string) => void) {
  await boss.createQueue(MEANING_QUEUE, { name: MEANING_QUEUE, policy: "stately", retryLimit: 2, expireInMinutes: 60 });
  await boss.work(MEANING_QUEUE, async () => {
    const summary = await recomputeCatalogueMeaning();
    log(
      `Meaning: learned from ${summary.documents} datasets, ${summary.features} features, ${summary.dimensions} dimensions in ${summary.buildMs} ms.`,
    );
  });
  const enqueue = () => boss.send(MEANING_QUEUE, {}, { singletonKey: "catalogue" });
  // A catalogue harvested before the meaning model existed gets one now, not at the next harvest.
  if (!(await hasMeaningModel(db))) await enqueue();
  return {
    /** Called after a successful harvest. */
    enqueue,
  };
}

export function recomputeCatalogueMeaning(): Promise<MeaningSummary> {
  return recomputeMeaning(db);
}
