import { describe, expect, it } from "vitest";
import { db } from "../../db/client.server";
import {
  addDeclineReason,
  DeclineReasonNotFoundError,
  DeclineReasonTakenError,
  LastDeclineReasonError,
  listDeclineReasonsForAdmin,
  renameDeclineReason,
  setDeclineReasonActive,
} from "../../app/models/decline-reason.server";
import * as declineReasonModule from "../../app/models/decline-reason.server";
import { ForbiddenError } from "../../app/models/errors.server";
import { getRequestPage } from "../../app/models/request-page.server";
import { getTaskPage } from "../../app/models/task-page.server";
import { declineTask, listDeclineReasons, startTask } from "../../app/models/task.server";
import { actorOf, createTestTasks } from "../factories/task";
import { createTestUser } from "../factories/user";

const eventsOf = (reasonId: string) =>
  db
    .selectFrom("events")
    .select(["action", "from_state", "to_state", "data", "actor_user_id"])
    .where("entity_type", "=", "decline_reason")
    .where("entity_id", "=", reasonId)
    .orderBy("id")
    .execute();

describe("the coordinators' decline reasons", () => {
  it("adds a reason, offered to responders at once, with its event", async () => {
    const coordinator = await actorOf(await createTestUser({ role: "coordinator" }));
    const { id } = await addDeclineReason({
      actor: coordinator,
      labelSv: "Uppgifterna arkiveras hos Riksarkivet",
      labelEn: "Archived at the National Archives",
    });
    expect((await listDeclineReasons()).at(-1)).toEqual({
      id,
      sv: "Uppgifterna arkiveras hos Riksarkivet",
      en: "Archived at the National Archives",
    });
    expect(await eventsOf(id)).toEqual([
      {
        action: "add",
        from_state: null,
        to_state: "active",
        data: { sv: "Uppgifterna arkiveras hos Riksarkivet", en: "Archived at the National Archives" },
        actor_user_id: coordinator.id,
      },
    ]);
    await expect(
      addDeclineReason({ actor: coordinator, labelSv: "uppgifterna arkiveras hos riksarkivet", labelEn: "Other" }),
    ).rejects.toBeInstanceOf(DeclineReasonTakenError);
  });

  it("retires a reason: no longer offered nor accepted, while a task declined with it keeps showing it; renames keep the old wording in the event", async () => {
    const coordinator = await actorOf(await createTestUser({ role: "coordinator" }));
    const boras = await actorOf(await createTestUser({ role: "responder", kommunkod: "1490" }));
    const { id } = await addDeclineReason({ actor: coordinator, labelSv: "Systemet byts ut", labelEn: "The system is being replaced" });
    const { request, tasks } = await createTestTasks();
    await startTask({ actor: boras, taskId: tasks["1490"].id });
    await declineTask({ actor: boras, taskId: tasks["1490"].id, reasonId: id, text: "Nytt system 2027." });

    await renameDeclineReason({
      actor: coordinator,
      reasonId: id,
      labelSv: "Verksamhetssystemet byts ut",
      labelEn: "The system is being replaced",
    });
    await setDeclineReasonActive({ actor: coordinator, reasonId: id, active: false });
    expect((await listDeclineReasons()).map((r) => r.id)).not.toContain(id);
    const listed = (await listDeclineReasonsForAdmin({ actor: coordinator })).find((r) => r.id === id);
    expect(listed).toMatchObject({ active: false, uses: 1, sv: "Verksamhetssystemet byts ut" });

    const page = await getTaskPage({ taskId: tasks["1490"].id });
    expect(page?.task.declineReason).toEqual({ sv: "Verksamhetssystemet byts ut", en: "The system is being replaced" });
    const requestPage = await getRequestPage({ requestNumber: request.number, viewerUserId: null });
    expect(JSON.stringify(requestPage)).toContain("Verksamhetssystemet byts ut");

    const skovde = await actorOf(await createTestUser({ role: "responder", kommunkod: "1496" }));
    await startTask({ actor: skovde, taskId: tasks["1496"].id });
    await expect(declineTask({ actor: skovde, taskId: tasks["1496"].id, reasonId: id })).rejects.toMatchObject({
      messageKey: "errors.declineReasonRequired",
    });

    expect((await eventsOf(id)).map((e) => [e.action, e.from_state, e.to_state, e.data])).toEqual([
      ["add", null, "active", { sv: "Systemet byts ut", en: "The system is being replaced" }],
      [
        "rename",
        null,
        null,
        {
          from: { sv: "Systemet byts ut", en: "The system is being replaced" },
          to: { sv: "Verksamhetssystemet byts ut", en: "The system is being replaced" },
        },
      ],
      ["retire", "active", "retired", { sv: "Verksamhetssystemet byts ut", en: "The system is being replaced" }],
    ]);
    await setDeclineReasonActive({ actor: coordinator, reasonId: id, active: true });
    expect((await listDeclineReasons()).map((r) => r.id)).toContain(id);
    expect((await eventsOf(id)).at(-1)).toMatchObject({ action: "restore", from_state: "retired", to_state: "active" });
  });

  it("never deletes a reason: the model has no such command, and the database keeps every declined task's reason", async () => {
    expect(Object.keys(declineReasonModule).filter((name) => /delete|remove/i.test(name))).toEqual([]);
  });

  it("refuses responders and requesters, unknown reasons, and retiring the last reason in use", async () => {
    const coordinator = await actorOf(await createTestUser({ role: "coordinator" }));
    const responder = await actorOf(await createTestUser({ role: "responder", kommunkod: "1490" }));
    const requester = await actorOf(await createTestUser());
    for (const actor of [responder, requester]) {
      await expect(addDeclineReason({ actor, labelSv: "Nej", labelEn: "No" })).rejects.toBeInstanceOf(ForbiddenError);
      await expect(listDeclineReasonsForAdmin({ actor })).rejects.toBeInstanceOf(ForbiddenError);
    }
    await expect(
      setDeclineReasonActive({ actor: coordinator, reasonId: "00000000-0000-4000-8000-000000000000", active: false }),
    ).rejects.toBeInstanceOf(DeclineReasonNotFoundError);

    const active = await listDeclineReasons();
    for (const reason of active.slice(1)) await setDeclineReasonActive({ actor: coordinator, reasonId: reason.id, active: false });
    await expect(setDeclineReasonActive({ actor: coordinator, reasonId: active[0].id, active: false })).rejects.toBeInstanceOf(
      LastDeclineReasonError,
    );
    expect(await listDeclineReasons()).toHaveLength(1);
    for (const reason of active.slice(1)) await setDeclineReasonActive({ actor: coordinator, reasonId: reason.id, active: true });
  });
});
