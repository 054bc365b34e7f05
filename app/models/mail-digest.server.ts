import { db } from "../../db/client.server";
import { preferenceKindOf } from "../domain/mail";
import { digestMail } from "../mail/templates";
import { enqueueMail } from "./mail.server";
import { getMailPreferences } from "./mail-preference.server";

export interface DigestSummary {
  /** Digests written to the outbox. */
  digests: number;
  /** Items they carried. */
  items: number;
}

/**
 * The daily digest (ADR 021): for each user with mail kept for it, one mail in their language
 * holding every item, written to the outbox in the transaction that deletes the items. A run that
 * dies half-way leaves each user either wholly done or wholly waiting, so a retried job mails no
 * item twice and loses none. Users are locked one at a time with SKIP LOCKED, so two runs at
 * once (a retry beside a late first run) split the users between them instead of doubling them.
 */
export async function sendDailyDigests(): Promise<DigestSummary> {
  const summary: DigestSummary = { digests: 0, items: 0 };
  for (;;) {
    const done = await db.transaction().execute(async (trx) => {
      const user = await trx
        .selectFrom("users")
        .select(["id", "email", "name", "locale"])
        .where("id", "in", (eb) => eb.selectFrom("mail_digest_items").select("user_id"))
        .orderBy("id")
        .limit(1)
        // The lock that setMailPreferences and an unsubscribe take too; FK checks of new items need only KEY SHARE.
        .forNoKeyUpdate()
        .skipLocked()
        .executeTakeFirst();
      if (!user) return null;
      const items = await trx
        .deleteFrom("mail_digest_items")
        .where("user_id", "=", user.id)
        .returning(["id", "kind", "subject", "text_body as text"])
        .execute();
      // Kept for the digest, then switched off: the user's latest word wins.
      const preferences = await getMailPreferences(user.id, trx);
      const kept = items
        .filter((item) => {
          const kind = preferenceKindOf(item.kind);
          return !kind || preferences[kind] !== "never";
        })
        .sort((a, b) => Number(a.id) - Number(b.id));
      if (kept.length > 0) {
        await enqueueMail(trx, digestMail({ to: user.email, userId: user.id, name: user.name, locale: user.locale, items: kept }));
      }
      return kept.length;
    });
    if (done === null) break;
    if (done > 0) {
      summary.digests++;
      summary.items += done;
    }
  }
  return summary;
}
