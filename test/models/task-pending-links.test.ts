import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { db } from "../../db/client.server";
import { getOrCreateCatalogueSource } from "../../app/models/catalogue-source.server";
import { harvestCatalogueSource } from "../../app/models/harvest.server";
import { resolvePendingDatasetLinks } from "../../app/models/task-link.server";
import { answerTask, startTask } from "../../app/models/task.server";
import { createTestDataset } from "../factories/dataset";
import { actorOf, createTestTasks } from "../factories/task";
import { createTestUser } from "../factories/user";

const scratch = path.resolve(".data", `task-pending-links-${process.pid}`);
mkdirSync(scratch, { recursive: true });
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe("a dataset address the catalogue lacked", () => {
  it("is kept as a pending link and becomes a real link when a harvest brings that URI", async () => {
    const responder = await actorOf(await createTestUser({ role: "responder", kommunkod: "1490" }));
    const { tasks } = await createTestTasks({ kommunkoder: ["1490"] });
    const task = tasks["1490"];
    const uri = "https://pending.example/ds/badvatten";
    await startTask({ actor: responder, taskId: task.id });
    await answerTask({ actor: responder, taskId: task.id, text: "Publiceras snart.", datasetUrls: [uri] });
    const links = () => db.selectFrom("task_datasets").select(["dataset_id", "pending_uri"]).where("task_id", "=", task.id).execute();
    expect(await links()).toEqual([{ dataset_id: null, pending_uri: uri }]);

    const location = path.join(scratch, "pending.ttl");
    writeFileSync(
      location,
      [
        "@prefix dcat: <http://www.w3.org/ns/dcat#> .",
        "@prefix dct: <http://purl.org/dc/terms/> .",
        "<https://pending.example/catalog> a dcat:Catalog ;",
        '  dct:title "Testkatalog"@sv ;',
        `  dcat:dataset <${uri}> .`,
        `<${uri}> a dcat:Dataset ;`,
        '  dct:title "Badvatten"@sv ;',
        '  dct:description "Provtagning av badvatten"@sv .',
        "",
      ].join("\n"),
    );
    expect(await harvestCatalogueSource(await getOrCreateCatalogueSource({ location }))).toMatchObject({ status: "succeeded", added: 1 });
    const dataset = await db.selectFrom("datasets").select("id").where("uri", "=", uri).executeTakeFirstOrThrow();
    expect(await links()).toEqual([{ dataset_id: dataset.id, pending_uri: null }]);
    const events = await db
      .selectFrom("events")
      .select(["action", "actor_user_id"])
      .where("entity_type", "=", "task")
      .where("entity_id", "=", task.id)
      .where("action", "=", "link_resolved")
      .execute();
    expect(events).toEqual([{ action: "link_resolved", actor_user_id: null }]);
  });

  it("does not abort the harvest when an answer links the same dataset at the same moment", async () => {
    const { tasks } = await createTestTasks({ kommunkoder: ["1490"] });
    const task = tasks["1490"];
    const uri = `https://pending.example/ds/race-${process.pid}-${Date.now()}`;
    await db.insertInto("task_datasets").values({ task_id: task.id, pending_uri: uri }).execute();
    const dataset = await createTestDataset({ title: "Kapplöpning", uri });
    let commitAnswer!: () => void;
    const answerHeld = new Promise<void>((resolve) => (commitAnswer = resolve));
    let inserted!: () => void;
    const answerInserted = new Promise<void>((resolve) => (inserted = resolve));
    // The answer's transaction links the dataset and has not committed when the harvest resolves the pending link.
    const answer = db.transaction().execute(async (trx) => {
      await trx.insertInto("task_datasets").values({ task_id: task.id, dataset_id: dataset.id }).execute();
      inserted();
      await answerHeld;
    });
    await answerInserted;
    const harvest = db.transaction().execute((trx) => resolvePendingDatasetLinks(trx, [dataset.id]));
    await new Promise((resolve) => setTimeout(resolve, 200));
    commitAnswer();
    await answer;
    await expect(harvest).resolves.toBe(0);
    expect(await db.selectFrom("task_datasets").select(["dataset_id", "pending_uri"]).where("task_id", "=", task.id).execute()).toEqual([
      { dataset_id: dataset.id, pending_uri: null },
    ]);
  });
});
