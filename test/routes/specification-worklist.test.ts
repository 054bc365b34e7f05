import { beforeAll, describe, expect, it } from "vitest";
import { db } from "../../db/client.server";
import * as worklistPage from "../../app/routes/specifikationer.arbetslista";
import * as requestPage from "../../app/routes/specifikationer.arbetslista_.$specificationId";
import { changeSpecificationStatus } from "../../app/models/specification.server";
import { todayInSweden } from "../../app/utils/dates";
import { addWorkingDays } from "../../app/utils/working-days";
import { createTestDataset } from "../factories/dataset";
import { actorOf } from "../factories/task";
import { createTestUser, sessionCookieFor } from "../factories/user";
import { pageRequest, runWithStatus } from "../support/route-request";
import { createTestSpecification } from "../factories/specification";

let specificationId: string;
let coordinatorCookie: string;

const requestCount = async () =>
  Number(
    (
      await db
        .selectFrom("requests")
        .select((eb) => eb.fn.countAll<string>().as("n"))
        .executeTakeFirstOrThrow()
    ).n,
  );

function post(form: Record<string, string>, options: { cookie?: string; id?: string; organisationIds?: string[] } = {}) {
  const id = options.id ?? specificationId;
  const args = pageRequest(`/specifikationer/arbetslista/${id}`, { cookie: options.cookie ?? coordinatorCookie, form });
  if (options.organisationIds) {
    const body = new URLSearchParams(form);
    for (const organisationId of options.organisationIds) body.append("organisationIds", organisationId);
    const request = new Request(args.request.url, { method: "POST", headers: args.request.headers, body: body.toString() });
    return { ...args, request, params: { specificationId: id } };
  }
  return { ...args, params: { specificationId: id } };
}

const form = (extra: Record<string, string> = {}) => ({
  intent: "review",
  title: "Parkeringsplatser enligt specifikationen",
  body: "Publicera parkeringsplatserna.",
  purpose: "En karttjänst för hela regionen.",
  dueDate: addWorkingDays(todayInSweden(), 15),
  ...extra,
});

beforeAll(async () => {
  const coordinator = await createTestUser({ role: "coordinator" });
  coordinatorCookie = await sessionCookieFor(coordinator.id);
  specificationId = (
    await createTestSpecification({
      actor: await actorOf(coordinator),
      name: "Parkeringsplatser",
      version: "2.0",
      uri: "https://vastkom.se/spec/parkering/2.0",
    })
  ).id;
  await createTestDataset({ title: "Parkering Borås", publisherKommunkod: "1490", conformsTo: ["https://vastkom.se/spec/parkering/2.0"] });
});

