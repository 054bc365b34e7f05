import { rmSync } from "node:fs";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { createDatabase } from "../../db/connection.server";
import { startEmbeddedPostgres } from "../../db/embedded.server";
import { migrateToLatest } from "../../db/migrate.server";
import { seed } from "../../db/seed/index";
import { removeAbandonedTestClusters } from "./abandoned-clusters";
import { freePort } from "./free-port";

export const TEMPLATE_DATABASE = "fraga_test_template";

/**
 * One real PostgreSQL for the whole run, and a template database built from the migrations and
 * the reference seed; every test file clones the template into a database of its own.
 */
export default async function setup(project: TestProject) {
  let adminUrl = process.env.TEST_DATABASE_ADMIN_URL;
  let stop = async () => {};
  if (!adminUrl) {
    // A cluster per run: two runs at once (a developer and CI, or two terminals) never share one.
    await removeAbandonedTestClusters(path.resolve(".data"));
    const dataDir = path.resolve(`.data/test-postgres-${process.pid}`);
    const embedded = await startEmbeddedPostgres({ dataDir, port: await freePort(), log: () => {} });
    adminUrl = embedded.url("postgres");
    stop = async () => {
      await embedded.stop();
      rmSync(dataDir, { recursive: true, force: true });
    };
  }

  const admin = createDatabase(adminUrl, { max: 1 });
  await admin.pool.query(`DROP DATABASE IF EXISTS ${TEMPLATE_DATABASE} WITH (FORCE)`);
  await admin.pool.query(`CREATE DATABASE ${TEMPLATE_DATABASE}`);
  await admin.pool.end();

  const templateUrl = adminUrl.replace(/\/[^/]*$/, `/${TEMPLATE_DATABASE}`);
  const template = createDatabase(templateUrl, { max: 1 });
  await migrateToLatest(template.db);
  await seed(template.db, { demo: false });
  await template.db.destroy();

  project.provide("databaseAdminUrl", adminUrl);
  project.provide("templateDatabase", TEMPLATE_DATABASE);
  return stop;
}

declare module "vitest" {
  export interface ProvidedContext {
    databaseAdminUrl: string;
    templateDatabase: string;
  }
}
