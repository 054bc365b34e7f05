import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "../../db/client.server";
import { consumeUserLimit } from "../../app/auth/rate-limit.server";
import { MarkdownHtml } from "../../app/components/markdown";
import { Markdown, markdownHtml } from "../../app/components/markdown.server";
import { recordEvent } from "../../app/models/event.server";
import { action, loader } from "../../app/routes/requests.$number/route";
import { createTestDataset } from "../factories/dataset";
import { createTestRequest } from "../factories/request";
import { createTestUser, getMunicipality, sessionCookieFor, type TestRole } from "../factories/user";
import { pageRequest, run } from "../support/route-request";

type PageData = Awaited<ReturnType<typeof loader>>;
type ActionData = Awaited<ReturnType<typeof action>>;

function load(number: number | string, cookie?: string) {
  return run(loader, { ...pageRequest(`/requests/${number}`, { cookie }), params: { number: String(number) } });
}

async function loadPage(number: number, cookie?: string) {
  const data = await load(number, cookie);
  if (data instanceof Response) throw new Error(`loader answered ${data.status}`);
  return data as PageData;
}

function post(number: number, form: Record<string, string>, options: { cookie?: string; origin?: string | null } = {}) {
  return run(action, { ...pageRequest(`/requests/${number}`, { ...options, form }), params: { number: String(number) } }) as Promise<
    ActionData | Response
  >;
}

async function countsOf(requestId: string) {
  return db
    .selectFrom("requests")
    .select(["vote_count as votes", "comment_count as comments", "follower_count as followers"])
    .where("id", "=", requestId)
    .executeTakeFirstOrThrow();
}

async function commentIdsOf(requestId: string) {
  return (await db.selectFrom("comments").select("id").where("request_id", "=", requestId).orderBy("created_at").execute()).map(
    (c) => c.id,
  );
}

const cookies = {} as Record<TestRole, string>;
const users = {} as Record<TestRole, { id: string; name: string; email: string }>;

beforeAll(async () => {
  for (const role of ["requester", "responder", "coordinator", "admin"] as const) {
    users[role] = await createTestUser({ role });
    cookies[role] = await sessionCookieFor(users[role].id);
  }
});

