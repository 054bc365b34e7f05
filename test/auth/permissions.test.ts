import { describe, expect, it } from "vitest";
import { can, grantableRoles, type Actor } from "../../app/auth/permissions";

const BORAS = "org-boras";
const SKOVDE = "org-skovde";
const requester: Actor = { id: "u1", memberships: [] };
const responderBoras: Actor = { id: "u2", memberships: [{ organisationId: BORAS, role: "responder" }] };
const coordinator: Actor = { id: "u3", memberships: [{ organisationId: "org-vgr", role: "coordinator" }] };
const admin: Actor = { id: "u4", memberships: [{ organisationId: "org-vgr", role: "admin" }] };

describe("can", () => {
  it("denies everything to visitors", () => {
    expect(can(null, "read:account:own")).toBe(false);
    expect(can(null, "submit:request:own")).toBe(false);
  });

  it("lets every signed-in user submit requests but only coordinators and admins triage", () => {
    for (const actor of [requester, responderBoras, coordinator, admin]) {
      expect(can(actor, "submit:request:own")).toBe(true);
    }
    expect(can(requester, "triage:request:any")).toBe(false);
    expect(can(responderBoras, "triage:request:any")).toBe(false);
    expect(can(coordinator, "triage:request:any")).toBe(true);
    expect(can(admin, "triage:request:any")).toBe(true);
  });

  it("lets a responder of Borås answer for Borås and never for Skövde", () => {
    expect(can(responderBoras, "answer:task:own", { organisationId: BORAS })).toBe(true);
    expect(can(responderBoras, "answer:task:own", { organisationId: SKOVDE })).toBe(false);
    expect(can(requester, "answer:task:own", { organisationId: BORAS })).toBe(false);
    expect(can(coordinator, "answer:task:any")).toBe(true);
    expect(can(responderBoras, "answer:task:any")).toBe(false);
  });

  it("keeps the administrator role for administrators to grant", () => {
    expect(grantableRoles(requester)).toEqual([]);
    expect(grantableRoles(responderBoras)).toEqual([]);
    expect(grantableRoles(coordinator)).toEqual(["responder", "coordinator"]);
    expect(grantableRoles(admin)).toEqual(["responder", "coordinator", "admin"]);
  });
});
