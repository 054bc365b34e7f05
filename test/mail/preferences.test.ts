import { createElement } from "react";
import { renderToString } from "react-dom/server";
import { createStaticHandler, createStaticRouter, StaticRouterProvider } from "react-router-dom/server";
import { describe, expect, it } from "vitest";
import { db } from "../../db/client.server";
import { preferenceMailKinds } from "../../app/domain/mail";
import { getMailPreferences } from "../../app/models/mail-preference.server";
import AccountPage, { action, loader } from "../../app/routes/account";
import { createTestUser, sessionCookieFor } from "../factories/user";
import { ORIGIN, pageRequest, runWithStatus } from "../support/route-request";

/** The account page's mail choices (issue 9, ADR 021): one radio group per kind, saved without JavaScript. */

const allImmediately = Object.fromEntries(preferenceMailKinds.map((kind) => [kind, "immediately"]));

const preferenceEvents = (userId: string) =>
  db
    .selectFrom("events")
    .select(["action", "actor_user_id", "data"])
    .where("entity_type", "=", "user")
    .where("entity_id", "=", userId)
    .where("action", "=", "mail_preferences")
    .execute();

async function renderAccount(cookie: string, locale: "sv" | "en") {
  const routes = [
    {
      id: "root",
      path: "/",
      loader: () => ({ locale }),
      children: [{ id: "account", path: "account", loader: () => loader(pageRequest("/account", { cookie })), Component: AccountPage }],
    },
  ];
  const handler = createStaticHandler(routes);
  const context = await handler.query(new Request(`${ORIGIN}/account`));
  if (context instanceof Response) throw new Error("unexpected response");
  return renderToString(
    createElement(StaticRouterProvider, { router: createStaticRouter(handler.dataRoutes, context), context, hydrate: false }),
  );
}

describe("mail preferences on the account page", () => {
  it("default to at once for every kind, shown as labelled radio buttons in fieldsets", async () => {
    const user = await createTestUser();
    const cookie = await sessionCookieFor(user.id);
    const page = await runWithStatus(loader, pageRequest("/account", { cookie }));
    expect(page.data).toMatchObject({ mailPreferences: allImmediately });

    const html = await renderAccount(cookie, "sv");
    expect(html).toContain('<h2 id="mail-heading">E-post</h2>');
    // One fieldset per kind, its legend the kind, described by its hint; every radio inside a label.
    expect(html.match(/<fieldset class="field" aria-describedby="[^"]+"><legend>/g)).toHaveLength(preferenceMailKinds.length);
    expect(html).toContain("<legend>Kommentarer</legend>");
    expect(html).toContain("<legend>Nya uppgifter till min organisation</legend>");
    expect(html).toMatch(
      /<label class="choice"><input type="radio" name="comment" value="daily"\/> <!-- -->En sammanfattning per dag<\/label>/,
    );
    expect(html).toMatch(/<input type="radio" name="comment" checked="" value="immediately"\/>/);
    expect(html).toContain('<input type="hidden" name="intent" value="mailPreferences"/>');
    const en = await renderAccount(cookie, "en");
    expect(en).toContain("<legend>Answers and status changes</legend>");
    expect(en).toContain("One summary a day");
  });

  it("saves the choices from a plain form POST, with an event of what changed, and shows them again", async () => {
    const user = await createTestUser();
    const cookie = await sessionCookieFor(user.id);
    const form = { ...allImmediately, intent: "mailPreferences", comment: "daily", merge: "never" };
    const saved = await runWithStatus(action, pageRequest("/account", { cookie, form }));
    expect(saved.status).toBe(302);
    expect((saved.data as Response).headers.get("Location")).toBe("/account?done=mail#mail-heading");
    expect(await getMailPreferences(user.id)).toEqual({ ...allImmediately, comment: "daily", merge: "never" });
    expect(await preferenceEvents(user.id)).toEqual([
      {
        action: "mail_preferences",
        actor_user_id: user.id,
        data: { from: { comment: "immediately", merge: "immediately" }, to: { comment: "daily", merge: "never" } },
      },
    ]);
    const html = await renderAccount(cookie, "sv");
    expect(html).toMatch(/<input type="radio" name="comment" checked="" value="daily"\/>/);
    expect(html).toMatch(/<input type="radio" name="merge" checked="" value="never"\/>/);

    // The same choices again: nothing changes, no second event.
    await runWithStatus(action, pageRequest("/account", { cookie, form }));
    expect(await preferenceEvents(user.id)).toHaveLength(1);
  });

  it("refuses an unknown choice with 400 and the form's values kept, changing nothing; a visitor is sent to sign in", async () => {
    const user = await createTestUser();
    const cookie = await sessionCookieFor(user.id);
    const bad = await runWithStatus(
      action,
      pageRequest("/account", { cookie, form: { ...allImmediately, intent: "mailPreferences", comment: "hourly", merge: "never" } }),
    );
    expect(bad.status).toBe(400);
    expect(bad.data).toMatchObject({ ok: false, fieldErrors: { comment: ["errors.invalidValue"] }, values: { merge: "never" } });
    expect(await getMailPreferences(user.id)).toEqual(allImmediately);

    const visitor = await runWithStatus(action, pageRequest("/account", { form: { intent: "mailPreferences", comment: "never" } }));
    expect(visitor.status).toBe(302);
    // A form from another site is refused by the forms' Origin check.
    const forged = await runWithStatus(
      action,
      pageRequest("/account", { cookie, origin: "https://evil.example", form: { intent: "mailPreferences", comment: "never" } }),
    );
    expect(forged.status).toBe(400);
    expect(await getMailPreferences(user.id)).toEqual(allImmediately);
  });
});
