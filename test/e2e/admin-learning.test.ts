import { describe, it } from "vitest";
import { acceptDatasetAsAnswer } from "../../app/models/request.server";
import { createTestDataset } from "../factories/dataset";
import { newRequestInput } from "../factories/request";
import { createTestUser } from "../factories/user";
import { chromiumMissing, expectAccessible } from "../support/browser";
import { usePortalAndBrowser } from "../support/e2e";
import { loginAs } from "../support/login";

const e2e = usePortalAndBrowser();

/** What the matcher learned from use, as a coordinator reads it (issue 11, ADR 032). */
describe.skipIf(chromiumMissing)("the learned-from-use admin page", () => {
  it("shows a coordinator, from the menu, how many answers and people taught a dataset and the words, and lets them remove a piece", async () => {
    const dataset = await createTestDataset({ title: "Snökanoner och skidbackar" });
    for (const title of ["Konstsnö i backarna", "Var finns konstsnö?"]) {
      const requester = await createTestUser();
      await acceptDatasetAsAnswer({
        requesterUserId: requester.id,
        request: newRequestInput({ title, body: "" }),
        datasetUri: dataset.uri,
      });
    }
    const coordinator = await createTestUser({ role: "coordinator" });
    const context = await e2e.browser.newContext({ baseURL: e2e.portal.url });
    await loginAs(context, e2e.portal.url, coordinator.id);
    const page = await context.newPage();
    try {
      await page.goto("/");
      // The admin pages are under one menu in the header (issue 13).
      await page.getByText("Administration", { exact: true }).click();
      await page.getByRole("link", { name: "Inlärda matchningar" }).click();
      await page.getByRole("heading", { name: "Inlärt från användning", level: 1 }).waitFor();
      const row = page.getByRole("row", { name: /Snökanoner och skidbackar/ });
      await row.getByText("2 svar, 2 personer").waitFor();
      await row.getByText("konstsnö (2)").waitFor();
      await expectAccessible(page);

      // A coordinator removes a piece they judge wrong; one person's teaching is left, so no word.
      await row.getByText("Visa belägg (2)").click();
      await expectAccessible(page);
      await row
        .getByRole("button", { name: /^Ta bort belägget från förfrågan/ })
        .first()
        .click();
      await page.getByRole("status").getByText("Belägget togs bort.", { exact: false }).waitFor();
      const after = page.getByRole("row", { name: /Snökanoner och skidbackar/ });
      await after.getByText("1 svar, 1 person").waitFor();
      await after.getByText("Inget ord ännu från två personer").waitFor();
      await expectAccessible(page);
    } finally {
      await context.close();
    }
  }, 90_000);
});
