import PgBoss from "pg-boss";
import { describe, expect, it } from "vitest";
import { db } from "../../db/client.server";
import {
  SESSION_HOUSEKEEPING_CRON,
  SESSION_HOUSEKEEPING_QUEUE,
  startSessionHousekeeping,
} from "../../app/jobs/session-housekeeping.server";
import { createTestUser } from "../factories/user";

const hoursFromNow = (hours: number) => new Date(Date.now() + hours * 60 * 60 * 1000);

/** A user with a session and a trusted browser that ran out yesterday and one of each still valid. */
async function userWithOldAndLiveSignIns(tag: string) {
  const user = await createTestUser();
  await db
    .insertInto("sessions")
    .values([
      { id: `${tag}-session-ran-out`, user_id: user.id, expires_at: hoursFromNow(-24) },
      { id: `${tag}-session-live`, user_id: user.id, expires_at: hoursFromNow(24) },
    ])
    .execute();
  await db
    .insertInto("trusted_devices")
    .values([
      { id: `${tag}-device-ran-out`, user_id: user.id, expires_at: hoursFromNow(-24) },
      { id: `${tag}-device-live`, user_id: user.id, expires_at: hoursFromNow(24 * 30) },
    ])
    .execute();
  return user;
}

async function signInsOf(userId: string) {
  const sessions = await db.selectFrom("sessions").select("id").where("user_id", "=", userId).orderBy("id").execute();
  const devices = await db.selectFrom("trusted_devices").select("id").where("user_id", "=", userId).orderBy("id").execute();
  return [...sessions, ...devices].map((row) => row.id);
}

describe("the nightly clearing of sign-ins that ran out", () => {
  // Someone who never comes back leaves their session and trusted browser behind: without the job
  // both tables keep every sign-in ever made.
  it("removes sessions and trusted browsers that ran out, keeps the live ones, every night on the Swedish clock", async () => {
    const user = await userWithOldAndLiveSignIns("housekeeping");
    const boss = new PgBoss({ connectionString: process.env.DATABASE_URL!, schema: "pgboss", max: 2 });
    await boss.start();
    try {
      await startSessionHousekeeping(boss, () => {});
      const schedules = await boss.getSchedules();
      expect(schedules.find((schedule) => schedule.name === SESSION_HOUSEKEEPING_QUEUE)).toMatchObject({
        cron: SESSION_HOUSEKEEPING_CRON,
        timezone: "Europe/Stockholm",
      });
      await boss.send(SESSION_HOUSEKEEPING_QUEUE, {});
      await expect
        .poll(() => signInsOf(user.id), { timeout: 20_000, interval: 250 })
        .toEqual(["housekeeping-session-live", "housekeeping-device-live"]);
    } finally {
      await boss.stop({ graceful: false, wait: true });
    }
  });
});
