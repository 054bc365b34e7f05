import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "../../db/client.server";
import { canTransition } from "../../app/domain/lifecycle";
import { requestStatuses, type RequestStatus } from "../../app/domain/requests";
import { DEMO_EMAIL_DOMAIN, seed } from "../../db/seed/index";
import { seedDemoRequests } from "../../db/seed/requests";
import { getOrCreateCatalogueSource } from "../../app/models/catalogue-source.server";
import { harvestCatalogueSource } from "../../app/models/harvest.server";
import { addWorkingDays } from "../../app/utils/working-days";
import { mailTaskOutcomes } from "../../app/models/task.server";
import { loader as requestPageLoader } from "../../app/routes/requests.$number/route";
import { pageRequest, run } from "../support/route-request";

const TODAY = "2026-11-30";
const catalogue = path.resolve("db/seed/data/catalogs/catalog-vg-public.rdf");

const countBy = <T extends string>(rows: { key: T }[]) => {
  const counts = new Map<T, number>();
  for (const row of rows) counts.set(row.key, (counts.get(row.key) ?? 0) + 1);
  return counts;
};

let created = 0;

beforeAll(async () => {
  // A fresh demo database, as `npm start` makes one: organisations and demo accounts first ...
  await db.deleteFrom("organisations").execute();
  await seed(db, { demo: true });
  // ... and nothing to link before the demo catalogue is harvested.
  expect(await seedDemoRequests(db, { today: TODAY, addWorkingDays })).toBe(0);
  expect(await db.selectFrom("users").select("id").execute()).toHaveLength(4);

  const summary = await harvestCatalogueSource(await getOrCreateCatalogueSource({ location: catalogue }));
  expect(summary.status).toBe("succeeded");
  created = await seedDemoRequests(db, { today: TODAY, addWorkingDays, mailTaskOutcomes });
});

const requests = () =>
  db
    .selectFrom("requests")
    .select([
      "id",
      "number",
      "status",
      "kind",
      "target_scope",
      "requester_user_id",
      "requester_shown_as",
      "requester_organisation_name",
      "status_reason",
      "duplicate_of",
      "due_date",
      "vote_count",
      "follower_count",
      "comment_count",
      "created_at",
      "updated_at",
      "answered_at",
    ])
    .orderBy("number")
    .execute();

