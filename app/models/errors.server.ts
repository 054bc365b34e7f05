import type { MessageKey } from "../i18n/translate";

/**
 * An expected failure of a command (ADR 016): the thing is not there, the caller may not touch it,
 * or its state does not allow the change. Commands throw one of these three kinds, never return a
 * status object or a boolean for it; anything else thrown is unexpected and becomes the 500 page.
 * `formAction` answers them with 404, 403 or 409 (app/utils/http.server.ts); a route that can show
 * the failure inside the form that caused it turns a conflict into a FormFailure with its key.
 */
export abstract class ExpectedFailure extends Error {
  abstract readonly status: 403 | 404 | 409;

  constructor(
    /** What the reader is told, in either language. */
    readonly messageKey: MessageKey,
    options?: { cause?: unknown },
  ) {
    super(messageKey, options);
    this.name = new.target.name;
  }
}

/** The thing named does not exist (or the caller may not know that it does): the 404 page. */
export class NotFoundError extends ExpectedFailure {
  readonly status = 404;
  constructor(messageKey: MessageKey = "error.404.text") {
    super(messageKey);
  }
}

/** The caller is signed in but the thing is not theirs to change: the 403 page. */
export class ForbiddenError extends ExpectedFailure {
  readonly status = 403;
  constructor(messageKey: MessageKey = "error.403.text") {
    super(messageKey);
  }
}

/** The thing's state does not allow the change (closed, already done, taken): 409, or the form's message. */
export class ConflictError extends ExpectedFailure {
  readonly status = 409;
}
