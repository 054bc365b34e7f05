import { describe, expect, it } from "vitest";
import { db } from "../../db/client.server";
import { createTestUser } from "../factories/user";
import { chromiumMissing, expectAccessible } from "../support/browser";
import { usePortalAndBrowser } from "../support/e2e";
import { loginAs } from "../support/login";

const e2e = usePortalAndBrowser({ catalogues: ["catalog-vg-public.rdf"] });

describe.skipIf(chromiumMissing)("asking once", () => {
  it("shows matches while the requester types, and accepting a dataset answers the request at once", async () => {
    const requester = await createTestUser({ name: "Agnes Appbyggare" });
    const context = await e2e.browser.newContext({ baseURL: e2e.portal.url });
    await loginAs(context, e2e.portal.url, requester.id);
    const page = await context.newPage();
    await page.goto("/");
    await page.getByRole("link", { name: "Fråga efter data" }).click();
    await page.getByRole("heading", { name: "Fråga efter data", level: 1 }).waitFor();
    await expectAccessible(page);

    await page.getByLabel("Rubrik").fill("Badplatser i Borås");
    await page
      .getByLabel("Vilka data behöver du?")
      .pressSequentially("Vi bygger en app för badgäster och behöver badplatserna i Borås.", { delay: 5 });
    const accept = page.getByRole("button", { name: /^Det här besvarar min fråga: .*Borås/ }).first();
    await accept.waitFor();
    await expectAccessible(page);
    await page.getByLabel("Vad ska data användas till, och vilken nytta gör det?").fill("En badapp för sommaren.");
    await accept.click();

    await page.waitForURL(/\/requests\/\d+$/);
    await page.getByText("Besvarad med data som redan fanns").first().waitFor();
    await expectAccessible(page);
    const request = await db
      .selectFrom("requests")
      .select(["id", "status"])
      .where("requester_user_id", "=", requester.id)
      .executeTakeFirstOrThrow();
    expect(request.status).toBe("answered_by_existing_data");
    // Borås's own dataset answered a request to all 49: Borås alone is credited (ADR 025).
    const credited = await db
      .selectFrom("time_saved")
      .innerJoin("organisations", "organisations.id", "time_saved.organisation_id")
      .select("organisations.kommunkod")
      .where("request_id", "=", request.id)
      .execute();
    expect(credited).toEqual([{ kommunkod: "1490" }]);
    await context.close();
  });

  it("accepts a matched dataset before the purpose below the panel is written (with JavaScript)", async () => {
    const requester = await createTestUser({ name: "Jonas Jsson" });
    const context = await e2e.browser.newContext({ baseURL: e2e.portal.url });
    await loginAs(context, e2e.portal.url, requester.id);
    const page = await context.newPage();
    await page.goto("/requests/new");
    await page.getByLabel("Rubrik").fill("Badplatser i Borås");
    await page.getByLabel("Vilka data behöver du?").pressSequentially("Badplatserna i Borås", { delay: 5 });
    const accept = page.getByRole("button", { name: /^Det här besvarar min fråga: .*Borås/ }).first();
    await accept.waitFor();
    await accept.click();
    await page.waitForURL(/\/requests\/\d+$/);
    await page.getByText("Besvarad med data som redan fanns").first().waitFor();
    const request = await db
      .selectFrom("requests")
      .select(["status", "purpose"])
      .where("requester_user_id", "=", requester.id)
      .executeTakeFirstOrThrow();
    expect(request).toEqual({ status: "answered_by_existing_data", purpose: "" });
    await context.close();
  });

  it("shows what already exists and accepts it without JavaScript, with only the text written", async () => {
    const requester = await createTestUser({ name: "Nora Noscript" });
    const context = await e2e.browser.newContext({ baseURL: e2e.portal.url, javaScriptEnabled: false });
    await loginAs(context, e2e.portal.url, requester.id);
    const page = await context.newPage();
    await page.goto("/requests/new");
    await page.getByLabel("Rubrik").fill("Badplatser i Borås");
    await page.getByRole("button", { name: "Visa vad som redan finns" }).click();
    const accept = page.getByRole("button", { name: /^Det här besvarar min fråga: .*Borås/ }).first();
    await accept.waitFor();
    expect(await page.locator(".error-summary").count()).toBe(0);
    await accept.click();
    await page.waitForURL(/\/requests\/\d+$/);
    await page.getByText("Besvarad med data som redan fanns").first().waitFor();
    const request = await db
      .selectFrom("requests")
      .select("status")
      .where("requester_user_id", "=", requester.id)
      .executeTakeFirstOrThrow();
    expect(request.status).toBe("answered_by_existing_data");
    await context.close();
  });

  it("answers a form posted from another site with 403 and a page saying why, not a 500", async () => {
    for (const origin of ["http://evil.example", "null"]) {
      const response = await fetch(`${e2e.portal.url}/requests/new`, {
        method: "POST",
        redirect: "manual",
        headers: { Origin: origin, "Content-Type": "application/x-www-form-urlencoded" },
        body: "intent=submit&title=x",
      });
      expect(response.status).toBe(403);
      expect(await response.text()).toContain("Formuläret kom inte från den här webbplatsen");
    }
  });

  it("files a new request, a coordinator routes it, and the public register shows its status", async () => {
    const requester = await createTestUser({ name: "Rut Forskare" });
    const coordinator = await createTestUser({ role: "coordinator", name: "Cilla Samordnare" });
    const requesterContext = await e2e.browser.newContext({ baseURL: e2e.portal.url });
    await loginAs(requesterContext, e2e.portal.url, requester.id);
    const page = await requesterContext.newPage();
    await page.goto("/requests/new");
    await page.getByLabel("Rubrik").fill("Snöröjningsrutter vintern 2026");
    await page.getByLabel("Vilka data behöver du?").fill("Vilka gator plogas först, och i vilken ordning?");
    await page.getByLabel("Vad ska data användas till, och vilken nytta gör det?").fill("Forskning om framkomlighet för cyklister.");
    await page.getByRole("radio", { name: "Forskare eller lärosäte" }).check();
    await page.getByRole("radio", { name: "Vissa kommuner" }).check();
    await page.getByRole("checkbox", { name: "Borås" }).check();
    await page.getByRole("checkbox", { name: "Skövde" }).check();
    await page.getByRole("button", { name: "Skicka förfrågan" }).click();
    await page.waitForURL(/\/requests\/\d+$/);
    const number = Number(new URL(page.url()).pathname.split("/").pop());
    await page.getByText("Inskickad, väntar på granskning").first().waitFor();
    await requesterContext.close();

    const coordinatorContext = await e2e.browser.newContext({ baseURL: e2e.portal.url });
    await loginAs(coordinatorContext, e2e.portal.url, coordinator.id);
    const triage = await coordinatorContext.newPage();
    await triage.goto("/");
    await triage.getByRole("link", { name: "Att hantera" }).click();
    await triage.getByRole("link", { name: `Hantera: nr ${number}, Snöröjningsrutter vintern 2026` }).click();
    await expectAccessible(triage);
    await triage.getByLabel("Svarstid i arbetsdagar").fill("10");
    await triage.getByRole("button", { name: "Godkänn och skicka" }).click();
    await triage
      .getByRole("status")
      .getByText(/skickad till 2 organisationer/)
      .waitFor();
    await expectAccessible(triage);
    await coordinatorContext.close();

    const visitor = await e2e.browser.newPage({ baseURL: e2e.portal.url });
    await visitor.goto("/requests");
    const row = visitor
      .getByRole("listitem")
      .filter({ hasText: "Snöröjningsrutter vintern 2026" })
      .or(visitor.getByRole("row", { name: /Snöröjningsrutter/ }));
    await row.first().getByText("Öppen, skickad till kommunerna").waitFor();
    await expectAccessible(visitor);
    await visitor.close();
  });
});
