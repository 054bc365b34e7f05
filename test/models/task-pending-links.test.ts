import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { db } from "../../db/client.server";
import { getOrCreateCatalogueSource } from "../../app/models/catalogue-source.server";
import { harvestCatalogueSource } from "../../app/models/harvest.server";
import { answerTask, startTask } from "../../app/models/task.server";
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
});
