import type PgBoss from "pg-boss";
import { db } from "../../db/client.server";
import { judgeSameKind } from "../models/specification-coverage.server";

/**
 * The matcher's "same kind, not declared" judgement of the coverage grid (issue 14, ADR 042) is
 * made again after every successful harvest and after a coordinator proposes or changes a
 * specification, as a job: `stately` keeps one waiting and one running, so ten harvests in a row
 * cost at most two rounds, and no page waits for a hundred matches.
 */
export const SPECIFICATION_KIND_QUEUE = "specification-kind";

let queue: PgBoss | null = null;

export async function startSpecificationKindJudgement(boss: PgBoss, log: (message: string) => void) {
  await boss.createQueue(SPECIFICATION_KIND_QUEUE, {
    name: SPECIFICATION_KIND_QUEUE,
    policy: "stately",
    retryLimit: 2,
    expireInMinutes: 30,
  });
  await boss.work(SPECIFICATION_KIND_QUEUE, async () => {
    const summary = await judgeSameKind();
    log(`Specifications: the matcher judged ${summary.judged} datasets of the kind of ${summary.specifications} specifications.`);
  });
  queue = boss;
  // A register never judged (a fresh start, or the first start after this job existed) is judged now.
  if (!(await db.selectFrom("specification_kind_matches").select("dataset_id").limit(1).executeTakeFirst())) {
    await enqueueSameKindJudgement();
  }
  return {
    stop: () => {
      queue = null;
    },
  };
}

/** Asks for a new judgement; without a job queue (tests, the CLI) it does nothing. */
export async function enqueueSameKindJudgement() {
  await queue?.send(SPECIFICATION_KIND_QUEUE, {}, { singletonKey: "specifications" });
}
