import { describe, expect, expectTypeOf, it } from "vitest";
import type { requirePermission } from "../../app/auth/guard.server";
import { can, grantableRoles, type Actor, type RolePermission } from "../../app/auth/permissions";

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
    expect(can(responderBoras, "answer:task:org", { organisationId: BORAS })).toBe(true);
    expect(can(responderBoras, "answer:task:org", { organisationId: SKOVDE })).toBe(false);
    expect(can(requester, "answer:task:org", { organisationId: BORAS })).toBe(false);
    expect(can(coordinator, "answer:task:any")).toBe(true);
    expect(can(responderBoras, "answer:task:any")).toBe(false);
  });

  it("denies an organisation's permission when no organisation is named", () => {
    // Each line must also fail to compile (tsc checks the test files): an `…:org` permission
    // cannot be asked about without its organisation.
    // @ts-expect-error the organisation is missing
    expect(can(responderBoras, "answer:task:org")).toBe(false);
    // @ts-expect-error the organisation is missing
    expect(can(responderBoras, "answer:task:org", {})).toBe(false);
    // @ts-expect-error the organisation may not be undefined
    expect(can(responderBoras, "answer:task:org", { organisationId: undefined })).toBe(false);
    expect(can(responderBoras, "answer:task:org", { organisationId: "" })).toBe(false);
  });

  it("keeps the role permissions free of an organisation", () => {
    // @ts-expect-error an `…:any` permission takes no organisation: it would read as if it narrowed the check
    expect(can(coordinator, "triage:request:any", { organisationId: BORAS })).toBe(true);
    expectTypeOf(can).parameter(1).toEqualTypeOf<"answer:task:org" | RolePermission>();
  });

  it("makes the route guard take an organisation exactly when the permission needs one", () => {
    // Never called: the lines are there for tsc.
    const typeChecks = (guard: typeof requirePermission, request: Request) => {
      // @ts-expect-error the organisation is missing
      void guard(request, "answer:task:org");
      void guard(request, "answer:task:org", { organisationId: BORAS });
      // @ts-expect-error a role permission takes no organisation
      void guard(request, "triage:request:any", { organisationId: BORAS });
      void guard(request, "triage:request:any");
    };
    expect(typeChecks).toBeTypeOf("function");
  });

  it("names the password change for what it does", () => {
    for (const actor of [requester, responderBoras, coordinator, admin]) {
      expect(can(actor, "read:account:own")).toBe(true);
      expect(can(actor, "update:account:own")).toBe(true);
    }
    expect(can(null, "update:account:own")).toBe(false);
  });

  it("keeps the administrator role for administrators to grant", () => {
    expect(grantableRoles(requester)).toEqual([]);
    expect(grantableRoles(responderBoras)).toEqual([]);
    expect(grantableRoles(coordinator)).toEqual(["responder", "coordinator"]);
    expect(grantableRoles(admin)).toEqual(["responder", "coordinator", "admin"]);
  });
});
