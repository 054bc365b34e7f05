/**
 * The words of a task, one per request × organisation asked (DESIGN.md, "Lifecycles"); plain
 * values the browser may import. The lifecycle is in ./lifecycle.ts. ADR 017.
 */

export const taskStatuses = ["pending", "in_progress", "answered", "published", "not_held", "declined"] as const;
export type TaskStatus = (typeof taskStatuses)[number];
