import { randomBytes } from "node:crypto";
import { hash } from "@node-rs/argon2";
import type { Kysely } from "kysely";
import type { Database, MembershipRole } from "../schema";
import { removeDemoCatalogue, seedDemoCatalogue } from "./catalogue";
import { demoOrganisations, referenceOrganisations } from "./organisations";
import { seedSpecifications } from "./specifications";

/** Every demo account shares this domain, so a real deployment can find and remove them. */
export const DEMO_EMAIL_DOMAIN = "demo.fragaengang.test";
/** Demo-only password, printed in the README; demo accounts are removed when demo data is off. */
export const DEMO_PASSWORD = "fraga-en-gang-demo";

export const demoAccounts: {
  email: string;
  name: string;
  memberships: { organisationSlug: string; role: MembershipRole }[];
}[] = [
  { email: `requester@${DEMO_EMAIL_DOMAIN}`, name: "Rita Requester (demo)", memberships: [] },
  {
    email: `responder.boras@${DEMO_EMAIL_DOMAIN}`,
    name: "Rune Responder, Borås (demo)",
    memberships: [{ organisationSlug: "boras", role: "responder" }],
  },
  {
    email: `coordinator@${DEMO_EMAIL_DOMAIN}`,
    name: "Cecilia Coordinator, VGR (demo)",
    memberships: [{ organisationSlug: "vastra-gotalandsregionen", role: "coordinator" }],
  },
  {
    email: `admin@${DEMO_EMAIL_DOMAIN}`,
    name: "Adam Admin (demo)",
    memberships: [{ organisationSlug: "vastra-gotalandsregionen", role: "admin" }],
  },
];

export interface SeedOptions {
  /** Demo organisations, accounts and catalogue; off for a real deployment (DEMO_DATA=off). */
  demo: boolean;
  /** Where the generated demo catalogue is written; without it no demo catalogue is seeded. */
  dataDir?: string;
  log?: (message: string) => void;
}

/**
 * Idempotent: reference organisations are upserted on every start; demo data is added to an
 * empty database only, and removed again when demo data is switched off.
 */
export async function seed(db: Kysely<Database>, { demo, dataDir, log = () => {} }: SeedOptions) {
  await db.transaction().execute(async (trx) => {
    const wasEmpty = !(await trx.selectFrom("organisations").select("id").limit(1).executeTakeFirst());
    const organisations = [...referenceOrganisations(), ...(demo ? demoOrganisations() : [])];
    await trx
      .insertInto("organisations")
      .values(organisations)
      .onConflict((oc) =>
        oc.column("slug").doUpdateSet((eb) => ({
          name: eb.ref("excluded.name"),
          kommunkod: eb.ref("excluded.kommunkod"),
          org_number: eb.ref("excluded.org_number"),
        })),
      )
      .execute();
    await seedSpecifications(trx);

    if (!demo) {
      // The append-only ledger names who acted (time_saved.actor_user_id); deleting such an account
      // would rewrite a ledger row (ON DELETE SET NULL), which its trigger refuses. Those demo
      // accounts are shut instead: no roles, no sessions, a password nobody knows.
      const ledgerActors = trx.selectFrom("time_saved").select("actor_user_id").where("actor_user_id", "is not", null);
      const shut = await trx
        .selectFrom("users")
        .select("id")
        .where("email", "like", `%@${DEMO_EMAIL_DOMAIN}`)
        .where("id", "in", ledgerActors)
        .execute();
      if (shut.length > 0) {
        const ids = shut.map((user) => user.id);
        await trx.deleteFrom("memberships").where("user_id", "in", ids).execute();
        await trx.deleteFrom("sessions").where("user_id", "in", ids).execute();
        await trx
          .updateTable("users")
          .set({ password_hash: await hash(randomBytes(32).toString("hex")) })
          .where("id", "in", ids)
          .execute();
      }
      const removed = await trx
        .deleteFrom("users")
        .where("email", "like", `%@${DEMO_EMAIL_DOMAIN}`)
        .where("id", "not in", ledgerActors)
        .executeTakeFirst();
      if (removed.numDeletedRows > 0n) {
        log(`Removed ${removed.numDeletedRows} demo accounts (DEMO_DATA=off).`);
        // Their votes and follows went with them; the demo requests stay (the time-saved ledger
        // refers to them and is never rewritten), so their counts are taken from the rows again.
        await trx
          .updateTable("requests")
          .set((eb) => ({
            vote_count: eb
              .selectFrom("votes")
              .select((e) => e.fn.countAll<number>().as("n"))
              .whereRef("votes.request_id", "=", "requests.id"),
            follower_count: eb
              .selectFrom("follows")
              .select((e) => e.fn.countAll<number>().as("n"))
              .whereRef("follows.request_id", "=", "requests.id"),
          }))
          .execute();
      }
      if (await removeDemoCatalogue(trx)) log("Removed the demo catalogue (DEMO_DATA=off).");
      return;
    }
    if (!wasEmpty) return;

    const passwordHash = await hash(DEMO_PASSWORD);
    for (const account of demoAccounts) {
      const user = await trx
        .insertInto("users")
        .values({ email: account.email, name: account.name, password_hash: passwordHash })
        .returning("id")
        .executeTakeFirstOrThrow();
      for (const membership of account.memberships) {
        const organisation = await trx
          .selectFrom("organisations")
          .select("id")
          .where("slug", "=", membership.organisationSlug)
          .executeTakeFirstOrThrow();
        await trx.insertInto("memberships").values({ user_id: user.id, organisation_id: organisation.id, role: membership.role }).execute();
      }
    }
    if (dataDir) await seedDemoCatalogue(trx, { dataDir });
    log(`Seeded ${organisations.length} organisations, ${demoAccounts.length} demo accounts and the demo catalogue sources.`);
  });
}