describe("seedDemoRequests", () => {
  it("creates a few dozen requests in every status of the lifecycle", async () => {
    const rows = await requests();
    expect(created).toBe(rows.length);
    expect(rows.length).toBeGreaterThanOrEqual(30);
    expect(rows.length).toBeLessThanOrEqual(40);
    const perStatus = countBy(rows.map((r) => ({ key: r.status })));
    for (const status of requestStatuses) expect(perStatus.get(status) ?? 0, status).toBeGreaterThan(0);
    expect(perStatus.get("withdrawn")).toBe(1);
    expect(rows.some((r) => r.kind === "survey")).toBe(true);
    expect(new Set(rows.map((r) => r.target_scope))).toEqual(new Set(["all", "chosen", "region"]));
    expect(new Set(rows.map((r) => r.requester_shown_as))).toEqual(new Set(["name", "organisation", "anonymous"]));
    for (const row of rows.filter((r) => r.requester_shown_as === "organisation")) expect(row.requester_organisation_name).toBeTruthy();
    for (const row of rows.filter((r) => r.status === "rejected")) expect(row.status_reason).toBeTruthy();
    // Every requester is a demo user; the demo requester account asked something itself.
    const requesters = await db
      .selectFrom("users")
      .select("email")
      .where(
        "id",
        "in",
        rows.map((r) => r.requester_user_id!),
      )
      .execute();
    for (const user of requesters) expect(user.email).toMatch(new RegExp(`@${DEMO_EMAIL_DOMAIN.replace(/\./g, "\\.")}$`));
    expect(requesters.map((u) => u.email)).toContain(`requester@${DEMO_EMAIL_DOMAIN}`);
  });

  it("keeps vote, follower and comment counts equal to the rows", async () => {
    for (const row of await requests()) {
      const [votes, follows, comments] = await Promise.all([
        db.selectFrom("votes").select("user_id").where("request_id", "=", row.id).execute(),
        db.selectFrom("follows").select("user_id").where("request_id", "=", row.id).execute(),
        db
          .selectFrom("comments")
          .select("id")
          .where("request_id", "=", row.id)
          .where("hidden_at", "is", null)
          .where("deleted_at", "is", null)
          .execute(),
      ]);
      expect(row.vote_count, `votes of ${row.number}`).toBe(votes.length);
      expect(row.follower_count, `followers of ${row.number}`).toBe(follows.length);
      expect(row.comment_count, `comments of ${row.number}`).toBe(comments.length);
    }
    const total = await db
      .selectFrom("votes")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow();
    expect(Number(total.n)).toBeGreaterThan(100);
    const hidden = await db.selectFrom("comments").select(["hidden_reason", "hidden_by"]).where("hidden_at", "is not", null).execute();
    expect(hidden).toHaveLength(1);
    expect(hidden[0].hidden_reason).toBeTruthy();
    expect(hidden[0].hidden_by).not.toBeNull();
    expect(await db.selectFrom("comments").select("id").where("deleted_at", "is not", null).execute()).toHaveLength(1);
  });

  it("gives every routed request one task per target, due in working days, some of them overdue", async () => {
    const routed = (await requests()).filter((r) => ["open", "answered", "partly_answered", "closed"].includes(r.status));
    let overdue = 0;
    let notYetDue = 0;
    for (const row of routed) {
      const [targets, tasks] = await Promise.all([
        db.selectFrom("request_targets").select("organisation_id").where("request_id", "=", row.id).execute(),
        db
          .selectFrom("tasks")
          .select(["organisation_id", "status", "due_date", "answer_text", "decline_reason"])
          .where("request_id", "=", row.id)
          .execute(),
      ]);
      expect(tasks.map((t) => t.organisation_id).sort(), `tasks of ${row.number}`).toEqual(targets.map((t) => t.organisation_id).sort());
      expect(row.due_date).not.toBeNull();
      for (const task of tasks) {
        expect(task.due_date).toBe(row.due_date);
        if (task.status === "answered") expect(task.answer_text).toBeTruthy();
        if (task.status === "declined") expect(task.decline_reason).toBeTruthy();
        if (row.status === "answered" || row.status === "closed") expect(["answered", "published", "not_held"]).toContain(task.status);
        if (task.status === "pending" || task.status === "in_progress") {
          if (task.due_date < TODAY) overdue++;
          else notYetDue++;
        }
      }
      if (row.status === "open") {
        const statuses = new Set(tasks.map((t) => t.status));
        expect(statuses.has("pending") || statuses.has("in_progress")).toBe(true);
      }
    }
    expect(overdue).toBeGreaterThan(0);
    expect(notYetDue).toBeGreaterThan(0);
    const statuses = await db.selectFrom("tasks").select("status").distinct().execute();
    expect(statuses.map((s) => s.status).sort()).toEqual(["answered", "declined", "in_progress", "not_held", "pending", "published"]);
  });

  it("gives the Borås demo responder tasks in every state, some overdue, with linked datasets, reasons and mailed outcomes", async () => {
    const responder = await db
      .selectFrom("users")
      .innerJoin("memberships", "memberships.user_id", "users.id")
      .select(["users.id", "memberships.organisation_id"])
      .where("users.email", "=", `responder.boras@${DEMO_EMAIL_DOMAIN}`)
      .executeTakeFirstOrThrow();
    const tasks = await db
      .selectFrom("tasks")
      .innerJoin("requests", "requests.id", "tasks.request_id")
      .leftJoin("decline_reasons", "decline_reasons.id", "tasks.decline_reason_id")
      .select([
        "tasks.id",
        "tasks.status",
        "tasks.due_date",
        "tasks.answer_text",
        "tasks.decline_reason_id",
        "tasks.answered_at",
        "tasks.assignee_user_id",
        "decline_reasons.label_sv as reason",
        "requests.status as requestStatus",
      ])
      .where("tasks.organisation_id", "=", responder.organisation_id)
      .execute();
    expect(new Set(tasks.map((t) => t.status))).toEqual(
      new Set(["pending", "in_progress", "answered", "published", "not_held", "declined"]),
    );
    const open = ["open", "partly_answered", "answered"];
    const overdue = tasks.filter(
      (t) => ["pending", "in_progress"].includes(t.status) && open.includes(t.requestStatus) && t.due_date < TODAY,
    );
    expect(overdue.length).toBeGreaterThan(0);
    expect(tasks.some((t) => t.status === "pending" && t.due_date >= TODAY)).toBe(true);

    const links = await db
      .selectFrom("task_datasets")
      .select(["task_id", "dataset_id"])
      .where(
        "task_id",
        "in",
        tasks.map((t) => t.id),
      )
      .execute();
    const linked = new Set(links.map((l) => l.task_id));
    expect(tasks.filter((t) => t.status === "answered" && linked.has(t.id)).length).toBeGreaterThan(1);
    for (const task of tasks.filter((t) => t.status === "published")) expect(linked.has(task.id)).toBe(true);
    for (const task of tasks.filter((t) => t.status === "declined")) {
      expect(task.reason).toBeTruthy();
      expect(task.decline_reason_id).not.toBeNull();
    }
    for (const task of tasks.filter((t) => t.status === "not_held")) expect(task.answer_text).toBeTruthy();
    for (const task of tasks) {
      expect(task.answered_at !== null, task.status).toBe(["answered", "published", "not_held", "declined"].includes(task.status));
      if (task.status !== "pending") expect(task.assignee_user_id).toBe(responder.id);
    }

    // The events of the tasks' work are named as the model's commands name them (app/models/task.server.ts).
    const actions = await db.selectFrom("events").select("action").distinct().where("entity_type", "=", "task").execute();
    expect(actions.map((a) => a.action).sort()).toEqual(["answer", "decline", "not_held", "publish", "start"]);

    // Every Borås outcome is mailed to the requester (and followers) through the real template.
    const mails = await db.selectFrom("mail_outbox").select(["to_address", "subject", "kind", "text_body"]).execute();
    expect(mails.length).toBeGreaterThanOrEqual(tasks.filter((t) => t.answered_at).length);
    for (const mail of mails) expect(mail.kind).toBe("task_change");
    expect(mails.some((m) => /Borås har svarat på förfrågan \d+/.test(m.subject))).toBe(true);
    expect(mails.some((m) => m.text_body.includes("Borås Parkerings AB"))).toBe(true);
    for (const mail of mails) expect(mail.to_address).toMatch(new RegExp(`@${DEMO_EMAIL_DOMAIN.replace(/\./g, "\\.")}$`));
  });

  it("links an accepted dataset to every request answered by existing data, and credits only the targets whose own or the region's dataset answered", async () => {
    const rows = (await requests()).filter((r) => r.status === "answered_by_existing_data");
    expect(rows.length).toBeGreaterThanOrEqual(5);
    let credits = 0;
    for (const row of rows) {
      const linked = await db
        .selectFrom("request_datasets")
        .innerJoin("datasets", "datasets.id", "request_datasets.dataset_id")
        .select(["datasets.uri"])
        .where("request_datasets.request_id", "=", row.id)
        .where("request_datasets.reason", "=", "accepted_answer")
        .execute();
      expect(linked, `dataset of ${row.number}`).toHaveLength(1);
      const targets = await db.selectFrom("request_targets").select("organisation_id").where("request_id", "=", row.id).execute();
      const publisher = await db
        .selectFrom("datasets")
        .innerJoin("organisations", "organisations.id", "datasets.publisher_organisation_id")
        .select(["organisations.id", "organisations.type"])
        .where("datasets.uri", "=", linked[0].uri)
        .executeTakeFirstOrThrow();
      const ledger = await db
        .selectFrom("time_saved")
        .select(["organisation_id", "minutes", "minutes_low", "minutes_high", "reason", "basis", "assumption_version"])
        .where("request_id", "=", row.id)
        .execute();
      // ADR 025: the publisher when it was asked; every target when the region published it.
      const credited = targets.map((t) => t.organisation_id).filter((id) => publisher.type === "region" || id === publisher.id);
      expect(ledger.map((l) => l.organisation_id).sort()).toEqual(credited.sort());
      for (const entry of ledger) {
        expect(entry).toMatchObject({
          minutes: 240,
          minutes_low: 120,
          minutes_high: 480,
          reason: "existing_dataset",
          assumption_version: 2,
        });
        expect(entry.basis).toBe(publisher.type === "region" ? "regional_dataset" : "own_dataset");
      }
      expect(row.answered_at).not.toBeNull();
      credits += ledger.length;
    }
    expect(credits, "existing-data credits in the demo").toBeGreaterThan(0);
    const badplatser = await db
      .selectFrom("request_datasets")
      .innerJoin("datasets", "datasets.id", "request_datasets.dataset_id")
      .select("datasets.uri")
      .where("datasets.uri", "=", "https://data.boras.se/dataset/33f0005e-0d93-4d6e-a250-094e72a5cbc5")
      .execute();
    expect(badplatser.length).toBeGreaterThan(0);
  });

  it("merges duplicates into their original: no votes left, the ledger credits the targets both asked", async () => {
    const rows = await requests();
    const duplicates = rows.filter((r) => r.status === "duplicate");
    expect(duplicates.length).toBeGreaterThanOrEqual(2);
    for (const row of duplicates) {
      expect(row.duplicate_of).not.toBeNull();
      expect(row.vote_count).toBe(0);
      const original = rows.find((r) => r.id === row.duplicate_of)!;
      expect(original.created_at.getTime()).toBeLessThan(row.created_at.getTime());
      const targets = await db.selectFrom("request_targets").select("organisation_id").where("request_id", "=", row.id).execute();
      const originalTasks = await db.selectFrom("tasks").select("organisation_id").where("request_id", "=", original.id).execute();
      const originalAsked = new Set(
        (originalTasks.length
          ? originalTasks
          : await db.selectFrom("request_targets").select("organisation_id").where("request_id", "=", original.id).execute()
        ).map((t) => t.organisation_id),
      );
      const ledger = await db
        .selectFrom("time_saved")
        .select(["organisation_id", "reason", "basis"])
        .where("request_id", "=", row.id)
        .execute();
      expect(ledger.map((l) => l.organisation_id).sort()).toEqual(
        targets
          .map((t) => t.organisation_id)
          .filter((id) => originalAsked.has(id))
          .sort(),
      );
      for (const entry of ledger) expect(entry).toMatchObject({ reason: "duplicate_merged", basis: "asked_by_both" });
      const merged = await db
        .selectFrom("events")
        .select("data")
        .where("entity_type", "=", "request")
        .where("entity_id", "=", original.id)
        .where("action", "=", "merge_duplicate")
        .execute();
      expect(merged.map((m) => (m.data as { duplicateNumber: number }).duplicateNumber)).toContain(row.number);
    }
  });

  it("records every state change as an event, in the lifecycle's order, over the last months", async () => {
    const since = new Date(Date.UTC(2026, 4, 1));
    const end = new Date(`${TODAY}T00:00:00Z`);
    for (const row of await requests()) {
      const events = await db
        .selectFrom("events")
        .select(["occurred_at", "action", "from_state", "to_state", "actor_user_id"])
        .where("entity_type", "=", "request")
        .where("entity_id", "=", row.id)
        .where("to_state", "is not", null)
        .orderBy("occurred_at")
        .orderBy("id")
        .execute();
      const first = events[0];
      expect(first.occurred_at.getTime()).toBe(row.created_at.getTime());
      expect(first.actor_user_id).toBe(row.requester_user_id);
      if (row.status === "answered_by_existing_data") {
        expect(events.map((e) => e.action)).toEqual(["answer_by_existing_data"]);
      } else {
        expect(first).toMatchObject({ action: "submit", from_state: null, to_state: "submitted" });
      }
      for (const [i, event] of events.slice(1).entries()) {
        expect(event.from_state).toBe(events[i].to_state);
        expect(
          canTransition("request", event.from_state as RequestStatus, event.to_state as RequestStatus),
          `${event.from_state} → ${event.to_state}`,
        ).toBe(true);
        expect(event.occurred_at.getTime()).toBeGreaterThanOrEqual(events[i].occurred_at.getTime());
      }
      expect(events.at(-1)!.to_state).toBe(row.status);
      expect(row.updated_at.getTime()).toBe(events.at(-1)!.occurred_at.getTime());
      expect(row.created_at > since && row.updated_at < end).toBe(true);
      expect(row.answered_at !== null).toBe(["answered", "partly_answered", "closed", "answered_by_existing_data"].includes(row.status));
      if (["open", "partly_answered"].includes(row.status) || row.kind === "survey") {
        // Routed by the demo coordinator, who is shown as "Samordnare".
        const route = events.find((e) => e.action === "route");
        if (route) expect(route.actor_user_id).not.toBeNull();
      }
    }
  });

  it("shows no Markdown markers on any request page: the answers are plain text there, the request texts and comments rendered", async () => {
    const shown: string[] = [];
    for (const { number } of await requests()) {
      const page = (await run(requestPageLoader, { ...pageRequest(`/requests/${number}`), params: { number: String(number) } })) as Awaited<
        ReturnType<typeof requestPageLoader>
      >;
      shown.push(page.request.bodyHtml, page.request.purposeHtml, ...page.comments.map((comment) => comment.bodyHtml ?? ""));
      // A task's answer is shown as typed (white space kept), not as Markdown.
      for (const task of page.tasks) shown.push(task.answerText ?? "", task.declineText ?? "");
    }
    expect(shown.join("\n").length).toBeGreaterThan(1000);
    expect(shown.filter((text) => /\*\*|__/.test(text))).toEqual([]);
  });

  it("queues every request for the search index", async () => {
    const rows = await requests();
    const outbox = await db.selectFrom("search_outbox").select("entity_id").where("entity_type", "=", "request").execute();
    expect(outbox.map((o) => o.entity_id).sort()).toEqual(rows.map((r) => r.id).sort());
  });

  it("creates nothing when requests exist", async () => {
    const before = await db.selectFrom("users").select("id").execute();
    expect(await seedDemoRequests(db, { today: TODAY, addWorkingDays })).toBe(0);
    expect(await requests()).toHaveLength(created);
    expect(await db.selectFrom("users").select("id").execute()).toHaveLength(before.length);
  });
});
