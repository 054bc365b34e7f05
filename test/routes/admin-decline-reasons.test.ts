import { describe, expect, it } from "vitest";
import { db } from "../../db/client.server";
import * as page from "../../app/routes/admin.decline-reasons";
import { createTestUser, sessionCookieFor } from "../factories/user";
import { pageRequest, runWithStatus } from "../support/route-request";

const coordinatorCookie = async () => sessionCookieFor((await createTestUser({ role: "coordinator" })).id);
const post = (cookie: string, form: Record<string, string>) =>
  runWithStatus(page.action, pageRequest("/admin/decline-reasons", { cookie, form }));
const reasonBySv = (sv: string) =>
  db.selectFrom("decline_reasons").select(["id", "label_sv", "label_en", "active"]).where("label_sv", "=", sv).executeTakeFirst();

describe("/admin/decline-reasons", () => {
  it("lists every reason with its use to a coordinator, and adds, renames, retires and brings back a reason", async () => {
    const cookie = await coordinatorCookie();
    const list = await runWithStatus(page.loader, pageRequest("/admin/decline-reasons", { cookie }));
    expect(list.status).toBe(200);
    expect((list.data as Awaited<ReturnType<typeof page.loader>>).reasons.length).toBeGreaterThanOrEqual(5);

    expect(
      await post(cookie, { intent: "add", labelSv: "  Uppgifterna  finns hos  Lantmäteriet ", labelEn: "Held by Lantmäteriet" }),
    ).toEqual({
      status: 200,
      data: { ok: true, message: "admin.declineReasons.added" },
    });
    const added = (await reasonBySv("Uppgifterna finns hos Lantmäteriet"))!;
    expect(added).toMatchObject({ label_en: "Held by Lantmäteriet", active: true });

    expect(
      (
        await post(cookie, {
          intent: "rename",
          reasonId: added.id,
          labelSv: "Lantmäteriet har uppgifterna",
          labelEn: "Lantmäteriet holds it",
        })
      ).data,
    ).toEqual({
      ok: true,
      message: "admin.declineReasons.renamed",
    });
    expect((await post(cookie, { intent: "retire", reasonId: added.id })).data).toEqual({
      ok: true,
      message: "admin.declineReasons.retired",
    });
    expect(await reasonBySv("Lantmäteriet har uppgifterna")).toMatchObject({ active: false, label_en: "Lantmäteriet holds it" });
    expect((await post(cookie, { intent: "restore", reasonId: added.id })).data).toEqual({
      ok: true,
      message: "admin.declineReasons.restored",
    });
    expect(await reasonBySv("Lantmäteriet har uppgifterna")).toMatchObject({ active: true });
  });

  it("sends bad input back with its message and the typed text: a missing language, a taken label, an unknown reason", async () => {
    const cookie = await coordinatorCookie();
    const missing = await post(cookie, { intent: "add", labelSv: "Bara svenska", labelEn: "  " });
    expect(missing).toMatchObject({
      status: 400,
      data: { fieldErrors: { labelEn: ["errors.declineReasonLabelRequired"] }, values: { labelSv: "Bara svenska" } },
    });
    const taken = await post(cookie, { intent: "add", labelSv: "Uppgifterna omfattas av sekretess", labelEn: "Secret" });
    expect(taken).toMatchObject({ status: 400, data: { formErrors: ["errors.declineReasonLabelTaken"], values: { labelEn: "Secret" } } });
    const tooLong = await post(cookie, { intent: "add", labelSv: "x".repeat(201), labelEn: "Long" });
    expect(tooLong).toMatchObject({ status: 400, data: { fieldErrors: { labelSv: ["errors.declineReasonLabelTooLong"] } } });
    expect((await post(cookie, { intent: "retire", reasonId: "00000000-0000-4000-8000-000000000000" })).status).toBe(404);
    expect((await post(cookie, { intent: "retire", reasonId: "inte-ett-id" })).status).toBe(400);
    expect((await post(cookie, { intent: "delete", reasonId: "00000000-0000-4000-8000-000000000000" })).status).toBe(400);
    expect(await reasonBySv("Bara svenska")).toBeUndefined();
  });

  it("is for coordinators and admins only: a visitor signs in, a responder or requester gets 403 and changes nothing", async () => {
    expect((await runWithStatus(page.loader, pageRequest("/admin/decline-reasons"))).status).toBe(302);
    for (const role of ["requester", "responder"] as const) {
      const cookie = await sessionCookieFor((await createTestUser({ role, kommunkod: "1490" })).id);
      expect((await runWithStatus(page.loader, pageRequest("/admin/decline-reasons", { cookie }))).status).toBe(403);
      expect((await post(cookie, { intent: "add", labelSv: `Av ${role}`, labelEn: `By ${role}` })).status).toBe(403);
      expect(await reasonBySv(`Av ${role}`)).toBeUndefined();
    }
    const admin = await sessionCookieFor((await createTestUser({ role: "admin" })).id);
    expect((await runWithStatus(page.loader, pageRequest("/admin/decline-reasons", { cookie: admin }))).status).toBe(200);
  });
});
