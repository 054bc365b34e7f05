import { describe, expect, it } from "vitest";
import { db } from "../../db/client.server";
import * as searchPage from "../../app/routes/admin.search";
import * as rootRoute from "../../app/root";
import { createTestDataset } from "../factories/dataset";
import { createTestUser, sessionCookieFor } from "../factories/user";
import { pageRequest, run } from "../support/route-request";

/** A row the engine refused until its attempts ran out, as search/indexing/outbox.server.ts parks it. */
async function parkedRow(title: string) {
  const dataset = await createTestDataset({ title });
  const row = await db
    .updateTable("search_outbox")
    .set({ attempts: 5, last_error: "string is too long for tsvector (2821068 bytes, max 1048575 bytes)", dead_at: new Date() })
    .where("entity_id", "=", dataset.id)
    .returning("id")
    .executeTakeFirstOrThrow();
  return { dataset, rowId: row.id };
}

describe("the search index admin page", () => {
  it("is for admins only: a coordinator gets 403 on the page and the retry, and has no link to it", async () => {
    const coordinator = await sessionCookieFor((await createTestUser({ role: "coordinator" })).id);
    const page = await run(searchPage.loader, pageRequest("/admin/search", { cookie: coordinator }));
    expect(page).toBeInstanceOf(Response);
    expect((page as Response).status).toBe(403);
    const retry = await run(searchPage.action, pageRequest("/admin/search", { cookie: coordinator, form: { intent: "retry-all" } }));
    expect((retry as Response).status).toBe(403);
    const root = (await rootRoute.loader(pageRequest("/", { cookie: coordinator }))) as { user: { canManageSearch: boolean } };
    expect(root.user.canManageSearch).toBe(false);

    const visitor = await run(searchPage.loader, pageRequest("/admin/search"));
    expect((visitor as Response).status).toBe(302);
  });

  it("shows admins the dead rows with their errors, and retries one or all of them", async () => {
    const admin = await createTestUser({ role: "admin" });
    const cookie = await sessionCookieFor(admin.id);
    const root = (await rootRoute.loader(pageRequest("/", { cookie }))) as { user: { canManageSearch: boolean } };
    expect(root.user.canManageSearch).toBe(true);
    const first = await parkedRow("Jättestor datamängd");
    const second = await parkedRow("Ännu en jättestor datamängd");

    const page = (await searchPage.loader(pageRequest("/admin/search", { cookie }))) as Awaited<ReturnType<typeof searchPage.loader>>;
    expect(page.dead.map((row) => row.title).sort()).toEqual(["Jättestor datamängd", "Ännu en jättestor datamängd"]);
    expect(page.dead[0]).toMatchObject({ entityType: "dataset", attempts: 5, lastError: expect.stringMatching(/too long for tsvector/) });

    // Bad input is a message, never a 500.
    expect(await run(searchPage.action, pageRequest("/admin/search", { cookie, form: { intent: "retry", rowId: "x" } }))).toMatchObject({
      ok: false,
      fieldErrors: { rowId: ["adminSearch.invalidRow"] },
    });

    expect(
      await searchPage.action(pageRequest("/admin/search", { cookie, form: { intent: "retry", rowId: String(first.rowId) } })),
    ).toEqual({
      ok: true,
      retried: 1,
    });
    const revived = await db
      .selectFrom("search_outbox")
      .select(["attempts", "dead_at"])
      .where("id", "=", first.rowId)
      .executeTakeFirstOrThrow();
    expect(revived).toEqual({ attempts: 0, dead_at: null });

    expect(await searchPage.action(pageRequest("/admin/search", { cookie, form: { intent: "retry-all" } }))).toEqual({
      ok: true,
      retried: 1,
    });
    const after = (await searchPage.loader(pageRequest("/admin/search", { cookie }))) as Awaited<ReturnType<typeof searchPage.loader>>;
    expect(after.dead).toEqual([]);
    expect(after.pending).toBeGreaterThanOrEqual(2);
    const events = await db
      .selectFrom("events")
      .select("action")
      .where("actor_user_id", "=", admin.id)
      .where("entity_type", "=", "search_outbox")
      .execute();
    expect(events).toHaveLength(2);
    void second;
  });
});