describe("the request page loader", () => {
  it("shows the request to a visitor, with the requester by name and never their e-mail", async () => {
    const requester = await createTestUser({ name: "Rut Frågeställare", email: "rut.hemlig@example.se" });
    const request = await createTestRequest({
      title: "Badplatser och vattenkvalitet",
      body: "Vi behöver **badplatser**.",
      purpose: "En app för badgäster.",
      requesterUserId: requester.id,
      requesterShownAs: "name",
      requesterOrganisationName: "Badappen AB",
      targetKommunkoder: ["1490", "1496"],
      tags: ["badplatser", "miljö"],
      dueDate: "2027-03-01",
    });
    const data = await loadPage(request.number);
    expect(data.request).toMatchObject({
      number: request.number,
      title: "Badplatser och vattenkvalitet",
      body: "Vi behöver **badplatser**.",
      purpose: "En app för badgäster.",
      requester: { kind: "requester", shownAs: "name", name: "Rut Frågeställare" },
      targetScope: "chosen",
      tags: ["badplatser", "miljö"],
      dueDate: "2027-03-01",
      status: "open",
      openForVotes: true,
    });
    expect(data.targets.map((t) => t.name).sort()).toEqual(["Borås", "Skövde"]);
    expect(data.viewer).toMatchObject({ signedIn: false, canVote: false, canComment: false, canHide: false, hasVoted: false });
    expect(JSON.stringify(data)).not.toContain("rut.hemlig@example.se");
  });

  it("shows the requester only as they chose: organisation, or nobody", async () => {
    const requester = await createTestUser({ name: "Hemliga Hanna", email: "hanna@example.se" });
    const byOrganisation = await createTestRequest({
      requesterUserId: requester.id,
      requesterShownAs: "organisation",
      requesterOrganisationName: "Forskning AB",
    });
    const anonymous = await createTestRequest({
      requesterUserId: requester.id,
      requesterShownAs: "anonymous",
      requesterOrganisationName: "Forskning AB",
    });
    // The requester's own steps and comments must not give their name away either.
    await recordEvent(db, {
      actorUserId: requester.id,
      entityType: "request",
      entityId: anonymous.id,
      action: "submit",
      toState: "submitted",
    });
    await post(anonymous.number, { intent: "comment", body: "Ett förtydligande." }, { cookie: await sessionCookieFor(requester.id) });

    const organisationPage = await loadPage(byOrganisation.number);
    expect(organisationPage.request.requester).toEqual({ kind: "requester", shownAs: "organisation", name: "Forskning AB" });
    expect(JSON.stringify(organisationPage)).not.toContain("Hemliga Hanna");

    const anonymousPage = await loadPage(anonymous.number);
    expect(anonymousPage.request.requester).toEqual({ kind: "requester", shownAs: "anonymous", name: null });
    expect(anonymousPage.timeline[0].actor).toEqual({ kind: "requester", shownAs: "anonymous", name: null });
    expect(anonymousPage.comments[0].author).toEqual({ kind: "requester", shownAs: "anonymous", name: null });
    const json = JSON.stringify(anonymousPage);
    for (const secret of ["Hemliga Hanna", "hanna@example.se", "Forskning AB"]) expect(json).not.toContain(secret);
  });

  it("answers 404 for an unknown or malformed number", async () => {
    for (const number of ["987654", "0", "012", "12abc", "-1", "99999999999", "new"]) {
      const response = await load(number);
      expect(response instanceof Response && response.status, number).toBe(404);
    }
  });

  it("shows the status timeline: who, when, from, to and why", async () => {
    const requester = await createTestUser({ name: "Tidslinje Tova" });
    const request = await createTestRequest({ status: "rejected", requesterUserId: requester.id });
    const coordinator = users.coordinator;
    await recordEvent(db, {
      actorUserId: requester.id,
      entityType: "request",
      entityId: request.id,
      action: "submit",
      toState: "submitted",
    });
    await recordEvent(db, {
      actorUserId: coordinator.id,
      entityType: "request",
      entityId: request.id,
      action: "reject",
      fromState: "submitted",
      toState: "rejected",
      reason: "Frågan gäller inte kommunerna.",
    });
    // The merged duplicate's number is read from the request itself, shown only if the viewer may see it (ADR 040).
    const duplicate = await createTestRequest({ status: "duplicate", duplicateOf: request.id });
    await recordEvent(db, {
      actorUserId: null,
      entityType: "request",
      entityId: request.id,
      action: "merge_duplicate",
      data: { duplicateId: duplicate.id, duplicateNumber: duplicate.number },
    });
    // Not the request's own status: not on its timeline.
    await recordEvent(db, { actorUserId: requester.id, entityType: "vote", entityId: request.id, action: "vote" });

    const data = await loadPage(request.number);
    expect(
      data.timeline.map(({ action, fromState, toState, reason, actor, mergedDuplicateNumber }) => ({
        action,
        fromState,
        toState,
        reason,
        actor,
        mergedDuplicateNumber,
      })),
    ).toEqual([
      {
        action: "submit",
        fromState: null,
        toState: "submitted",
        reason: null,
        actor: { kind: "requester", shownAs: "name", name: "Tidslinje Tova" },
        mergedDuplicateNumber: null,
      },
      {
        action: "reject",
        fromState: "submitted",
        toState: "rejected",
        reason: "Frågan gäller inte kommunerna.",
        actor: { kind: "coordinator" },
        mergedDuplicateNumber: null,
      },
      {
        action: "merge_duplicate",
        fromState: null,
        toState: null,
        reason: null,
        actor: { kind: "system" },
        mergedDuplicateNumber: duplicate.number,
      },
    ]);
    expect(JSON.stringify(data.timeline)).not.toContain(coordinator.name);
    expect(data.request.openForVotes).toBe(false);
  });

  it("shows linked datasets, the accepted answer first", async () => {
    const request = await createTestRequest({ status: "answered_by_existing_data" });
    const linked = await createTestDataset({ title: "Vattenprover" });
    const accepted = await createTestDataset({ title: { sv: "Badplatser i Borås", en: "Bathing sites in Borås" } });
    await db
      .insertInto("request_datasets")
      .values([
        { request_id: request.id, dataset_id: linked.id, reason: "linked" },
        { request_id: request.id, dataset_id: accepted.id, reason: "accepted_answer" },
      ])
      .execute();
    const data = await loadPage(request.number);
    expect(data.linkedDatasets.map((d) => ({ id: d.id, title: d.title.sv, reason: d.reason, publisher: d.publisherName }))).toEqual([
      { id: accepted.id, title: "Badplatser i Borås", reason: "accepted_answer", publisher: "Borås" },
      { id: linked.id, title: "Vattenprover", reason: "linked", publisher: "Borås" },
    ]);
  });

  it("shows the status per municipality, overdue only for unfinished tasks past their due date", async () => {
    const request = await createTestRequest({ targetKommunkoder: ["1490", "1496", "1401"] });
    const [boras, skovde, harryda] = await Promise.all(["1490", "1496", "1401"].map(getMunicipality));
    await db
      .insertInto("tasks")
      .values([
        { request_id: request.id, organisation_id: boras.id, status: "in_progress", due_date: "2020-01-10" },
        { request_id: request.id, organisation_id: skovde.id, status: "answered", due_date: "2020-01-10" },
        { request_id: request.id, organisation_id: harryda.id, status: "pending", due_date: "2999-12-31" },
      ])
      .execute();
    const data = await loadPage(request.number);
    expect(data.tasks.map(({ organisationName, status, dueDate, overdue }) => ({ organisationName, status, dueDate, overdue }))).toEqual([
      { organisationName: "Borås", status: "in_progress", dueDate: "2020-01-10", overdue: true },
      { organisationName: "Härryda", status: "pending", dueDate: "2999-12-31", overdue: false },
      { organisationName: "Skövde", status: "answered", dueDate: "2020-01-10", overdue: false },
    ]);
  });

  it("links a duplicate to its original", async () => {
    const original = await createTestRequest({ title: "Originalet" });
    const duplicate = await createTestRequest({ status: "duplicate", duplicateOf: original.id });
    const data = await loadPage(duplicate.number);
    expect(data.request.duplicateOf).toEqual({ number: original.number, title: "Originalet" });
    expect(data.request.openForVotes).toBe(false);
  });

  it("tells the signed-in viewer what they may do and have done", async () => {
    const request = await createTestRequest({ voterIds: [users.requester.id] });
    const requesterView = await loadPage(request.number, cookies.requester);
    expect(requesterView.viewer).toMatchObject({
      signedIn: true,
      hasVoted: true,
      isFollowing: false,
      canVote: true,
      canComment: true,
      canHide: false,
    });
    const coordinatorView = await loadPage(request.number, cookies.coordinator);
    expect(coordinatorView.viewer).toMatchObject({ hasVoted: false, canHide: true });
  });

  it("never sends the text of a hidden or deleted comment", async () => {
    const request = await createTestRequest();
    await post(request.number, { intent: "comment", body: "Synlig" }, { cookie: cookies.requester });
    await post(request.number, { intent: "comment", body: "Borttagen text" }, { cookie: cookies.requester });
    await post(request.number, { intent: "comment", body: "Dold text" }, { cookie: cookies.requester });
    const [, deleted, hidden] = await commentIdsOf(request.id);
    await post(request.number, { intent: "deleteComment", commentId: deleted }, { cookie: cookies.requester });
    await post(request.number, { intent: "hideComment", commentId: hidden, reason: "Kränkande" }, { cookie: cookies.coordinator });
    const data = await loadPage(request.number, cookies.responder);
    expect(data.comments.map(({ state, body, hiddenReason, mine }) => ({ state, body, hiddenReason, mine }))).toEqual([
      { state: "visible", body: "Synlig", hiddenReason: null, mine: false },
      { state: "deleted", body: null, hiddenReason: null, mine: false },
      { state: "hidden", body: null, hiddenReason: "Kränkande", mine: false },
    ]);
    expect(data.request.commentCount).toBe(1);
    expect((await loadPage(request.number, cookies.requester)).comments.every((c) => c.mine)).toBe(true);
  });
});

