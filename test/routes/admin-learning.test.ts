import { describe, expect, it } from "vitest";
import * as learningPage from "../../app/routes/admin.inlarning";
import * as rootRoute from "../../app/root";
import { acceptDatasetAsAnswer } from "../../app/models/request.server";
import { createTestDataset } from "../factories/dataset";
import { newRequestInput } from "../factories/request";
import { createTestUser, sessionCookieFor } from "../factories/user";
import { pageRequest, run } from "../support/route-request";

type Page = Awaited<ReturnType<typeof learningPage.loader>>;

/** What the matcher learned from use, shown to coordinators (issue 11, ADR 032). */
describe("the learned-from-use admin page", () => {
  it("is for coordinators and admins only: others get 403, visitors are sent to sign in, and only they see the link", async () => {
    for (const role of ["requester", "responder"] as const) {
      const cookie = await sessionCookieFor((await createTestUser({ role })).id);
      const page = await run(learningPage.loader, pageRequest("/admin/inlarning", { cookie }));
      expect((page as Response).status).toBe(403);
      const root = (await rootRoute.loader(pageRequest("/", { cookie }))) as { user: { canReadMatchLearning: boolean } };
      expect(root.user.canReadMatchLearning).toBe(false);
    }
    expect(((await run(learningPage.loader, pageRequest("/admin/inlarning"))) as Response).status).toBe(302);
    for (const role of ["coordinator", "admin"] as const) {
      const cookie = await sessionCookieFor((await createTestUser({ role })).id);
      expect((await run(learningPage.loader, pageRequest("/admin/inlarning", { cookie }))) as Page).toHaveProperty("datasets");
      const root = (await rootRoute.loader(pageRequest("/", { cookie }))) as { user: { canReadMatchLearning: boolean } };
      expect(root.user.canReadMatchLearning).toBe(true);
    }
  });

  it("shows per dataset how many answers and people it learned from, and the words two or more people taught", async () => {
    const dataset = await createTestDataset({ title: "Pulkabackar och skidbackar" });
    const people = await Promise.all([createTestUser(), createTestUser(), createTestUser()]);
    await acceptDatasetAsAnswer({
      requesterUserId: people[0]!.id,
      request: newRequestInput({ title: "Pulkabacke för barnen", body: "" }),
      datasetUri: dataset.uri,
    });
    await acceptDatasetAsAnswer({
      requesterUserId: people[0]!.id,
      request: newRequestInput({ title: "Pulkabacke nära skolan", body: "" }),
      datasetUri: dataset.uri,
    });
    await acceptDatasetAsAnswer({
      requesterUserId: people[1]!.id,
      request: newRequestInput({ title: "Var finns pulkabackar?", body: "Med belysning." }),
      datasetUri: dataset.uri,
    });
    await acceptDatasetAsAnswer({
      requesterUserId: people[2]!.id,
      request: newRequestInput({ title: "Belysta pulkabackar", body: "" }),
      datasetUri: dataset.uri,
    });

    const cookie = await sessionCookieFor((await createTestUser({ role: "coordinator" })).id);
    const page = (await learningPage.loader(pageRequest("/admin/inlarning", { cookie }))) as Page;
    const row = page.datasets.find((d) => d.datasetId === dataset.id);
    expect(row).toMatchObject({
      title: "Pulkabackar och skidbackar",
      answers: 4,
      users: 3,
      bySource: { accepted_match: 4, task_link: 0, duplicate_merged: 0 },
    });
    // "pulkabacke"/"pulkabackar" is one stem taught by three people; "skolan" only by one.
    expect(row!.words[0]).toMatchObject({ users: 3 });
    expect(row!.words[0]!.word).toMatch(/^pulkaback/);
    expect(row!.words.map((w) => w.word).join(" ")).not.toMatch(/skolan/);
  });
});
