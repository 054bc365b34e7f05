import { beforeAll, describe, expect, it } from "vitest";
import * as account from "../../app/routes/account";
import * as adminSources from "../../app/routes/admin.sources._index";
import * as adminTriageRequest from "../../app/routes/admin.triage.$number";
import * as adminTriage from "../../app/routes/admin.triage._index";
import * as adminUsers from "../../app/routes/admin.users";
import * as newRequest from "../../app/routes/requests.new";
import { createTestUser, getMunicipality, sessionCookieFor, TEST_PASSWORD, type TestRole } from "../factories/user";
import { pageRequest, run } from "../support/route-request";

/**
 * Every role against every protected loader and action so far. "allowed" means the route did its
 * work; "login" that a visitor is sent to sign in; "forbidden" the 403 page; "refused" that the
 * action answered with an error message and wrote nothing.
 */
type Outcome = "allowed" | "login" | "forbidden" | "refused";
type Role = "visitor" | TestRole;
const roles: Role[] = ["visitor", "requester", "responder", "coordinator", "admin"];

const cookies = new Map<Role, string>();
let target: { email: string };
let boras: { id: string };

beforeAll(async () => {
  boras = await getMunicipality("1490");
  target = await createTestUser({ name: "Mål Användare" });
  for (const role of roles) {
    if (role === "visitor") continue;
    const user = await createTestUser({ role });
    cookies.set(role, await sessionCookieFor(user.id));
  }
});

function outcomeOf(result: unknown): Outcome {
  if (result instanceof Response) {
    if (result.status === 403) return "forbidden";
    if (result.status === 302 && result.headers.get("Location")?.startsWith("/login")) return "login";
    return result.status < 400 ? "allowed" : "refused";
  }
  if (result && typeof result === "object" && "ok" in result && result.ok === false) return "refused";
  return "allowed";
}

const routes: {
  name: string;
  call: (cookie: string | undefined) => Promise<unknown>;
  expected: Record<Role, Outcome>;
}[] = [
  {
    name: "GET /account",
    call: (cookie) => run(account.loader, pageRequest("/account", { cookie })),
    expected: { visitor: "login", requester: "allowed", responder: "allowed", coordinator: "allowed", admin: "allowed" },
  },
  {
    name: "POST /account (change password)",
    call: (cookie) =>
      run(account.action, pageRequest("/account", { cookie, form: { currentPassword: TEST_PASSWORD, newPassword: TEST_PASSWORD } })),
    // The same password twice is refused by validation: reaching validation is the permission.
    expected: { visitor: "login", requester: "refused", responder: "refused", coordinator: "refused", admin: "refused" },
  },
  {
    name: "GET /admin/users",
    call: (cookie) => run(adminUsers.loader, pageRequest("/admin/users", { cookie })),
    expected: { visitor: "login", requester: "forbidden", responder: "forbidden", coordinator: "allowed", admin: "allowed" },
  },
  {
    name: "POST /admin/users (grant responder)",
    call: (cookie) =>
      run(
        adminUsers.action,
        pageRequest("/admin/users", { cookie, form: { intent: "grant", email: target.email, organisationId: boras.id, role: "responder" } }),
      ),
    // The admin runs after the coordinator has granted the same role: "already has it" is refused.
    expected: { visitor: "login", requester: "forbidden", responder: "forbidden", coordinator: "allowed", admin: "refused" },
  },
  {
    name: "POST /admin/users (grant admin)",
    call: (cookie) =>
      run(
        adminUsers.action,
        pageRequest("/admin/users", { cookie, form: { intent: "grant", email: target.email, organisationId: boras.id, role: "admin" } }),
      ),
    expected: { visitor: "login", requester: "forbidden", responder: "forbidden", coordinator: "refused", admin: "allowed" },
  },
  {
    name: "GET /admin/sources",
    call: (cookie) => run(adminSources.loader, pageRequest("/admin/sources", { cookie })),
    expected: { visitor: "login", requester: "forbidden", responder: "forbidden", coordinator: "allowed", admin: "allowed" },
  },
  {
    name: "POST /admin/sources (add source)",
    call: (cookie) =>
      run(
        adminSources.action,
        pageRequest("/admin/sources", {
          cookie,
          form: { intent: "create", name: "X", location: "not a url", kind: "dcat", schedule: "daily", publisherOrganisationId: "" },
        }),
      ),
    // An invalid address is refused by validation: reaching validation is the permission.
    expected: { visitor: "login", requester: "forbidden", responder: "forbidden", coordinator: "refused", admin: "refused" },
  },
  {
    name: "GET /requests/new",
    call: (cookie) => run(newRequest.loader, pageRequest("/requests/new", { cookie })),
    expected: { visitor: "login", requester: "allowed", responder: "allowed", coordinator: "allowed", admin: "allowed" },
  },
  {
    name: "POST /requests/new (empty form)",
    call: (cookie) => run(newRequest.action, pageRequest("/requests/new", { cookie, form: { intent: "submit" } })),
    expected: { visitor: "login", requester: "refused", responder: "refused", coordinator: "refused", admin: "refused" },
  },
  {
    name: "GET /admin/triage",
    call: (cookie) => run(adminTriage.loader, pageRequest("/admin/triage", { cookie })),
    expected: { visitor: "login", requester: "forbidden", responder: "forbidden", coordinator: "allowed", admin: "allowed" },
  },
  {
    name: "POST /admin/triage/1 (reject without a reason)",
    call: (cookie) =>
      run(adminTriageRequest.action, { ...pageRequest("/admin/triage/1", { cookie, form: { intent: "reject", reason: "" } }), params: { number: "1" } }),
    // Request 1 does not exist: a coordinator gets the 404, which comes after the permission check.
    expected: { visitor: "login", requester: "forbidden", responder: "forbidden", coordinator: "refused", admin: "refused" },
  },
];

describe("permission matrix", () => {
  for (const route of routes) {
    for (const role of roles) {
      it(`${route.name} as ${role} → ${route.expected[role]}`, async () => {
        expect(outcomeOf(await route.call(cookies.get(role)))).toBe(route.expected[role]);
      });
    }
  }
});