describe("the request page actions", () => {
  it("sends a visitor to sign in, whatever they post, and writes nothing", async () => {
    const request = await createTestRequest();
    for (const intent of ["vote", "unvote", "follow", "unfollow", "comment", "editComment", "deleteComment", "hideComment"]) {
      const response = await post(request.number, { intent, body: "Hej", reason: "x", commentId: "00000000-0000-4000-8000-000000000000" });
      expect(response instanceof Response && response.status, intent).toBe(302);
      expect((response as Response).headers.get("Location")).toBe(`/login?redirectTo=%2Frequests%2F${request.number}`);
    }
    expect(await countsOf(request.id)).toEqual({ votes: 0, comments: 0, followers: 0 });
  });

  it("lets every signed-in role vote, toggle and follow; only coordinators and admins hide", async () => {
    const outcomes: Record<string, Record<TestRole, string>> = {};
    for (const role of ["requester", "responder", "coordinator", "admin"] as const) {
      const request = await createTestRequest();
      const vote = await post(request.number, { intent: "vote" }, { cookie: cookies[role] });
      const follow = await post(request.number, { intent: "follow" }, { cookie: cookies[role] });
      const comment = await post(request.number, { intent: "comment", body: "Bra fråga" }, { cookie: cookies[role] });
      const [commentId] = await commentIdsOf(request.id);
      const hide = await post(request.number, { intent: "hideComment", commentId, reason: "Test" }, { cookie: cookies[role] });
      const outcome = (r: unknown) => (r instanceof Response ? String(r.status) : (r as { ok: boolean }).ok ? "ok" : "refused");
      for (const [name, result] of Object.entries({ vote, follow, comment, hide })) {
        (outcomes[name] ??= {} as Record<TestRole, string>)[role] = outcome(result);
      }
    }
    expect(outcomes).toEqual({
      vote: { requester: "ok", responder: "ok", coordinator: "ok", admin: "ok" },
      follow: { requester: "ok", responder: "ok", coordinator: "ok", admin: "ok" },
      comment: { requester: "ok", responder: "ok", coordinator: "ok", admin: "ok" },
      hide: { requester: "403", responder: "403", coordinator: "ok", admin: "ok" },
    });
  });

  it("votes, refuses a second vote and toggles back, with the count in step", async () => {
    const request = await createTestRequest();
    expect(await post(request.number, { intent: "vote" }, { cookie: cookies.requester })).toMatchObject({
      ok: true,
      intent: "vote",
      message: "requestPage.voted",
    });
    // A double submit (two tabs, a double click without JavaScript) changes nothing.
    await Promise.all([
      post(request.number, { intent: "vote" }, { cookie: cookies.requester }),
      post(request.number, { intent: "vote" }, { cookie: cookies.requester }),
    ]);
    expect((await countsOf(request.id)).votes).toBe(1);
    expect(await post(request.number, { intent: "unvote" }, { cookie: cookies.requester })).toMatchObject({
      ok: true,
      message: "requestPage.unvoted",
    });
    expect((await countsOf(request.id)).votes).toBe(0);
    expect((await loadPage(request.number, cookies.requester)).viewer.hasVoted).toBe(false);
  });

  it("keeps the closed message on the page and writes nothing when a closed request is voted for", async () => {
    const request = await createTestRequest({ status: "withdrawn" });
    const result = await post(request.number, { intent: "vote" }, { cookie: cookies.requester });
    expect(result).toMatchObject({ ok: false, intent: "vote", formErrors: ["requestPage.errors.votesClosed"] });
    expect(await countsOf(request.id)).toEqual({ votes: 0, comments: 0, followers: 0 });
    expect(await db.selectFrom("votes").select("user_id").where("request_id", "=", request.id).execute()).toEqual([]);
    expect(await db.selectFrom("events").select("id").where("entity_id", "=", request.id).execute()).toEqual([]);
  });

  it("answers 404 when the request does not exist", async () => {
    for (const form of [{ intent: "vote" }, { intent: "follow" }, { intent: "comment", body: "Hej" }] as Record<string, string>[]) {
      const result = await run(action, {
        ...pageRequest("/requests/987654", { cookie: cookies.requester, form }),
        params: { number: "987654" },
      });
      expect(result instanceof Response && result.status, form.intent).toBe(404);
    }
    const malformed = await run(action, {
      ...pageRequest("/requests/abc", { cookie: cookies.requester, form: { intent: "vote" } }),
      params: { number: "abc" },
    });
    expect(malformed instanceof Response && malformed.status).toBe(404);
  });

  it("refuses a form from another site (CSRF) and writes nothing", async () => {
    const request = await createTestRequest();
    for (const form of [{ intent: "vote" }, { intent: "follow" }, { intent: "comment", body: "Från en annan sida" }] as Record<
      string,
      string
    >[]) {
      const result = await post(request.number, form, { cookie: cookies.requester, origin: "https://evil.example" });
      expect(result).toMatchObject({ ok: false, formErrors: ["errors.csrf"] });
    }
    expect(await countsOf(request.id)).toEqual({ votes: 0, comments: 0, followers: 0 });
  });

  it("toggles following", async () => {
    const request = await createTestRequest();
    expect(await post(request.number, { intent: "follow" }, { cookie: cookies.requester })).toMatchObject({
      ok: true,
      message: "requestPage.following",
    });
    expect((await loadPage(request.number, cookies.requester)).viewer.isFollowing).toBe(true);
    expect((await countsOf(request.id)).followers).toBe(1);
    expect(await post(request.number, { intent: "unfollow" }, { cookie: cookies.requester })).toMatchObject({
      ok: true,
      message: "requestPage.unfollowed",
    });
    expect((await countsOf(request.id)).followers).toBe(0);
  });

  it("refuses an empty or too long comment inline, keeping the text", async () => {
    const request = await createTestRequest();
    const long = "å".repeat(5001);
    expect(await post(request.number, { intent: "comment", body: long }, { cookie: cookies.requester })).toMatchObject({
      ok: false,
      intent: "comment",
      fieldErrors: { body: ["requestPage.errors.commentTooLong"] },
      values: { body: long },
    });
    expect(await post(request.number, { intent: "comment", body: "  \n " }, { cookie: cookies.requester })).toMatchObject({
      ok: false,
      fieldErrors: { body: ["requestPage.errors.commentRequired"] },
    });
    // 5,000 characters is allowed, with Windows line endings counted as one.
    const exact = `${"a".repeat(2499)}\r\n${"b".repeat(2500)}`;
    expect(await post(request.number, { intent: "comment", body: exact }, { cookie: cookies.requester })).toMatchObject({ ok: true });
    expect((await countsOf(request.id)).comments).toBe(1);
  });

  it("lets the author edit and delete their own comment, and shows anyone else the 403 page", async () => {
    const request = await createTestRequest();
    await post(request.number, { intent: "comment", body: "Första versionen" }, { cookie: cookies.requester });
    const [commentId] = await commentIdsOf(request.id);

    for (const role of ["responder", "coordinator", "admin"] as const) {
      const edit = await post(request.number, { intent: "editComment", commentId, body: "Kapad" }, { cookie: cookies[role] });
      expect(edit instanceof Response && edit.status, role).toBe(403);
      const remove = await post(request.number, { intent: "deleteComment", commentId }, { cookie: cookies[role] });
      expect(remove instanceof Response && remove.status, role).toBe(403);
    }

    expect(
      await post(request.number, { intent: "editComment", commentId, body: "x".repeat(5001) }, { cookie: cookies.requester }),
    ).toMatchObject({
      ok: false,
      intent: "editComment",
      commentId,
      fieldErrors: { body: ["requestPage.errors.commentTooLong"] },
      values: { body: "x".repeat(5001) },
    });
    expect(
      await post(request.number, { intent: "editComment", commentId, body: "Andra versionen" }, { cookie: cookies.requester }),
    ).toMatchObject({
      ok: true,
      commentId,
      message: "requestPage.comment.saved",
    });
    expect((await loadPage(request.number)).comments[0]).toMatchObject({ body: "Andra versionen", state: "visible" });

    expect(await post(request.number, { intent: "deleteComment", commentId }, { cookie: cookies.requester })).toMatchObject({ ok: true });
    expect((await loadPage(request.number)).comments[0]).toMatchObject({ state: "deleted", body: null });
    expect((await countsOf(request.id)).comments).toBe(0);
    expect(await post(request.number, { intent: "editComment", commentId, body: "Tillbaka" }, { cookie: cookies.requester })).toMatchObject(
      {
        ok: false,
        formErrors: ["requestPage.errors.commentNotEditable"],
        values: { body: "Tillbaka" },
      },
    );
  });

  it("needs a reason to hide a comment, and shows the reason in its place", async () => {
    const request = await createTestRequest();
    await post(request.number, { intent: "comment", body: "Olämpligt" }, { cookie: cookies.requester });
    const [commentId] = await commentIdsOf(request.id);
    expect(await post(request.number, { intent: "hideComment", commentId, reason: "   " }, { cookie: cookies.coordinator })).toMatchObject({
      ok: false,
      intent: "hideComment",
      commentId,
      fieldErrors: { reason: ["requestPage.errors.hideReasonRequired"] },
    });
    expect((await countsOf(request.id)).comments).toBe(1);
    expect(
      await post(request.number, { intent: "hideComment", commentId, reason: "Personuppgifter" }, { cookie: cookies.coordinator }),
    ).toMatchObject({ ok: true });
    expect((await loadPage(request.number)).comments[0]).toMatchObject({ state: "hidden", hiddenReason: "Personuppgifter", body: null });
    expect((await countsOf(request.id)).comments).toBe(0);
  });

  it("refuses a comment id that does not belong to the request with 404", async () => {
    const request = await createTestRequest();
    const other = await createTestRequest();
    await post(other.number, { intent: "comment", body: "Där borta" }, { cookie: cookies.requester });
    const [commentId] = await commentIdsOf(other.id);
    const result = await post(request.number, { intent: "deleteComment", commentId }, { cookie: cookies.requester });
    expect(result instanceof Response && result.status).toBe(404);
  });

  it("rate-limits comments per user, keeping the text", async () => {
    const request = await createTestRequest();
    const user = await createTestUser();
    const cookie = await sessionCookieFor(user.id);
    for (let i = 0; i < 30; i++) await consumeUserLimit("comment", user.id);
    const result = await post(request.number, { intent: "comment", body: "En till" }, { cookie });
    expect(result).toMatchObject({ ok: false, formErrors: ["errors.rateLimited"], values: { body: "En till" } });
    expect((result as { minutes?: number }).minutes).toBeGreaterThan(0);
    expect((await countsOf(request.id)).comments).toBe(0);
  });

  it("rate-limits votes per user", async () => {
    const request = await createTestRequest();
    const user = await createTestUser();
    for (let i = 0; i < 120; i++) await consumeUserLimit("vote", user.id);
    const result = await post(request.number, { intent: "vote" }, { cookie: await sessionCookieFor(user.id) });
    expect(result).toMatchObject({ ok: false, intent: "vote", formErrors: ["errors.rateLimited"] });
    expect((await countsOf(request.id)).votes).toBe(0);
  });

  it("answers 400 for an unknown intent", async () => {
    const request = await createTestRequest();
    const result = await post(request.number, { intent: "delete_everything" }, { cookie: cookies.admin });
    expect(result instanceof Response && result.status).toBe(400);
  });
});

