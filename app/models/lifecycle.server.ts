import { canTransition, type LifecycleEntity, type StatusOf } from "../domain/lifecycle";
import { ConflictError } from "./errors.server";

/** A command asked for a change its thing's lifecycle does not allow (app/domain/lifecycle.ts): 409. */
export class TransitionError extends ConflictError {
  constructor(
    readonly entity: LifecycleEntity,
    readonly from: string,
    readonly to: string,
  ) {
    super("errors.transitionNotAllowed");
    this.message = `A ${entity} cannot go from ${from} to ${to}`;
  }
}

/** The one check every status-changing command makes, against the one table of transitions. */
export function assertTransition<E extends LifecycleEntity>(entity: E, from: StatusOf<E>, to: StatusOf<E>): void {
  if (!canTransition(entity, from, to)) throw new TransitionError(entity, from, to);
}
