import type { useLoaderData } from "@remix-run/react";
import type { TaskStatus } from "../../domain/tasks";
import type { FormFailure } from "../../utils/form.server";
import type { loader } from "./route";

/** What the task page's loader gives its parts. */
export type LoaderData = ReturnType<typeof useLoaderData<typeof loader>>;

/**
 * A refused save's form; a stale one also tells the task's current version and status, so the form
 * the user retries from sends the new version even when the page's data was not reloaded.
 */
export type StaleFailure = FormFailure & { current: { version: number; status: TaskStatus } };

/** What the forms of the task section need from the page: the version to send and a refused form's values. */
export type FormState = {
  version: number;
  failure: FormFailure | undefined;
  values: Record<string, string>;
};