describe("withdrawing a request", () => {
  it("offers the requester alone to withdraw an open request, and withdraws it with the reason", async () => {
    const request = await createTestRequest({ requesterUserId: users.requester.id, targetKommunkoder: ["1490"] });
    expect((await loadPage(request.number, cookies.requester)).viewer.canWithdraw).toBe(true);
    for (const role of ["responder", "coordinator", "admin"] as const) {
      expect((await loadPage(request.number, cookies[role])).viewer.canWithdraw, role).toBe(false);
      const refused = await post(request.number, { intent: "withdraw", reason: "Inte min." }, { cookie: cookies[role] });
      expect(refused instanceof Response && refused.status, role).toBe(403);
    }
    expect((await loadPage(request.number)).viewer.canWithdraw).toBe(false);

    const done = await post(request.number, { intent: "withdraw", reason: "  Vi fick svar från SCB.  " }, { cookie: cookies.requester });
    expect(done).toMatchObject({ ok: true, intent: "withdraw", message: "requestPage.withdraw.done" });
    const page = await loadPage(request.number, cookies.requester);
    expect(page.request).toMatchObject({ status: "withdrawn", statusReason: "Vi fick svar från SCB." });
    expect(page.viewer.canWithdraw).toBe(false);
    // A second press (a double click, another tab) is told in the form, not a 500.
    const again = await post(request.number, { intent: "withdraw" }, { cookie: cookies.requester });
    expect(again).toMatchObject({ ok: false, intent: "withdraw", formErrors: [expect.stringMatching(/^errors\./)] });
  });

  it("keeps a too long reason in the form with its message, and a survey is withdrawn on its own page", async () => {
    const request = await createTestRequest({ requesterUserId: users.requester.id });
    const reason = "x".repeat(2001);
    const tooLong = await post(request.number, { intent: "withdraw", reason }, { cookie: cookies.requester });
    expect(tooLong).toMatchObject({
      ok: false,
      fieldErrors: { reason: ["requestPage.errors.withdrawReasonTooLong"] },
      values: { reason },
    });
    expect((await loadPage(request.number, cookies.requester)).request.status).toBe("open");

    const survey = await createTestRequest({ requesterUserId: users.requester.id, kind: "survey" });
    expect((await loadPage(survey.number, cookies.requester)).viewer.canWithdraw).toBe(false);
    const refused = await post(survey.number, { intent: "withdraw" }, { cookie: cookies.requester });
    expect(refused).toMatchObject({ ok: false, formErrors: ["errors.surveyNotWithdrawable"] });
  });
});

