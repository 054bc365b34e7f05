import type { FormFailure } from "../../utils/form.server";

/** What each of the triage page's forms needs from a refused submission: its errors and the values sent. */
export type FormState = {
  failure: FormFailure | undefined;
  values: Record<string, string>;
};
