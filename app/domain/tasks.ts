/**
 * The words of a task, one per request × organisation asked (DESIGN.md, "Lifecycles"); plain
 * values the browser may import. The lifecycle is in ./lifecycle.ts. ADR 017.
 */

import type { RequestStatus } from "./requests";

/**
 * The furthest a request's due date may be set: as many working days from today (about six
 * months), whether given as a number of days or as a date.
 */
export const MAX_DUE_WORKING_DAYS = 120;

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

/** The statuses still waiting for the organisation's outcome: the rest (taskDoneStatuses) are done. */
export const openTaskStatuses = taskStatuses.filter((status) => !isTaskDone(status)) as readonly Exclude<TaskStatus, TaskDoneStatus>[];

/**
 * The request statuses in which its tasks still take work: routed, and not closed, merged away or
 * withdrawn. In any other the tasks take no answers, and none of them is overdue.
 */
export const requestStatusesOpenToTasks = ["open", "partly_answered", "answered"] as const satisfies readonly RequestStatus[];

export function isRequestOpenToTasks(status: RequestStatus) {
  return (requestStatusesOpenToTasks as readonly RequestStatus[]).includes(status);
}

/** Overdue: not done, its request still open to tasks, and the due date (YYYY-MM-DD) before today. */
export function isTaskOverdue(task: { status: TaskStatus; dueDate: string }, requestStatus: RequestStatus, today: string) {
  return !isTaskDone(task.status) && isRequestOpenToTasks(requestStatus) && task.dueDate < today;
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

/** The longest text of a decline reason, in either language: a choice in a list, not an explanation. */
export const DECLINE_REASON_MAX_LENGTH = 200;