describe("Markdown from users", () => {
  const html = (text: string, headingLevel?: 3 | 4) => renderToStaticMarkup(createElement(Markdown, { headingLevel, children: text }));

  it("renders emphasis, lists and http(s)/mailto links", () => {
    const out = html("**Viktigt** och *kursivt*\n\n- ett\n- två\n\n[Borås](https://www.boras.se) [mejla](mailto:data@boras.se)");
    expect(out).toContain("<strong>Viktigt</strong>");
    expect(out).toContain("<em>kursivt</em>");
    expect(out).toContain("<li>ett</li>");
    expect(out).toContain('<a href="https://www.boras.se" rel="nofollow noopener noreferrer ugc">Borås</a>');
    expect(out).toContain('href="mailto:data@boras.se"');
  });

  it("drops raw HTML and scripts, and keeps dangerous links as text", () => {
    const out = html(
      'Hej <script>alert("x")</script> <img src=x onerror="alert(1)"> <b onclick="x()">fet</b>\n\n<iframe src="https://evil.example"></iframe>\n\n[klicka](javascript:alert(1)) [data](data:text/html;base64,PHNjcmlwdD4=) [relativ](/admin)',
    );
    for (const forbidden of [
      "<script",
      'alert("x")',
      "<img",
      "onerror",
      "onclick",
      "<iframe",
      "javascript:",
      "data:text",
      'href="/admin"',
    ]) {
      expect(out).not.toContain(forbidden);
    }
    expect(out).toContain("<span>klicka</span>");
    expect(out).toContain("fet");
  });

  it("is made on the server and shown in the browser as the same HTML (ADR 018)", () => {
    const text = "# Rubrik\n\n**Viktigt** <script>alert(1)</script> [Borås](https://www.boras.se) [x](javascript:alert(1))";
    const shown = renderToStaticMarkup(createElement(MarkdownHtml, { html: markdownHtml(text, 4) }));
    expect(shown).toBe(html(text, 4));
  });

  it("leaves images out and starts headings below the section they sit in", () => {
    const out = html("# Rubrik\n\n## Under\n\n![spårning](https://tracker.example/pixel.png)", 4);
    expect(out).toContain("<h4>Rubrik</h4>");
    expect(out).toContain("<h5>Under</h5>");
    expect(out).not.toContain("<h1");
    expect(out).not.toContain("tracker.example");
  });
});
