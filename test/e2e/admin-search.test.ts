import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { db } from "../../db/client.server";
import { createTestDataset } from "../factories/dataset";
import { createTestUser } from "../factories/user";
import { chromiumMissing, expectAccessible } from "../support/browser";
import { usePortalAndBrowser } from "../support/e2e";
import { loginAs } from "../support/login";

const e2e = usePortalAndBrowser();

describe.skipIf(chromiumMissing)("the search index admin page", () => {
  it("shows an admin the dataset the engine refused, with its error, and retries it", async () => {
    // A dataset the built-in engine really refuses (its tsvector would pass 1 MB), parked as dead
    // as the outbox does after its attempts.
    const words = Array.from({ length: 200_000 }, () => randomBytes(5).toString("hex")).join(" ");
    const poisoned = await createTestDataset({ title: "Jättestor datamängd", description: words });
    await expect
      .poll(async () => {
        await db
          .updateTable("search_outbox")
          .set({ dead_at: new Date(), attempts: 5, last_error: "string is too long for tsvector (2821068 bytes, max 1048575 bytes)" })
          .where("entity_id", "=", poisoned.id)
          .execute();
        return (
          await db.selectFrom("search_outbox").select("id").where("entity_id", "=", poisoned.id).where("dead_at", "is not", null).execute()
        ).length;
      })
      .toBe(1);

    const admin = await createTestUser({ role: "admin" });
    const context = await e2e.browser.newContext({ baseURL: e2e.portal.url });
    await loginAs(context, e2e.portal.url, admin.id);
    const page = await context.newPage();
    try {
      await page.goto("/");
      // The admin pages are under one menu in the header (issue 13).
      await page.getByText("Administration", { exact: true }).click();
      await page.getByRole("link", { name: "Sökindex" }).click();
      await page.getByRole("heading", { name: "Sökindexet", level: 1 }).waitFor();
      const row = page.getByRole("row", { name: /Jättestor datamängd/ });
      await row.getByText(/too long for tsvector/).waitFor();
      await expectAccessible(page);

      await row.getByRole("button", { name: "Försök igen att indexera Jättestor datamängd" }).click();
      await page.getByRole("status").getByText("Köade för ett nytt försök: 1.").waitFor();
      await expectAccessible(page);
      // Back in the queue: the server's worker takes it again (and, refused again, it waits).
      await expect
        .poll(
          async () =>
            (await db.selectFrom("search_outbox").select("attempts").where("entity_id", "=", poisoned.id).executeTakeFirst())?.attempts,
          {
            timeout: 20_000,
            interval: 200,
          },
        )
        .toBe(1);
    } finally {
      await context.close();
    }
  }, 90_000);
});
