/**
 * The words of a task, one per request × organisation asked (DESIGN.md, "Lifecycles"); plain
 * values the browser may import. The lifecycle is in ./lifecycle.ts. ADR 017.
 */

export const taskStatuses = ["pending", "in_progress", "answered", "published", "not_held", "declined"] as const;
export type TaskStatus = (typeof taskStatuses)[number];

/**
 * The outcomes: the organisation has done its part (an answer, a publication, "we hold no such
 * data" or a reasoned refusal). A done task is not overdue, and a request whose every task is done
 * is answered. A done task may be reopened by its organisation, so "done" is not "final".
 */
export const taskDoneStatuses = ["answered", "published", "not_held", "declined"] as const satisfies readonly TaskStatus[];
export type TaskDoneStatus = (typeof taskDoneStatuses)[number];

export function isTaskDone(status: TaskStatus): status is TaskDoneStatus {
  return (taskDoneStatuses as readonly TaskStatus[]).includes(status);
}

/** The request's status that its tasks imply (every task done → answered, some → partly answered). */
export function requestStatusFromTasks(statuses: readonly TaskStatus[]): "open" | "partly_answered" | "answered" {
  const done = statuses.filter(isTaskDone).length;
  if (statuses.length > 0 && done === statuses.length) return "answered";
  return done > 0 ? "partly_answered" : "open";
}

/** The inbox's due-date filter: overdue, or due within so many Swedish working days. */
export const inboxDueFilters = ["overdue", "5", "10", "20"] as const;
export type InboxDueFilter = (typeof inboxDueFilters)[number];

/** The longest answer, explanation or reason a task takes. */
export const TASK_TEXT_MAX_LENGTH = 10_000;
