import { createElement } from "react";
import { renderToString } from "react-dom/server";
import { createStaticHandler, createStaticRouter, StaticRouterProvider } from "react-router-dom/server";
import { describe, expect, it } from "vitest";
import { db } from "../../db/client.server";
import { signUnsubscribeToken } from "../../app/mail/unsubscribe-token.server";
import { getMailPreferences, makeUnsubscribeToken, setMailPreferences } from "../../app/models/mail-preference.server";
import { enqueueMail } from "../../app/models/mail.server";
import * as unsubscribe from "../../app/routes/avregistrera.$token";
import UnsubscribePage from "../../app/routes/avregistrera.$token";
import { createTestUser } from "../factories/user";
import { ORIGIN, pageRequest, runWithStatus } from "../support/route-request";

/**
 * The signed one-click unsubscribe link (RFC 8058, ADR 021): GET asks and changes nothing (mail
 * scanners open links), POST switches the kind off without a session — also as a mail program
 * posts it, without cookies or Origin — and an altered, foreign or expired link is refused with a
 * message, nothing written.
 */

const DAY = 24 * 60 * 60 * 1000;

function get(token: string) {
  const args = pageRequest(`/avregistrera/${token}`);
  return runWithStatus(unsubscribe.loader, { ...args, params: { token } });
}

/** POSTed as a mail program does it (RFC 8058 §3.2): the one-click body, no cookie, no Origin. */
function oneClick(token: string) {
  const request = new Request(new URL(`/avregistrera/${token}`, ORIGIN), {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
    body: "List-Unsubscribe=One-Click",
  });
  return runWithStatus(unsubscribe.action, { request, context: { cspNonce: "test", clientAddress: "127.0.0.1" }, params: { token } });
}

/** Server-renders the page with its real loader under a root that chose the language, as Remix would. */
async function renderPage(token: string, locale: "sv" | "en") {
  const routes = [
    {
      id: "root",
      path: "/",
      loader: () => ({ locale }),
      children: [
        {
          id: "unsubscribe",
          path: "avregistrera/:token",
          loader: ({ params }: { params: Record<string, string | undefined> }) =>
            unsubscribe.loader({ ...pageRequest(`/avregistrera/${token}`), params }),
          Component: UnsubscribePage,
        },
      ],
    },
  ];
  const handler = createStaticHandler(routes);
  const context = await handler.query(new Request(`${ORIGIN}/avregistrera/${token}`));
  if (context instanceof Response) throw new Error("unexpected response");
  const router = createStaticRouter(handler.dataRoutes, context);
  return renderToString(createElement(StaticRouterProvider, { router, context, hydrate: false }));
}

const unsubscribeEvents = (userId: string) =>
  db
    .selectFrom("events")
    .select(["action", "actor_user_id", "data"])
    .where("entity_type", "=", "user")
    .where("entity_id", "=", userId)
    .where("action", "=", "mail_unsubscribe")
    .execute();

async function expectNothingWritten(userId: string) {
  expect(Object.values(await getMailPreferences(userId))).toEqual(Array(7).fill("immediately"));
  expect(await unsubscribeEvents(userId)).toEqual([]);
}

