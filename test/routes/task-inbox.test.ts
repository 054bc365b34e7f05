import { describe, expect, it } from "vitest";
import { db } from "../../db/client.server";
import * as inbox from "../../app/routes/uppgifter._index";
import { createTestTasks } from "../factories/task";
import { createTestUser, getMunicipality, sessionCookieFor } from "../factories/user";
import { pageRequest, run, runWithStatus } from "../support/route-request";
import { todayInSweden } from "../../app/utils/dates";
import { addWorkingDays } from "../../app/utils/working-days";

type InboxData = Awaited<ReturnType<typeof inbox.loader>>;

async function open(path: string, cookie?: string) {
  return (await run(inbox.loader, pageRequest(path, { cookie }))) as InboxData;
}

const today = todayInSweden();
const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);

describe("the responders' inbox (/uppgifter)", () => {
  it("lists only the own organisation's tasks, overdue first and then by due date, with counts per status", async () => {
    const responder = await createTestUser({ role: "responder", kommunkod: "1490" });
    const cookie = await sessionCookieFor(responder.id);
    const later = await createTestTasks({ title: "Senare", kommunkoder: ["1490", "1496"], dueDate: addWorkingDays(today, 15) });
    const sooner = await createTestTasks({ title: "Snart", kommunkoder: ["1490"], dueDate: addWorkingDays(today, 2) });
    const late = await createTestTasks({ title: "Försenad", kommunkoder: ["1490"], dueDate: daysAgo(10) });
    const doneLate = await createTestTasks({
      title: "Klar men gammal",
      kommunkoder: ["1490"],
      dueDate: daysAgo(20),
      taskStatus: "answered",
    });
    const skovdeOnly = await createTestTasks({ title: "Bara Skövde", kommunkoder: ["1496"] });

    const data = await open("/uppgifter", cookie);
    const titles = data.tasks.map((t) => t.requestTitle);
    expect(titles).toEqual(["Försenad", "Klar men gammal", "Snart", "Senare"]);
    expect(data.tasks[0].overdue).toBe(true);
    expect(data.tasks[1].overdue).toBe(false);
    expect(data.tasks.map((t) => t.id)).not.toContain(skovdeOnly.tasks["1496"].id);
    expect(data.tasks.map((t) => t.id)).not.toContain(later.tasks["1496"].id);
    expect(data.counts).toEqual({ pending: 3, answered: 1 });
    expect(data.overdueCount).toBe(1);
    // One organisation: no organisation column or filter.
    expect(data.organisations).toEqual([]);
    void sooner;
    void late;
    void doneLate;
  });

  it("filters by status, due date and text", async () => {
    const responder = await createTestUser({ role: "responder", kommunkod: "1441" });
    const cookie = await sessionCookieFor(responder.id);
    await createTestTasks({ title: "Badplatser", kommunkoder: ["1441"], dueDate: addWorkingDays(today, 3) });
    await createTestTasks({ title: "Cykelvägar", kommunkoder: ["1441"], dueDate: addWorkingDays(today, 15), taskStatus: "in_progress" });
    await createTestTasks({ title: "Parkering", kommunkoder: ["1441"], dueDate: daysAgo(5) });
    expect((await open("/uppgifter?status=in_progress", cookie)).tasks.map((t) => t.requestTitle)).toEqual(["Cykelvägar"]);
    expect((await open("/uppgifter?due=overdue", cookie)).tasks.map((t) => t.requestTitle)).toEqual(["Parkering"]);
    expect((await open("/uppgifter?due=5", cookie)).tasks.map((t) => t.requestTitle)).toEqual(["Parkering", "Badplatser"]);
    expect((await open("/uppgifter?q=cykel", cookie)).tasks.map((t) => t.requestTitle)).toEqual(["Cykelvägar"]);
    // Malformed filters are dropped, not a 500.
    expect((await open("/uppgifter?status=nonsense&due=x&organisation=y&page=-1", cookie)).tasks).toHaveLength(3);
  });

  it("shows the organisation when the responder belongs to several; a coordinator sees every organisation and may filter by one", async () => {
    const responder = await createTestUser({ role: "responder", kommunkod: "1482" });
    const skovde = await getMunicipality("1485");
    await db.insertInto("memberships").values({ user_id: responder.id, organisation_id: skovde.id, role: "responder" }).execute();
    await createTestTasks({ title: "Båda", kommunkoder: ["1482", "1485", "1484"] });
    const both = await open("/uppgifter", await sessionCookieFor(responder.id));
    expect(both.tasks.map((t) => t.organisationName).sort()).toEqual(["Kungälv", "Uddevalla"].map((n) => expect.stringContaining(n)));
    expect(both.organisations).toHaveLength(2);

    const coordinator = await createTestUser({ role: "coordinator" });
    const cookie = await sessionCookieFor(coordinator.id);
    const all = await open("/uppgifter?q=B%C3%A5da", cookie);
    expect(all.tasks).toHaveLength(3);
    expect(all.organisations.length).toBeGreaterThan(3);
    const only = await open(`/uppgifter?q=B%C3%A5da&organisation=${skovde.id}`, cookie);
    expect(only.tasks.map((t) => t.organisationId)).toEqual([skovde.id]);
  });

  it("is for responders and coordinators: a requester gets 403, a visitor is sent to sign in", async () => {
    const requester = await createTestUser();
    expect((await runWithStatus(inbox.loader, pageRequest("/uppgifter", { cookie: await sessionCookieFor(requester.id) }))).status).toBe(
      403,
    );
    const visitor = await runWithStatus(inbox.loader, pageRequest("/uppgifter"));
    expect(visitor.status).toBe(302);
  });
});
