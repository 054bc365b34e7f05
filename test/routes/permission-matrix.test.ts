import { randomUUID } from "node:crypto";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { db } from "../../db/client.server";
import type { MembershipRole } from "../../db/schema";
import { getOrCreateCatalogueSource } from "../../app/models/catalogue-source.server";
import * as account from "../../app/routes/account";
import * as adminDeadlines from "../../app/routes/admin.deadlines";
import * as adminDeclineReasons from "../../app/routes/admin.decline-reasons";
import * as adminTimeSaved from "../../app/routes/admin.tidsbesparing._index/route";
import * as adminTimeSavedAssumptions from "../../app/routes/admin.tidsbesparing.antaganden";
import * as adminMail from "../../app/routes/admin.mail";
import * as adminSearch from "../../app/routes/admin.search";
import * as adminSource from "../../app/routes/admin.sources.$sourceId";
import * as adminSources from "../../app/routes/admin.sources._index";
import * as adminTriageRequest from "../../app/routes/admin.triage.$number/route";
import * as adminTriage from "../../app/routes/admin.triage._index";
import * as adminUsers from "../../app/routes/admin.users";
import * as requestPage from "../../app/routes/requests.$number/route";
import * as newRequest from "../../app/routes/requests.new";
import * as taskPage from "../../app/routes/uppgifter.$taskId/route";
import * as taskInbox from "../../app/routes/uppgifter._index";
import * as newSurvey from "../../app/routes/enkater.ny";
import * as surveySettings from "../../app/routes/admin.enkater";
import * as editSurvey from "../../app/routes/enkater.$surveyId.redigera/route";
import * as surveyPage from "../../app/routes/enkater.$surveyId._index";
import * as surveyCsv from "../../app/routes/enkater.$surveyId.resultat[.]csv";
import { createTestSurvey, testQuestion } from "../factories/survey";
import { createTestRequest } from "../factories/request";
import { createTestTasks } from "../factories/task";
import { createTestUser, getMunicipality, sessionCookieFor, TEST_PASSWORD, type TestRole } from "../factories/user";
import { pageRequest, runWithStatus } from "../support/route-request";

/**
 * Every role against every protected loader and action, each case on data of its own: a fresh
 * user of the role and whatever the case needs, made in the test itself, so no case depends on
 * another having run. The outcome says precisely how the route answered:
 * - "done": the route did its work (2xx, or a redirect that is not to sign-in);
 * - "login": a visitor is sent to sign in;
 * - "403", "404", "409": that status, thrown by the route;
 * - "400 <messages>": the form sent back to be corrected, with exactly these message keys
 *   (`field:key` for a field's message, `key` for the form's), or a 400 page with its text.
 * A case with `changed` also checks its effect: written when the outcome is "done", never otherwise.
 */
type Outcome = "done" | "login" | "403" | "404" | "409" | `400 ${string}`;
type Role = "visitor" | TestRole;
const roles: Role[] = ["visitor", "requester", "responder", "coordinator", "admin"];

type Actor = { id: string | null; cookie: string | undefined };
type Args = ReturnType<typeof pageRequest> & { params: Record<string, string> };

async function actorFor(role: Role): Promise<Actor> {
  if (role === "visitor") return { id: null, cookie: undefined };
  const user = await createTestUser({ role });
  return { id: user.id, cookie: await sessionCookieFor(user.id) };
}

function messagesOf(data: unknown) {
  const { formErrors = [], fieldErrors = {} } = data as { formErrors?: string[]; fieldErrors?: Record<string, string[] | undefined> };
  return [...formErrors, ...Object.entries(fieldErrors).flatMap(([field, keys]) => (keys ?? []).map((key) => `${field}:${key}`))]
    .sort()
    .join(" ");
}

async function outcomeOf(fn: (args: Args) => Promise<unknown>, args: Args): Promise<Outcome> {
  const { status, data } = await runWithStatus(fn, args);
  if (data instanceof Response) {
    const location = data.headers.get("Location");
    if (status === 302 && location?.startsWith("/login")) return "login";
    if (status === 403 || status === 404 || status === 409) return `${status}`;
    if (status === 400) return `400 ${await data.text()}`;
    if (status >= 200 && status < 400) return "done";
    throw new Error(`unexpected status ${status}`);
  }
  if (status === 400) return `400 ${messagesOf(data)}`;
  if (status !== 200) throw new Error(`unexpected status ${status}`);
  // A 200 that says it failed would be a form the browser shows as done.
  if (data && typeof data === "object" && "ok" in data && data.ok === false)
    throw new Error(`a failure answered 200: ${JSON.stringify(data)}`);
  return "done";
}