describe("/avregistrera/<token>", () => {
  it("asks on GET and changes nothing; the POST — without a session or Origin — switches the kind off, with an event", async () => {
    const user = await createTestUser();
    const token = await makeUnsubscribeToken({ userId: user.id, scope: "comment" });

    const page = await get(token);
    expect(page.status).toBe(200);
    expect(page.data).toEqual({ valid: true, error: null, scope: "comment", kinds: ["comment"] });
    await expectNothingWritten(user.id);

    const done = await oneClick(token);
    expect(done.status).toBe(200);
    expect(done.data).toEqual({ ok: true, scope: "comment", kinds: ["comment"] });
    expect(await getMailPreferences(user.id)).toMatchObject({ comment: "never", task_change: "immediately", new_task: "immediately" });
    expect(await unsubscribeEvents(user.id)).toEqual([
      {
        action: "mail_unsubscribe",
        actor_user_id: null,
        data: { scope: "comment", from: { comment: "immediately" }, to: { comment: "never" } },
      },
    ]);

    // Used again: still a success, and nothing more is written.
    expect((await oneClick(token)).status).toBe(200);
    expect(await unsubscribeEvents(user.id)).toHaveLength(1);
    // And the next comment mail is not written at all.
    await db
      .transaction()
      .execute((trx) => enqueueMail(trx, { to: user.email, userId: user.id, kind: "comment", subject: "Kommentar", text: "Hej" }));
    expect(await db.selectFrom("mail_outbox").select("id").where("to_address", "=", user.email).execute()).toEqual([]);
  });

  it("works from the page's own form too (same origin, signed in or not)", async () => {
    const user = await createTestUser();
    const token = await makeUnsubscribeToken({ userId: user.id, scope: "new_task" });
    const args = pageRequest(`/avregistrera/${token}`, { form: {} });
    const done = await runWithStatus(unsubscribe.action, { ...args, params: { token } });
    expect(done).toEqual({ status: 200, data: { ok: true, scope: "new_task", kinds: ["new_task"] } });
    expect((await getMailPreferences(user.id)).new_task).toBe("never");
  });

  it("from a digest switches off every kind the user gets daily", async () => {
    const user = await createTestUser();
    await setMailPreferences({ userId: user.id, preferences: { comment: "daily", merge: "daily", task_change: "immediately" } });
    const token = await makeUnsubscribeToken({ userId: user.id, scope: "daily_digest" });
    expect((await get(token)).data).toMatchObject({ valid: true, scope: "daily_digest", kinds: ["comment", "merge"] });
    await oneClick(token);
    expect(await getMailPreferences(user.id)).toMatchObject({ comment: "never", merge: "never", task_change: "immediately" });
  });

  it("refuses an altered, a foreign-keyed, a malformed and an expired link with a message (400, never 500), nothing written", async () => {
    const user = await createTestUser();
    const other = await createTestUser();
    const token = await makeUnsubscribeToken({ userId: user.id, scope: "comment" });
    const [version, , , day, mac] = token.split(".");
    const flipped = `${mac[0] === "A" ? "B" : "A"}${mac.slice(1)}`;
    const forged = [
      // Another user's account under this user's signature.
      [version, other.id, "comment", day, mac].join("."),
      // Another kind.
      [version, user.id, "task_change", day, mac].join("."),
      // A later day, to stretch the 90 days.
      [version, user.id, "comment", String(Number(day) + 30), mac].join("."),
      // One character of the signature.
      [version, user.id, "comment", day, flipped].join("."),
      // Signed with some other key.
      signUnsubscribeToken("ett annat hemligt värde som inte är portalens nyckel", { userId: user.id, scope: "comment" }),
      // Not a token at all.
      "x",
      "v1.inte-en-uuid.comment.1.abc",
      `${token}.extra`,
      "%00",
      "a".repeat(5000),
    ];
    for (const bad of forged) {
      const page = await get(bad);
      expect(page.status, bad).toBe(400);
      expect(page.data, bad).toMatchObject({ valid: false, error: "errors.unsubscribeInvalid" });
      const posted = await oneClick(bad);
      expect(posted.status, bad).toBe(400);
      expect(posted.data, bad).toMatchObject({ ok: false, formErrors: ["errors.unsubscribeInvalid"] });
    }
    await expectNothingWritten(user.id);
    await expectNothingWritten(other.id);

    const expired = await makeUnsubscribeToken({ userId: user.id, scope: "comment" }, new Date(Date.now() - 91 * DAY));
    expect((await get(expired)).data).toMatchObject({ valid: false, error: "errors.unsubscribeExpired" });
    expect(await oneClick(expired)).toMatchObject({ status: 400, data: { formErrors: ["errors.unsubscribeExpired"] } });
    await expectNothingWritten(user.id);
    // Within its 90 days a link still works.
    const old = await makeUnsubscribeToken({ userId: user.id, scope: "comment" }, new Date(Date.now() - 89 * DAY));
    expect((await oneClick(old)).status).toBe(200);
  });

  it("shows the question with a button in the reader's language, and a refused link's message", async () => {
    const user = await createTestUser();
    const token = await makeUnsubscribeToken({ userId: user.id, scope: "task_change" });
    const sv = await renderPage(token, "sv");
    expect(sv).toContain("<h1>Avregistrera e-post</h1>");
    expect(sv).toContain("Vill du sluta få e-post om följande?");
    expect(sv).toContain("<li>Svar och statusändringar</li>");
    expect(sv).toMatch(/<form method="post"[^>]*>/);
    expect(sv).toContain(">Ja, avregistrera mig</button>");
    const en = await renderPage(token, "en");
    expect(en).toContain("<li>Answers and status changes</li>");
    expect(en).toContain(">Yes, unsubscribe me</button>");
    await expectNothingWritten(user.id);

    const refused = await renderPage(`${token.slice(0, -2)}${token.endsWith("AA") ? "BB" : "AA"}`, "sv");
    expect(refused).toContain("Länken för att avregistrera sig är inte giltig.");
    expect(refused).not.toContain("<form");
    const refusedEn = await renderPage("v1.x", "en");
    expect(refusedEn).toContain("The unsubscribe link is not valid.");
  });

  it("refuses a body that is not a form with 400", async () => {
    const user = await createTestUser();
    const token = await makeUnsubscribeToken({ userId: user.id, scope: "comment" });
    const request = new Request(new URL(`/avregistrera/${token}`, ORIGIN), {
      method: "POST",
      body: "{}",
      headers: { "Content-Type": "application/json" },
    });
    const result = await runWithStatus(unsubscribe.action, {
      request,
      context: { cspNonce: "test", clientAddress: "127.0.0.1" },
      params: { token },
    });
    expect(result.status).toBe(400);
    await expectNothingWritten(user.id);
  });
});
