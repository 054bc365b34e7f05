import type { RequestKind, RequestStatus } from "./requests";
import type { SpecificationStatus } from "./specifications";
import type { TaskStatus } from "./tasks";

/**
 * Which status may follow which, for each thing that has a lifecycle, written down once
 * (DESIGN.md, "Lifecycles"; Fider keeps its post statuses the same way). Every command that
 * changes a status asks `assertTransition` (app/models/lifecycle.server.ts, which throws the
 * 409 of ADR 016); pages ask `canTransition` to offer only what the command would accept. A status with nowhere to go is final. ADR 017.
 */
export const transitions = {
  request: {
    submitted: ["open", "duplicate", "rejected", "withdrawn"],
    open: ["answered", "partly_answered", "duplicate", "withdrawn", "closed"],
    // A reopened task takes an answered request back (its status follows its tasks).
    answered: ["partly_answered", "open", "closed"],
    partly_answered: ["answered", "open", "closed"],
    closed: [],
    // A coordinator may still reject it as unfit (spam): nothing routes it, so nothing else would (ADR 040).
    answered_by_existing_data: ["rejected"],
    duplicate: [],
    rejected: [],
    withdrawn: [],
  },
  task: {
    pending: ["in_progress"],
    in_progress: ["answered", "published", "not_held", "declined"],
    // Reopened by its own organisation, with a reason.
    answered: ["in_progress"],
    published: ["in_progress"],
    not_held: ["in_progress"],
    declined: ["in_progress"],
  },
  // Issue 14: a retired specification stays retired; a new version is a new specification.
  specification: {
    proposed: ["adopted", "retired"],
    adopted: ["retired"],
    retired: [],
  },
} as const satisfies {
  request: Record<RequestStatus, readonly RequestStatus[]>;
  task: Record<TaskStatus, readonly TaskStatus[]>;
  specification: Record<SpecificationStatus, readonly SpecificationStatus[]>;
};

export type LifecycleEntity = keyof typeof transitions;
export type StatusOf<E extends LifecycleEntity> = keyof (typeof transitions)[E] & string;

export function canTransition<E extends LifecycleEntity>(entity: E, from: StatusOf<E>, to: StatusOf<E>): boolean {
  const next = (transitions[entity] as Record<string, readonly string[]>)[from];
  return next !== undefined && next.includes(to);
}

/**
 * A status nothing leaves but a coordinator's rejection of an unfit request (moderation, ADR 040):
 * the request takes no more votes, merges or routing.
 */
export function isFinal<E extends LifecycleEntity>(entity: E, status: StatusOf<E>): boolean {
  const next = (transitions[entity] as Record<string, readonly string[]>)[status] ?? [];
  return next.every((to) => entity === "request" && to === "rejected");
}

/**
 * Whether a coordinator may reject the request: where the lifecycle allows it, and only a request
 * for data — a survey is its sender's, closed from its own page (ADR 026), even one every
 * recipient had already answered.
 */
export function isRejectable(request: { status: RequestStatus; kind: RequestKind }): boolean {
  return request.kind === "data" && canTransition("request", request.status, "rejected");
}