const page = (path: string, actor: Actor, options: { form?: Record<string, string>; params?: Record<string, string> } = {}): Args => ({
  ...pageRequest(path, { cookie: actor.cookie, form: options.form }),
  params: options.params ?? {},
});

interface Case<T> {
  name: string;
  /** This case's own data, made afresh for each role. */
  setup?: (actor: Actor) => Promise<T>;
  call: (actor: Actor, data: T) => Promise<Outcome>;
  expected: Record<Role, Outcome>;
  /** Whether the case's state change was written. */
  changed?: (actor: Actor, data: T) => Promise<boolean>;
}
/** A case with its data hidden inside: cases of different data in one list. */
interface AnyCase {
  name: string;
  expected: Record<Role, Outcome>;
  /** Sets the case up for this actor, calls the route; `changed` is undefined for cases without an effect check. */
  run: (actor: Actor) => Promise<{ outcome: Outcome; changed?: boolean }>;
}
const protectedCase = <T = undefined>(c: Case<T>): AnyCase => ({
  name: c.name,
  expected: c.expected,
  run: async (actor) => {
    const data = (await c.setup?.(actor)) as T;
    const outcome = await c.call(actor, data);
    return { outcome, changed: await c.changed?.(actor, data) };
  },
});

const signedIn = (outcome: Outcome): Record<Role, Outcome> => ({
  visitor: "login",
  requester: outcome,
  responder: outcome,
  coordinator: outcome,
  admin: outcome,
});
const coordinators = (outcome: Outcome): Record<Role, Outcome> => ({
  visitor: "login",
  requester: "403",
  responder: "403",
  coordinator: outcome,
  admin: outcome,
});
const admins = (outcome: Outcome): Record<Role, Outcome> => ({
  visitor: "login",
  requester: "403",
  responder: "403",
  coordinator: "403",
  admin: outcome,
});

const membershipsOf = (userId: string, role: MembershipRole) =>
  db.selectFrom("memberships").select("id").where("user_id", "=", userId).where("role", "=", role).execute();
const passwordHashOf = async (userId: string | null) =>
  userId ? (await db.selectFrom("users").select("password_hash").where("id", "=", userId).executeTakeFirstOrThrow()).password_hash : null;
const statusOf = async (id: string) =>
  (await db.selectFrom("requests").select("status").where("id", "=", id).executeTakeFirstOrThrow()).status;

/** Responders work on their own organisation's tasks (the matrix's responder is of Borås); coordinators and admins on any. */
const taskWorkers = (responder: Outcome, others: Outcome): Record<Role, Outcome> => ({
  visitor: "login",
  requester: "403",
  responder,
  coordinator: others,
  admin: others,
});
const taskCall = (actor: Actor, taskId: string, form?: Record<string, string>) =>
  form
    ? outcomeOf(taskPage.action, page(`/uppgifter/${taskId}`, actor, { form, params: { taskId } }))
    : outcomeOf(taskPage.loader, page(`/uppgifter/${taskId}`, actor, { params: { taskId } }));
const taskStatusOf = async (id: string) =>
  (await db.selectFrom("tasks").select("status").where("id", "=", id).executeTakeFirstOrThrow()).status;

async function grantSetup(options: { alreadyResponder?: boolean } = {}) {
  const boras = await getMunicipality("1490");
  const target = await createTestUser({
    name: "Mål Användare",
    ...(options.alreadyResponder ? { role: "responder" as const, kommunkod: "1490" } : {}),
  });
  return { target, boras };
}
const grant = (actor: Actor, data: Awaited<ReturnType<typeof grantSetup>>, role: MembershipRole) =>
  outcomeOf(
    adminUsers.action,
    page("/admin/users", actor, { form: { intent: "grant", email: data.target.email, organisationId: data.boras.id, role } }),
  );

const triage = (actor: Actor, number: number, form: Record<string, string>) =>
  outcomeOf(adminTriageRequest.action, page(`/admin/triage/${number}`, actor, { form, params: { number: String(number) } }));

/** A catalogue source of the case's own (a file path: a URL would be looked up in DNS, and the file is never read). */
const ownSource = () => getOrCreateCatalogueSource({ location: path.resolve(".data", `matrix-${randomUUID()}.rdf`), name: "Källa" });

