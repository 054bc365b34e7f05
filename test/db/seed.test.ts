import { mkdirSync, rmSync } from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { db } from "../../db/client.server";
import { DEMO_EMAIL_DOMAIN, DEMO_PASSWORD, demoAccounts, seed } from "../../db/seed/index";
import { verifyPassword } from "../../app/auth/password.server";

const dataDir = path.resolve(".data", `seed-test-${process.pid}`);
mkdirSync(dataDir, { recursive: true });
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

const demoSources = () => db.selectFrom("catalogue_sources").select("location").execute();
const demoUsers = () => db.selectFrom("users").select("id").where("email", "like", `%@${DEMO_EMAIL_DOMAIN}`).execute();

describe("seed", () => {
  it("has the 49 Västra Götaland municipalities with their kommunkod, and the region", async () => {
    const municipalities = await db
      .selectFrom("organisations")
      .select(["name", "kommunkod", "slug"])
      .where("type", "=", "municipality")
      .execute();
    expect(municipalities).toHaveLength(49);
    expect(municipalities).toContainEqual({ name: "Borås", kommunkod: "1490", slug: "boras" });
    expect(municipalities).toContainEqual({ name: "Lilla Edet", kommunkod: "1462", slug: "lilla-edet" });
    expect(municipalities).toContainEqual({ name: "Kungälv", kommunkod: "1482", slug: "kungalv" });
    const region = await db
      .selectFrom("organisations")
      .select(["name", "org_number"])
      .where("type", "=", "region")
      .executeTakeFirstOrThrow();
    expect(region).toEqual({ name: "Västra Götalandsregionen", org_number: "232100-0131" });
  });

  it("adds one demo account per role and the demo catalogue to an empty database, and removes them when demo data is off", async () => {
    await db.deleteFrom("organisations").execute();
    await seed(db, { demo: true, dataDir });
    const accounts = await db
      .selectFrom("users")
      .leftJoin("memberships", "memberships.user_id", "users.id")
      .select(["users.email", "users.password_hash", "memberships.role"])
      .where("users.email", "like", `%@${DEMO_EMAIL_DOMAIN}`)
      .execute();
    expect(accounts).toHaveLength(demoAccounts.length);
    expect(accounts.map((a) => a.role ?? "requester").sort()).toEqual(["admin", "coordinator", "requester", "responder"]);
    expect(await verifyPassword(accounts[0].password_hash, DEMO_PASSWORD)).toBe(true);
    expect(await db.selectFrom("organisations").select("id").where("type", "=", "company").execute()).not.toHaveLength(0);

    // The bundled catalogues and a generated one for the other 29 municipalities, to be harvested.
    const sources = await demoSources();
    expect(sources).toHaveLength(5);
    expect(sources.map((s) => path.basename(s.location))).toContain("demo-catalogue.rdf");

    // Seeding again adds nothing; a real deployment (DEMO_DATA=off) loses the demo accounts and catalogue.
    await seed(db, { demo: true, dataDir });
    expect(await demoUsers()).toHaveLength(demoAccounts.length);
    await seed(db, { demo: false, dataDir });
    expect(await demoUsers()).toHaveLength(0);
    expect(await demoSources()).toHaveLength(0);
    expect(await db.selectFrom("organisations").select("id").where("type", "=", "municipality").execute()).toHaveLength(49);
  });
});
