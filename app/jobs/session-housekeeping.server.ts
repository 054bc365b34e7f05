import type PgBoss from "pg-boss";
import { deleteExpiredSignIns } from "../models/session.server";
import { SWEDISH_TIME_ZONE } from "../utils/dates";

export const SESSION_HOUSEKEEPING_QUEUE = "session-housekeeping";
/** Once a night, when hardly anyone is signed in. */
export const SESSION_HOUSEKEEPING_CRON = "30 3 * * *";

/**
 * Sessions and trusted browsers that ran out are removed when their user comes back; those of
 * users who never do would stay for ever, so a nightly job removes them (Lucia's design leaves
 * this to the application). One run at a time; a retried run only finds less to remove.
 */
export async function startSessionHousekeeping(boss: PgBoss, log: (message: string) => void) {
  await boss.createQueue(SESSION_HOUSEKEEPING_QUEUE, { name: SESSION_HOUSEKEEPING_QUEUE, policy: "singleton", retryLimit: 3 });
  await boss.schedule(SESSION_HOUSEKEEPING_QUEUE, SESSION_HOUSEKEEPING_CRON, {}, { tz: SWEDISH_TIME_ZONE });
  await boss.work(SESSION_HOUSEKEEPING_QUEUE, async () => {
    const removed = await deleteExpiredSignIns();
    if (removed.sessions || removed.trustedDevices)
      log(`Sign-ins: removed ${removed.sessions} session(s) and ${removed.trustedDevices} trusted browser(s) that ran out.`);
  });
}