/** A request number no request has: far above what any test file creates. */
const MISSING_NUMBER = 2_000_000_000;

const cases: AnyCase[] = [
  protectedCase({
    name: "GET /account",
    call: (actor) => outcomeOf(account.loader, page("/account", actor)),
    expected: signedIn("done"),
  }),
  protectedCase<{ before: string | null }>({
    name: "POST /account (change password to the same password)",
    setup: async (actor) => ({ before: await passwordHashOf(actor.id) }),
    call: (actor) =>
      outcomeOf(
        account.action,
        page("/account", actor, { form: { intent: "changePassword", currentPassword: TEST_PASSWORD, newPassword: TEST_PASSWORD } }),
      ),
    // Refused by validation, which only a signed-in user reaches.
    expected: signedIn("400 newPassword:errors.passwordSame"),
    changed: async (actor, { before }) => actor.id !== null && (await passwordHashOf(actor.id)) !== before,
  }),
  protectedCase<{ before: string | null }>({
    name: "POST /account (change password)",
    setup: async (actor) => ({ before: await passwordHashOf(actor.id) }),
    call: (actor) =>
      outcomeOf(
        account.action,
        page("/account", actor, {
          form: { intent: "changePassword", currentPassword: TEST_PASSWORD, newPassword: "ett annat långt lösenord 7" },
        }),
      ),
    expected: signedIn("done"),
    changed: async (actor, { before }) => actor.id !== null && (await passwordHashOf(actor.id)) !== before,
  }),
  protectedCase({
    name: "GET /admin/users",
    call: (actor) => outcomeOf(adminUsers.loader, page("/admin/users", actor)),
    expected: coordinators("done"),
  }),
  protectedCase({
    name: "POST /admin/users (grant responder)",
    setup: () => grantSetup(),
    call: (actor, data) => grant(actor, data, "responder"),
    expected: coordinators("done"),
    changed: async (_, { target }) => (await membershipsOf(target.id, "responder")).length === 1,
  }),
  protectedCase({
    name: "POST /admin/users (grant a role the user already has)",
    setup: () => grantSetup({ alreadyResponder: true }),
    call: (actor, data) => grant(actor, data, "responder"),
    // A conflict the user can correct comes back in its form, under 400 (ADR 016); 409 is for the rest.
    expected: coordinators("400 errors.membershipExists"),
    changed: async (_, { target }) => (await membershipsOf(target.id, "responder")).length !== 1,
  }),
  protectedCase({
    name: "POST /admin/users (grant admin)",
    setup: () => grantSetup(),
    call: (actor, data) => grant(actor, data, "admin"),
    expected: { ...admins("done"), coordinator: "400 role:errors.roleNotAllowed" },
    changed: async (_, { target }) => (await membershipsOf(target.id, "admin")).length === 1,
  }),
  protectedCase({
    name: "GET /admin/sources",
    call: (actor) => outcomeOf(adminSources.loader, page("/admin/sources", actor)),
    expected: coordinators("done"),
  }),
  protectedCase<{ name: string }>({
    name: "POST /admin/sources (add a source with an invalid address)",
    setup: async () => ({ name: `Källa ${randomUUID()}` }),
    call: (actor, { name }) =>
      outcomeOf(
        adminSources.action,
        page("/admin/sources", actor, {
          form: { intent: "create", name, location: "not a url", kind: "dcat", schedule: "daily", publisherOrganisationId: "" },
        }),
      ),
    // Refused by validation, which only a coordinator reaches.
    expected: coordinators("400 location:errors.sourceUrlInvalid"),
    changed: async (_, { name }) => (await db.selectFrom("catalogue_sources").select("id").where("name", "=", name).execute()).length > 0,
  }),
  protectedCase<{ sourceId: string }>({
    name: "GET /admin/sources/:id",
    setup: async () => ({ sourceId: await ownSource() }),
    call: (actor, { sourceId }) => outcomeOf(adminSource.loader, page(`/admin/sources/${sourceId}`, actor, { params: { sourceId } })),
    expected: coordinators("done"),
  }),
  protectedCase<{ sourceId: string }>({
    name: "POST /admin/sources/:id (confirm a run that is not held)",
    setup: async () => ({ sourceId: await ownSource() }),
    call: (actor, { sourceId }) =>
      outcomeOf(
        adminSource.action,
        page(`/admin/sources/${sourceId}`, actor, { form: { intent: "confirm", runId: randomUUID() }, params: { sourceId } }),
      ),
    expected: coordinators("409"),
  }),
  protectedCase({
    name: "POST /admin/sources/:id (a source that does not exist)",
    call: (actor) => {
      const sourceId = randomUUID();
      return outcomeOf(
        adminSource.action,
        page(`/admin/sources/${sourceId}`, actor, { form: { intent: "confirm", runId: randomUUID() }, params: { sourceId } }),
      );
    },
    expected: coordinators("404"),
  }),
  protectedCase({
    name: "GET /requests/new",
    call: (actor) => outcomeOf(newRequest.loader, page("/requests/new", actor)),
    expected: signedIn("done"),
  }),
  protectedCase<{ before: number }>({
    name: "POST /requests/new (empty form)",
    setup: async () => ({ before: (await db.selectFrom("requests").select("id").execute()).length }),
    call: (actor) => outcomeOf(newRequest.action, page("/requests/new", actor, { form: { intent: "submit" } })),
    // Fields the form always sends are missing here, so their message is the generic one.
    expected: signedIn(
      "400 body:errors.invalidValue purpose:errors.invalidValue requesterType:errors.requesterTypeRequired shownAs:errors.shownAsRequired targetScope:errors.targetRequired title:errors.invalidValue",
    ),
    changed: async (_, { before }) => (await db.selectFrom("requests").select("id").execute()).length !== before,
  }),
  protectedCase({
    name: "GET /admin/triage",
    call: (actor) => outcomeOf(adminTriage.loader, page("/admin/triage", actor)),
    expected: coordinators("done"),
  }),
  protectedCase({
    name: "GET /admin/triage/:number",
    setup: () => createTestRequest({ status: "submitted" }),
    call: (actor, request) =>
      outcomeOf(adminTriageRequest.loader, page(`/admin/triage/${request.number}`, actor, { params: { number: String(request.number) } })),
    expected: coordinators("done"),
  }),
  protectedCase({
    name: "POST /admin/triage/:number (reject with a reason)",
    setup: () => createTestRequest({ status: "submitted" }),
    call: (actor, request) => triage(actor, request.number, { intent: "reject", reason: "Inte en fråga om data." }),
    expected: coordinators("done"),
    changed: async (_, request) => (await statusOf(request.id)) === "rejected",
  }),
  protectedCase({
    name: "POST /admin/triage/:number (link the request to a specification)",
    setup: async () => ({
      request: await createTestRequest({ status: "submitted" }),
      specificationId: (await db.selectFrom("specifications").select("id").where("name", "=", "Badplatser").executeTakeFirstOrThrow()).id,
    }),
    call: (actor, { request, specificationId }) => triage(actor, request.number, { intent: "link_specification", specificationId }),
    expected: coordinators("done"),
    changed: async (_, { request }) =>
      (await db.selectFrom("requests").select("specification_id").where("id", "=", request.id).executeTakeFirstOrThrow())
        .specification_id !== null,
  }),
  protectedCase({
    name: "POST /admin/triage/:number (close an open request)",
    setup: () => createTestRequest({ status: "open" }),
    call: (actor, request) => triage(actor, request.number, { intent: "close", reason: "" }),
    expected: coordinators("done"),
    changed: async (_, request) => (await statusOf(request.id)) === "closed",
  }),
  protectedCase({
    name: "POST /admin/triage/:number (change the due date, with a reason)",
    setup: () => createTestTasks({ kommunkoder: ["1490"], dueDate: "2027-01-29" }),
    call: (actor, { request }) =>
      triage(actor, request.number, { intent: "deadline", dueDate: "2027-02-05", dueWorkingDays: "", deadlineReason: "Mer tid." }),
    expected: coordinators("done"),
    changed: async (_, { request }) =>
      (await db.selectFrom("tasks").select("due_date").where("request_id", "=", request.id).executeTakeFirstOrThrow()).due_date ===
      "2027-02-05",
  }),
  protectedCase({
    name: "POST /admin/triage/:number (change the due date without a reason)",
    setup: () => createTestTasks({ kommunkoder: ["1490"], dueDate: "2027-01-29" }),
    call: (actor, { request }) => triage(actor, request.number, { intent: "deadline", dueDate: "2027-02-05", deadlineReason: " " }),
    expected: coordinators("400 deadlineReason:errors.deadlineReasonRequired"),
    changed: async (_, { request }) =>
      (await db.selectFrom("tasks").select("due_date").where("request_id", "=", request.id).executeTakeFirstOrThrow()).due_date !==
      "2027-01-29",
  }),
  protectedCase({
    name: "GET /admin/deadlines",
    call: (actor) => outcomeOf(adminDeadlines.loader, page("/admin/deadlines", actor)),
    expected: coordinators("done"),
  }),
  protectedCase({
    name: "POST /admin/deadlines",
    call: (actor) =>
      outcomeOf(adminDeadlines.action, page("/admin/deadlines", actor, { form: { defaultWorkingDays: "20", reminderWorkingDays: "3" } })),
    expected: coordinators("done"),
    // One row for the whole portal: whether this actor's save was the one written.
    changed: async (actor) =>
      actor.id !== null &&
      (await db.selectFrom("deadline_settings").select("updated_by").executeTakeFirstOrThrow()).updated_by === actor.id,
  }),
  protectedCase({
    name: "POST /admin/triage/:number (reject without a reason)",
    setup: () => createTestRequest({ status: "submitted" }),
    call: (actor, request) => triage(actor, request.number, { intent: "reject", reason: "" }),
    expected: coordinators("400 reason:errors.reasonRequired"),
    changed: async (_, request) => (await statusOf(request.id)) !== "submitted",
  }),
  protectedCase({
    name: "POST /admin/triage/:number (reject a request that does not exist)",
    call: (actor) => triage(actor, MISSING_NUMBER, { intent: "reject", reason: "Inte en fråga om data." }),
    // The permission is checked first: only a coordinator learns that the request does not exist.
    expected: coordinators("404"),
  }),
  protectedCase({
    name: "POST /admin/triage/:number (reject a request already rejected)",
    setup: () => createTestRequest({ status: "rejected", statusReason: "Tidigare avvisad." }),
    call: (actor, request) => triage(actor, request.number, { intent: "reject", reason: "Igen." }),
    // A conflict the user can correct comes back in its form, under 400 (ADR 016); 409 is for the rest.
    expected: coordinators("400 errors.transitionNotAllowed"),
    changed: async (_, request) =>
      (await db.selectFrom("requests").select("status_reason").where("id", "=", request.id).executeTakeFirstOrThrow()).status_reason !==
      "Tidigare avvisad.",
  }),
  protectedCase({
    name: "GET /admin/search",
    call: (actor) => outcomeOf(adminSearch.loader, page("/admin/search", actor)),
    expected: admins("done"),
  }),
  protectedCase({
    name: "GET /admin/decline-reasons",
    call: (actor) => outcomeOf(adminDeclineReasons.loader, page("/admin/decline-reasons", actor)),
    expected: coordinators("done"),
  }),
  protectedCase({
    name: "POST /admin/decline-reasons (add a reason)",
    setup: async () => `Skäl ${randomUUID()}`,
    call: (actor, label) =>
      outcomeOf(
        adminDeclineReasons.action,
        page("/admin/decline-reasons", actor, { form: { intent: "add", labelSv: label, labelEn: label } }),
      ),
    expected: coordinators("done"),
    changed: async (_, label) => (await db.selectFrom("decline_reasons").select("id").where("label_sv", "=", label).execute()).length === 1,
  }),
  protectedCase({
    name: "GET /admin/tidsbesparing",
    call: (actor) => outcomeOf(adminTimeSaved.loader, page("/admin/tidsbesparing", actor)),
    expected: coordinators("done"),
  }),
  protectedCase({
    name: "POST /admin/tidsbesparing (correct a ledger row)",
    setup: async () => {
      const boras = await getMunicipality("1490");
      const row = await db
        .insertInto("time_saved")
        .values({ organisation_id: boras.id, minutes: 240, reason: "existing_dataset", assumption_version: 2 })
        .returning("id")
        .executeTakeFirstOrThrow();
      return row.id;
    },
    call: (actor, rowId) =>
      outcomeOf(adminTimeSaved.action, page("/admin/tidsbesparing", actor, { form: { rowId: String(rowId), why: "Fel rad." } })),
    expected: coordinators("done"),
    changed: async (_, rowId) => (await db.selectFrom("time_saved").select("id").where("reverses_id", "=", rowId).execute()).length === 1,
  }),
  protectedCase({
    name: "GET /admin/tidsbesparing/antaganden",
    call: (actor) => outcomeOf(adminTimeSavedAssumptions.loader, page("/admin/tidsbesparing/antaganden", actor)),
    expected: coordinators("done"),
  }),
  protectedCase({
    name: "POST /admin/tidsbesparing/antaganden (a new version)",
    setup: async () => `Källa ${randomUUID()}`,
    call: (actor, note) =>
      outcomeOf(
        adminTimeSavedAssumptions.action,
        page("/admin/tidsbesparing/antaganden", actor, {
          form: {
            municipalityLow: "120",
            municipalityCentral: "240",
            municipalityHigh: "480",
            regionLow: "120",
            regionCentral: "240",
            regionHigh: "480",
            questionPercentLow: "50",
            questionPercentHigh: "150",
            note,
          },
        }),
      ),
    expected: coordinators("done"),
    changed: async (_, note) =>
      (await db.selectFrom("time_saved_assumptions").select("version").where("note", "=", note).execute()).length === 1,
  }),
  protectedCase({
    name: "GET /admin/mail",
    call: (actor) => outcomeOf(adminMail.loader, page("/admin/mail", actor)),
    expected: admins("done"),
  }),
  protectedCase({
    name: "POST /requests/:number (vote)",
    setup: () => createTestRequest({ status: "open" }),
    call: (actor, request) =>
      outcomeOf(
        requestPage.action,
        page(`/requests/${request.number}`, actor, { form: { intent: "vote" }, params: { number: String(request.number) } }),
      ),
    expected: signedIn("done"),
    changed: async (actor, request) =>
      actor.id !== null &&
      (await db.selectFrom("votes").select("user_id").where("request_id", "=", request.id).where("user_id", "=", actor.id).execute())
        .length === 1,
  }),
  protectedCase({
    name: "POST /requests/:number (vote on a request that does not exist)",
    call: (actor) =>
      outcomeOf(
        requestPage.action,
        page(`/requests/${MISSING_NUMBER}`, actor, { form: { intent: "vote" }, params: { number: String(MISSING_NUMBER) } }),
      ),
    expected: signedIn("404"),
  }),
  protectedCase({
    name: "POST /requests/:number (hide someone else's comment)",
    setup: async () => {
      const request = await createTestRequest({ status: "open", comments: 1 });
      const comment = await db.selectFrom("comments").select("id").where("request_id", "=", request.id).executeTakeFirstOrThrow();
      return { request, commentId: comment.id };
    },
    call: (actor, { request, commentId }) =>
      outcomeOf(
        requestPage.action,
        page(`/requests/${request.number}`, actor, {
          form: { intent: "hideComment", commentId, reason: "Personuppgifter." },
          params: { number: String(request.number) },
        }),
      ),
    expected: coordinators("done"),
    changed: async (_, { commentId }) =>
      (await db.selectFrom("comments").selectAll().where("id", "=", commentId).executeTakeFirstOrThrow()).hidden_at !== null,
  }),
  protectedCase({
    name: "POST /requests/:number (withdraw someone else's request)",
    setup: async () => createTestRequest({ status: "open", requesterUserId: (await createTestUser()).id }),
    call: (actor, request) =>
      outcomeOf(
        requestPage.action,
        page(`/requests/${request.number}`, actor, { form: { intent: "withdraw" }, params: { number: String(request.number) } }),
      ),
    expected: signedIn("403"),
    changed: async (_, request) =>
      (await db.selectFrom("requests").select("status").where("id", "=", request.id).executeTakeFirstOrThrow()).status !== "open",
  }),
  protectedCase({
    name: "GET /uppgifter",
    call: (actor) => outcomeOf(taskInbox.loader, page("/uppgifter", actor)),
    expected: taskWorkers("done", "done"),
  }),
  protectedCase({
    name: "POST /uppgifter (answer ticked tasks of Borås at once)",
    setup: () => createTestTasks({ kommunkoder: ["1490"] }),
    call: (actor, { tasks }) =>
      outcomeOf(taskInbox.action, page("/uppgifter", actor, { form: { intent: "answer", tasks: `${tasks["1490"].id}:1`, text: "Svar." } })),
    expected: taskWorkers("done", "done"),
    changed: async (_, { tasks }) => (await taskStatusOf(tasks["1490"].id)) === "answered",
  }),
  protectedCase({
    name: "POST /uppgifter (answer ticked tasks of Skövde at once)",
    setup: () => createTestTasks({ kommunkoder: ["1496"] }),
    call: (actor, { tasks }) =>
      outcomeOf(taskInbox.action, page("/uppgifter", actor, { form: { intent: "answer", tasks: `${tasks["1496"].id}:1`, text: "Svar." } })),
    expected: taskWorkers("400 errors.bulkTasksRefused", "done"),
    changed: async (_, { tasks }) => (await taskStatusOf(tasks["1496"].id)) === "answered",
  }),
  protectedCase({
    name: "GET /uppgifter/:id (a task of Borås, the responder's own organisation)",
    setup: () => createTestTasks({ kommunkoder: ["1490"] }),
    call: (actor, { tasks }) => taskCall(actor, tasks["1490"].id),
    expected: taskWorkers("done", "done"),
  }),
  protectedCase({
    name: "GET /uppgifter/:id (a task of Skövde, another organisation)",
    setup: () => createTestTasks({ kommunkoder: ["1496"] }),
    call: (actor, { tasks }) => taskCall(actor, tasks["1496"].id),
    expected: taskWorkers("403", "done"),
  }),
  protectedCase({
    name: "POST /uppgifter/:id (start a task of Borås)",
    setup: () => createTestTasks({ kommunkoder: ["1490"] }),
    call: (actor, { tasks }) => taskCall(actor, tasks["1490"].id, { intent: "start", version: "1" }),
    expected: taskWorkers("done", "done"),
    changed: async (_, { tasks }) => (await taskStatusOf(tasks["1490"].id)) === "in_progress",
  }),
  protectedCase({
    name: "POST /uppgifter/:id (start a task of Skövde)",
    setup: () => createTestTasks({ kommunkoder: ["1496"] }),
    call: (actor, { tasks }) => taskCall(actor, tasks["1496"].id, { intent: "start", version: "1" }),
    expected: taskWorkers("403", "done"),
    changed: async (_, { tasks }) => (await taskStatusOf(tasks["1496"].id)) === "in_progress",
  }),
  protectedCase({
    name: "POST /uppgifter/:id (answer a task still pending)",
    setup: () => createTestTasks({ kommunkoder: ["1490"] }),
    call: (actor, { tasks }) => taskCall(actor, tasks["1490"].id, { intent: "answer", version: "1", text: "Svar", datasetUrls: "" }),
    expected: taskWorkers("400 errors.transitionNotAllowed", "400 errors.transitionNotAllowed"),
    changed: async (_, { tasks }) => (await taskStatusOf(tasks["1490"].id)) !== "pending",
  }),
  // Surveys (issue 10): anyone signed in builds one; only its sender edits the draft; a municipality
  // answers only its own task; a running survey's results (and confidential answers) are not public.
  protectedCase({
    name: "GET /admin/enkater",
    call: (actor) => outcomeOf(surveySettings.loader, page("/admin/enkater", actor)),
    expected: coordinators("done"),
  }),
  protectedCase({
    name: "POST /admin/enkater (validity 1 month more)",
    call: (actor) =>
      outcomeOf(
        surveySettings.action,
        page("/admin/enkater", actor, {
          form: {
            validityMonths: "13",
            recentlyAskedMonths: "6",
            "minutes.number": "30",
            "minutes.text": "45",
            "minutes.single_choice": "10",
            "minutes.multiple_choice": "15",
            "minutes.yes_no": "5",
            "minutes.date": "10",
            "minutes.dataset_link": "20",
          },
        }),
      ),
    expected: coordinators("done"),
    changed: async () => {
      const row = await db.selectFrom("survey_settings").select("validity_months").executeTakeFirstOrThrow();
      // Undone each time, so every role's case starts from 12.
      await db.updateTable("survey_settings").set({ validity_months: 12 }).execute();
      return row.validity_months === 13;
    },
  }),
  protectedCase({
    name: "GET /enkater/ny",
    call: (actor) => outcomeOf(newSurvey.loader, page("/enkater/ny", actor)),
    expected: signedIn("done"),
  }),
  protectedCase({
    name: "POST /enkater/ny (create a draft)",
    call: (actor) =>
      outcomeOf(newSurvey.action, page("/enkater/ny", actor, { form: { title: "Matrisenkät", purpose: "", deadlineWorkingDays: "10" } })),
    expected: signedIn("done"),
    changed: async (actor) =>
      actor.id !== null && (await db.selectFrom("surveys").select("id").where("sender_user_id", "=", actor.id).execute()).length === 1,
  }),
  protectedCase({
    name: "GET /enkater/:id/redigera (someone else's draft)",
    setup: () => createTestSurvey(),
    call: (actor, { surveyId }) => outcomeOf(editSurvey.loader, page(`/enkater/${surveyId}/redigera`, actor, { params: { surveyId } })),
    expected: { visitor: "login", requester: "404", responder: "404", coordinator: "404", admin: "404" },
  }),
  protectedCase({
    name: "POST /enkater/:id/redigera (add a question to someone else's draft)",
    setup: () => createTestSurvey(),
    call: (actor, { surveyId }) =>
      outcomeOf(
        editSurvey.action,
        page(`/enkater/${surveyId}/redigera`, actor, {
          form: { intent: "add_question", text: "Smygfråga", answerType: "text", estimatedMinutes: "5" },
          params: { surveyId },
        }),
      ),
    expected: { visitor: "login", requester: "404", responder: "404", coordinator: "404", admin: "404" },
    changed: async (_, { surveyId }) =>
      (await db.selectFrom("survey_questions").select("id").where("survey_id", "=", surveyId).execute()).length !== 1,
  }),
  protectedCase({
    name: "POST /enkater/:id/redigera (link a question of someone else's draft to a specification)",
    setup: async () => ({
      ...(await createTestSurvey()),
      specificationId: (await db.selectFrom("specifications").select("id").where("name", "=", "Badplatser").executeTakeFirstOrThrow()).id,
    }),
    call: (actor, { surveyId, questionIds, specificationId }) =>
      outcomeOf(
        editSurvey.action,
        page(`/enkater/${surveyId}/redigera`, actor, {
          form: { intent: "link_specification", questionId: questionIds[0], specificationId },
          params: { surveyId },
        }),
      ),
    expected: { visitor: "login", requester: "404", responder: "404", coordinator: "404", admin: "404" },
    changed: async (_, { questionIds }) =>
      (await db.selectFrom("survey_questions").select("specification_id").where("id", "=", questionIds[0]).executeTakeFirstOrThrow())
        .specification_id !== null,
  }),
  protectedCase({
    name: "GET /enkater/:id (someone else's draft)",
    setup: () => createTestSurvey(),
    call: (actor, { surveyId }) => outcomeOf(surveyPage.loader, page(`/enkater/${surveyId}`, actor, { params: { surveyId } })),
    expected: { visitor: "404", requester: "404", responder: "404", coordinator: "404", admin: "404" },
  }),
  protectedCase({
    name: "GET /enkater/:id/resultat.csv (a running survey with a confidential question)",
    setup: () => createTestSurvey({ send: true, questions: [testQuestion({ confidential: true })] }),
    call: (actor, { surveyId }) => outcomeOf(surveyCsv.loader, page(`/enkater/${surveyId}/resultat.csv`, actor, { params: { surveyId } })),
    expected: { visitor: "404", requester: "404", responder: "404", coordinator: "done", admin: "done" },
  }),
  protectedCase({
    name: "POST /uppgifter/:id (answer the survey questions of Borås's task)",
    setup: () => createTestSurvey({ send: true, kommunkoder: ["1490"] }),
    call: (actor, { tasks, questionIds }) =>
      taskCall(actor, tasks["1490"], { intent: "survey_answers", version: "1", [`q.${questionIds[0]}`]: "12" }),
    expected: taskWorkers("done", "done"),
    changed: async (_, { questionIds }) =>
      (await db.selectFrom("survey_answers").select("id").where("question_id", "=", questionIds[0]).execute()).length === 1,
  }),
  protectedCase({
    name: "POST /uppgifter/:id (answer the survey questions of Skövde's task)",
    setup: () => createTestSurvey({ send: true, kommunkoder: ["1496"] }),
    call: (actor, { tasks, questionIds }) =>
      taskCall(actor, tasks["1496"], { intent: "survey_answers", version: "1", [`q.${questionIds[0]}`]: "12" }),
    expected: taskWorkers("403", "done"),
    changed: async (_, { questionIds }) =>
      (await db.selectFrom("survey_answers").select("id").where("question_id", "=", questionIds[0]).execute()).length === 1,
  }),
];

describe("permission matrix", () => {
  for (const route of cases) {
    for (const role of roles) {
      it(`${route.name} as ${role} → ${route.expected[role]}`, async () => {
        const { outcome, changed } = await route.run(await actorFor(role));
        expect(outcome).toBe(route.expected[role]);
        if (changed !== undefined) expect(changed).toBe(outcome === "done");
      });
    }
  }
});