describe("the work list page and its request to those who lack", () => {
  it("shows anyone the ranked list; only a coordinator is offered the request", async () => {
    const visitor = await runWithStatus(worklistPage.loader, pageRequest("/specifikationer/arbetslista"));
    expect(visitor.status).toBe(200);
    const data = visitor.data as Awaited<ReturnType<typeof worklistPage.loader>>;
    expect(data.canRoute).toBe(false);
    expect(data.rows.find((row) => row.specification.id === specificationId)).toMatchObject({ counts: { conforming: 1, none: 49 } });
    const coordinator = await runWithStatus(
      worklistPage.loader,
      pageRequest("/specifikationer/arbetslista", { cookie: coordinatorCookie }),
    );
    expect((coordinator.data as typeof data).canRoute).toBe(true);
    const draft = await runWithStatus(requestPage.loader, {
      ...pageRequest(`/specifikationer/arbetslista/${specificationId}`, { cookie: coordinatorCookie }),
      params: { specificationId },
    });
    expect(draft.status).toBe(200);
    expect((draft.data as { lacking: unknown[] }).lacking).toHaveLength(49);
  });

  it("forbids requesters and responders (403) and sends a visitor to sign in, with nothing written", async () => {
    const before = await requestCount();
    for (const role of ["requester", "responder"] as const) {
      const cookie = await sessionCookieFor((await createTestUser({ role })).id);
      const args = { ...pageRequest(`/specifikationer/arbetslista/${specificationId}`, { cookie }), params: { specificationId } };
      expect((await runWithStatus(requestPage.loader, args)).status).toBe(403);
      expect((await runWithStatus(requestPage.action, post(form({ intent: "send" }), { cookie }))).status).toBe(403);
    }
    const visitor = { ...pageRequest(`/specifikationer/arbetslista/${specificationId}`), params: { specificationId } };
    expect((await runWithStatus(requestPage.loader, visitor)).status).toBe(302);
    expect(await requestCount()).toBe(before);
  });

  it("shows the recipients to confirm, then sends one request to them", async () => {
    const before = await requestCount();
    const review = await runWithStatus(requestPage.action, post(form()));
    expect(review.status).toBe(200);
    const confirm = review.data as { stage: string; lacking: { id: string; name: string }[] };
    expect(confirm.stage).toBe("confirm");
    expect(confirm.lacking).toHaveLength(49);
    expect(await requestCount()).toBe(before);

    const sent = await runWithStatus(
      requestPage.action,
      post(form({ intent: "send" }), { organisationIds: confirm.lacking.map((organisation) => organisation.id) }),
    );
    expect(sent.status).toBe(200);
    expect(sent.data).toMatchObject({ stage: "sent", organisations: 49 });
    expect(await requestCount()).toBe(before + 1);
  });

  it("sends one request for one confirmation: a second submit is refused with the text kept and the request sent shown", async () => {
    const review = await runWithStatus(requestPage.action, post(form()));
    const confirm = review.data as { lacking: { id: string }[]; lastRequest: { eventId: string } | null };
    const seen: Record<string, string> = confirm.lastRequest ? { seenRequestEventId: confirm.lastRequest.eventId } : {};
    const send = () =>
      runWithStatus(
        requestPage.action,
        post(form({ intent: "send", ...seen }), { organisationIds: confirm.lacking.map((organisation) => organisation.id) }),
      );
    const before = await requestCount();
    const first = await send();
    expect(first.data).toMatchObject({ stage: "sent" });
    const second = await send();
    expect(second.status).toBe(400);
    expect(second.data).toMatchObject({
      formErrors: ["errors.worklistAlreadySent"],
      values: { title: form().title, body: form().body },
      lastRequest: { number: (first.data as { number: number }).number, organisations: 49 },
    });
    expect((second.data as { lacking: unknown[] }).lacking).toHaveLength(49);
    expect(await requestCount()).toBe(before + 1);
  });

  it("answers bad input with the form and a clear message, never a 500, and writes nothing", async () => {
    const before = await requestCount();
    const past = await runWithStatus(requestPage.action, post(form({ dueDate: "2020-01-02" })));
    expect(past.status).toBe(400);
    expect(past.data).toMatchObject({ fieldErrors: { dueDate: ["errors.deadlineInPast"] }, values: { title: form().title } });
    const empty = await runWithStatus(requestPage.action, post(form({ title: "  " })));
    expect(empty.status).toBe(400);
    expect(empty.data).toMatchObject({ fieldErrors: { title: ["errors.titleRequired"] } });
    // A hand-made list of recipients that is not the lacking one: the new list comes back to confirm.
    const changed = await runWithStatus(requestPage.action, post(form({ intent: "send" }), { organisationIds: [] }));
    expect(changed.status).toBe(400);
    expect(changed.data).toMatchObject({ formErrors: ["errors.worklistLackingChanged"] });
    expect((changed.data as { lacking: unknown[] }).lacking).toHaveLength(49);
    const badId = await runWithStatus(requestPage.action, post(form(), { id: "not-a-uuid" }));
    expect(badId.status).toBe(404);
    const unknown = "00000000-0000-4000-8000-000000000000";
    expect((await runWithStatus(requestPage.action, post(form(), { id: unknown }))).status).toBe(404);
    for (const id of [unknown, "not-a-uuid"]) {
      const page = { ...pageRequest(`/specifikationer/arbetslista/${id}`, { cookie: coordinatorCookie }), params: { specificationId: id } };
      expect((await runWithStatus(requestPage.loader, page)).status).toBe(404);
    }
    const unknownIntent = await runWithStatus(requestPage.action, post(form({ intent: "everything" })));
    expect(unknownIntent.status).toBe(400);

    const coordinator = await createTestUser({ role: "coordinator" });
    const retired = await createTestSpecification({
      actor: await actorOf(coordinator),
      name: "Gått ut",
      version: "1",
    });
    await changeSpecificationStatus({ actor: await actorOf(coordinator), id: retired.id, to: "retired" });
    const refused = await runWithStatus(requestPage.action, post(form(), { id: retired.id }));
    expect(refused.status).toBe(400);
    expect(refused.data).toMatchObject({ formErrors: ["errors.worklistSpecificationRetired"] });
    expect(await requestCount()).toBe(before);
  });
});
