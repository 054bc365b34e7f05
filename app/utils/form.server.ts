import { data, type ActionFunctionArgs } from "@remix-run/node";
import type { z } from "zod";
import { isMessageKey, type MessageKey } from "../i18n/translate";
import { ConflictError } from "../models/errors.server";
import { badRequest, respondToFailure } from "./http.server";
import { joinKeptList } from "./kept-values";
import { portalOrigin } from "./origin.server";

/**
 * Reading every form goes through here: the CSRF check (the Origin header must be this site's,
 * on top of SameSite=Lax cookies) and the zod schema. On failure the typed values come back so
 * the form can show them again — never a password.
 */
export type FormFailure = {
  ok: false;
  formErrors: MessageKey[];
  fieldErrors: Partial<Record<string, MessageKey[]>>;
  values: Record<string, string>;
};
export type FormResult<T> = { ok: true; data: T; values: Record<string, string> } | FormFailure;

export function isSameOrigin(request: Request) {
  const origin = request.headers.get("Origin");
  return origin !== null && origin === portalOrigin(request);
}

/** What was typed, to show again; a list field (checkboxes) comes back as `keptList` reads it. */
function keptValues(formData: FormData, lists: readonly string[]) {
  const values: Record<string, string> = {};
  for (const [name, value] of formData) {
    if (typeof value !== "string" || /password/i.test(name)) continue;
    values[name] = lists.includes(name) ? joinKeptList(values[name], value) : value;
  }
  return values;
}

/** The fields as the schema reads them: a list field is always an array, even of one or none. */
function fieldsOf(formData: FormData, lists: readonly string[]) {
  const fields: Record<string, unknown> = Object.fromEntries(formData);
  for (const name of lists) fields[name] = formData.getAll(name).filter((value) => typeof value === "string");
  return fields;
}

const formDataOf = new WeakMap<Request, Promise<FormData>>();

/**
 * The posted form, read once per request (parseForm and the routes' intent switches share it).
 * A body that is not a form (JSON, plain text, a multipart body without its boundary, none at all)
 * makes the platform throw a TypeError, which would be a 500: it is a 400 page saying so instead.
 */
export function readFormData(request: Request): Promise<FormData> {
  let read = formDataOf.get(request);
  if (!read) {
    read = request
      .clone()
      .formData()
      .catch((error: unknown) => {
        if (error instanceof TypeError) badRequest("errors.notAForm");
        throw error;
      });
    formDataOf.set(request, read);
  }
  return read;
}

/** What was typed in the posted form, to show again with a failure found outside parseForm's branch. */
export async function submittedValues(request: Request, options: { lists?: readonly string[] } = {}) {
  return keptValues(await readFormData(request), options.lists ?? []);
}

/** A form sent back to be corrected: parseForm's or formFailure's result, with at least one message. */
function isFormFailure(value: unknown): value is FormFailure {
  if (typeof value !== "object" || value === null || (value as { ok?: unknown }).ok !== false) return false;
  const { formErrors, fieldErrors } = value as Partial<FormFailure>;
  if (!Array.isArray(formErrors) || typeof fieldErrors !== "object" || fieldErrors === null) return false;
  return formErrors.length > 0 || Object.values(fieldErrors).some((errors) => (errors?.length ?? 0) > 0);
}

/**
 * Every route's action is wrapped in this, so every action answers bad input the same way: a body
 * that is not a form is a 400 page before anything else runs, and a form sent back with messages
 * (from parseForm or formFailure, however the route decorates it) is a 400 that still renders the
 * form with what was typed — with JavaScript (useActionData) and without (the document's status).
 * A result without messages (showing matches for the typed text) stays a 200. A command's expected
 * failure that the route left uncaught is its 404, 403 or 409 page (ADR 016). Call it inside a
 * plain `export async function action(args) { return formAction(runAction)(args); }`: the browser
 * build drops that function, whereas a top-level `formAction(…)` call would run there, where this
 * server module is empty.
 */
export function formAction<Args extends ActionFunctionArgs, R>(action: (args: Args) => Promise<R>) {
  return async (args: Args) => {
    await readFormData(args.request);
    const result = await action(args).catch(respondToFailure);
    return isFormFailure(result) ? data(result, { status: 400 }) : result;
  };
}

export async function parseForm<S extends z.ZodType>(
  request: Request,
  schema: S,
  options: { lists?: readonly string[] } = {},
): Promise<FormResult<z.output<S>>> {
  const lists = options.lists ?? [];
  const formData = await readFormData(request);
  const values = keptValues(formData, lists);
  if (!isSameOrigin(request)) {
    return { ok: false, formErrors: ["errors.csrf"], fieldErrors: {}, values };
  }
  // PostgreSQL text cannot hold NUL and no keyboard types it: refuse the form rather than fail the insert.
  if ([...formData.values()].some((value) => typeof value === "string" && value.includes("\u0000"))) {
    for (const name of Object.keys(values)) values[name] = values[name].replaceAll("\u0000", "");
    return { ok: false, formErrors: ["errors.invalidCharacters"], fieldErrors: {}, values };
  }
  const result = schema.safeParse(fieldsOf(formData, lists));
  if (result.success) return { ok: true, data: result.data, values };
  const fieldErrors: Partial<Record<string, MessageKey[]>> = {};
  const formErrors: MessageKey[] = [];
  for (const issue of result.error.issues) {
    // A schema without its own message gives zod's English default, which is no message key: the
    // error summary would fail translating it, so it reads as the generic "invalid value".
    const key: MessageKey = isMessageKey(issue.message) ? issue.message : "errors.invalidValue";
    const field = issue.path[0];
    if (typeof field === "string") (fieldErrors[field] ??= []).push(key);
    else formErrors.push(key);
  }
  return { ok: false, formErrors, fieldErrors, values };
}

/**
 * The posted form's `intent`, one of the route's own: any other value (or none) is a hand-made
 * form, answered 400 the same way on every page rather than read as some default intent.
 */
export async function parseIntent<const I extends string>(request: Request, intents: readonly I[]): Promise<I> {
  const intent = (await readFormData(request)).get("intent");
  if (typeof intent === "string" && (intents as readonly string[]).includes(intent)) return intent as I;
  badRequest();
}

/**
 * A command's conflict that the user can correct in the form that caused it (votes closed, e-mail
 * taken): its message comes back as a FormFailure, a 400 that shows the form again. Anything else
 * is rethrown: not found and forbidden stay the 404 and 403 pages (ADR 016). Use in a catch block.
 */
export function conflictFailure(error: unknown, values: Record<string, string>): FormFailure {
  if (error instanceof ConflictError) return formFailure(values, { form: [error.messageKey] });
  throw error;
}

/** A failure found after parsing (wrong password, e-mail taken) in the same shape. */
export function formFailure(
  values: Record<string, string>,
  errors: { form?: MessageKey[]; fields?: Partial<Record<string, MessageKey[]>> },
): FormFailure {
  return { ok: false, formErrors: errors.form ?? [], fieldErrors: errors.fields ?? {}, values };
}

/** A parameter (name or value) holding NUL, which PostgreSQL text cannot store or compare. */
export function hasNulParameter(params: URLSearchParams) {
  for (const [name, value] of params) if (name.includes("\u0000") || value.includes("\u0000")) return true;
  return false;
}

/** A page's address with NUL in it is malformed: a 400 page saying so, not a database error. */
export function assertWellFormedQuery(url: URL) {
  if (hasNulParameter(url.searchParams)) badRequest("errors.malformedQuery");
}
