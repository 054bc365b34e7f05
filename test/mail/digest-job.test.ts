import PgBoss from "pg-boss";
import { afterAll, describe, expect, it } from "vitest";
import { db } from "../../db/client.server";
import { MAIL_DIGEST_QUEUE, startMailDigest } from "../../app/jobs/mail.server";
import { setMailPreferences } from "../../app/models/mail-preference.server";
import { enqueueMail } from "../../app/models/mail.server";
import { createTestUser } from "../factories/user";

/** The daily digest runs as a pg-boss job on PostgreSQL, once a day in Swedish time (ADR 021). */

const boss = new PgBoss({ connectionString: process.env.DATABASE_URL!, max: 2, schema: "pgboss" });
afterAll(() => boss.stop({ graceful: false, wait: true }));

describe("the daily digest job", () => {
  it("is scheduled at 06:00 Europe/Stockholm and, when it runs, queues each user's digest", async () => {
    await boss.start();
    const logged: string[] = [];
    await startMailDigest(boss, (message) => logged.push(message));
    const schedules = await boss.getSchedules();
    expect(schedules.find((s) => s.name === MAIL_DIGEST_QUEUE)).toMatchObject({ cron: "0 6 * * *", options: { tz: "Europe/Stockholm" } });

    const user = await createTestUser();
    await setMailPreferences({ userId: user.id, preferences: { comment: "daily" } });
    await db
      .transaction()
      .execute((trx) => enqueueMail(trx, { to: user.email, userId: user.id, kind: "comment", subject: "Ny kommentar", text: "Hej" }));
    await boss.send(MAIL_DIGEST_QUEUE, {});
    const deadline = Date.now() + 20_000;
    let rows: { kind: string | null; subject: string }[] = [];
    while (Date.now() < deadline) {
      rows = await db.selectFrom("mail_outbox").select(["kind", "subject"]).where("to_address", "=", user.email).execute();
      if (rows.length) break;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect(rows).toEqual([{ kind: "daily_digest", subject: "Dagens sammanfattning från Fråga en gång (1)" }]);
    expect(logged).toContain("Mail: 1 daily digest(s) with 1 item(s) queued.");
  });
});
