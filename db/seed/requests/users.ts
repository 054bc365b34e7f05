import type { Transaction } from "kysely";
import type { Database } from "../../schema";
import { slugify } from "../../slugify";
import { DEMO_EMAIL_DOMAIN, demoAccounts } from "../index";
import { personas, voterNames, type RequesterKey } from "./content";

export type DemoUsers = Awaited<ReturnType<typeof demoUsers>>;

function demoEmail(name: string) {
  return `${slugify(name).replace(/-/g, ".")}@${DEMO_EMAIL_DOMAIN}`;
}

/**
 * The requesters and voters (created on the demo domain, with the hash of a value nobody knows),
 * and the demo accounts of db/seed/index.ts when they exist.
 */
export async function demoUsers(trx: Transaction<Database>, passwordHash: string) {
  const people = [...Object.values(personas).map((p) => p.name), ...voterNames].map((name) => ({ name, email: demoEmail(name) }));
  const accountEmails = demoAccounts.map((a) => a.email.toLowerCase());
  const lookup = async (emails: string[]) =>
    emails.length
      ? trx
          .selectFrom("users")
          .select(["id", (eb) => eb.fn<string>("lower", ["email"]).as("email")])
          .where((eb) => eb(eb.fn("lower", ["email"]), "in", emails))
          .execute()
      : [];
  const existing = new Set((await lookup(people.map((p) => p.email))).map((u) => u.email));
  const missing = people.filter((p) => !existing.has(p.email));
  if (missing.length)
    await trx
      .insertInto("users")
      .values(missing.map((p) => ({ ...p, password_hash: passwordHash })))
      .execute();
  const ids = new Map((await lookup([...people.map((p) => p.email), ...accountEmails])).map((u) => [u.email, u.id]));
  const account = (prefix: string) => ids.get(`${prefix}@${DEMO_EMAIL_DOMAIN}`) ?? null;
  const personaIds = new Map(Object.entries(personas).map(([key, persona]) => [key, ids.get(demoEmail(persona.name))!]));
  const demoRequester = account("requester");
  return {
    voters: voterNames.map((name) => ids.get(demoEmail(name))!),
    demoRequester,
    responderBoras: account("responder.boras"),
    coordinator: account("coordinator"),
    /** The user who asks as `key`; the demo requester account, when it exists, or else Emma. */
    requesterId: (key: RequesterKey) => (key === "demoRequester" ? (demoRequester ?? personaIds.get("emma")!) : personaIds.get(key)!),
  };
}
