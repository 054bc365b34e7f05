import { expect } from "vitest";
import { db } from "../../db/client.server";

/**
 * The sign-up confirmation link in the newest mail to the address, read from the outbox (tests run
 * without SMTP_URL, so mail stays there); fails the test when that mail has none.
 */
export async function confirmationLinkMailedTo(email: string): Promise<string> {
  const mail = await db
    .selectFrom("mail_outbox")
    .select("text_body")
    .where("to_address", "=", email)
    .orderBy("id", "desc")
    .executeTakeFirstOrThrow();
  const link = mail.text_body.match(/https?:\/\/\S+\/signup\/confirm\/[a-z2-7]+/)?.[0];
  expect(link).toBeDefined();
  return link!;
}
