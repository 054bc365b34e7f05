import type { RequestStatus, TaskStatus } from "../../schema";
import type { DemoRequest } from "./content";

export const DAY = 86_400_000;
export const MINUTE = 60_000;

/** A small seeded PRNG (mulberry32), so the demo register is the same on every fresh start. */
function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export type Timeline = ReturnType<typeof createTimeline>;

/**
 * The demo register's clock and dice: every moment is counted back from `today`, and one seeded
 * random sequence is drawn in a fixed order, so the same day gives the same register.
 */
export function createTimeline(today: string) {
  const [year, month, date] = today.split("-").map(Number);
  const midnight = Date.UTC(year, month - 1, date);
  const random = prng(20261122);
  return {
    random,
    /** A working-hours moment (07–17 UTC) `daysAgo` days before today; never today or later. */
    moment(daysAgo: number) {
      if (daysAgo < 1) throw new Error(`Demo request timeline reaches today (${daysAgo} days ago)`);
      return new Date(midnight - daysAgo * DAY + (7 * 60 + Math.floor(random() * 600)) * MINUTE);
    },
    between(from: Date, to: Date) {
      return new Date(from.getTime() + random() * Math.max(0, to.getTime() - from.getTime()));
    },
    yesterday: new Date(midnight - DAY + 17 * 60 * MINUTE),
    pick<T>(items: readonly T[]): T {
      return items[Math.floor(random() * items.length)];
    },
    shuffled<T>(items: readonly T[]): T[] {
      const copy = [...items];
      for (let i = copy.length - 1; i > 0; i--) {
        const j = Math.floor(random() * (i + 1));
        [copy[i], copy[j]] = [copy[j], copy[i]];
      }
      return copy;
    },
  };
}

export function isoDay(date: Date) {
  return date.toISOString().slice(0, 10);
}

export type Step = { action: string; to: RequestStatus; actor: "requester" | "coordinator" | "system" };

/** The transitions after submission that lead to each status (DESIGN.md's lifecycle). */
export function pathOf(request: DemoRequest): Step[] {
  const route: Step = { action: "route", to: "open", actor: "coordinator" };
  const answer: Step = { action: "answer", to: "answered", actor: "system" };
  switch (request.status) {
    case "submitted":
    case "answered_by_existing_data":
      return [];
    case "open":
      return [route];
    case "answered":
      return [route, answer];
    case "partly_answered":
      return [route, { action: "partly_answer", to: "partly_answered", actor: "coordinator" }];
    case "closed":
      return [route, answer, { action: "close", to: "closed", actor: "coordinator" }];
    case "duplicate":
      return [{ action: "mark_duplicate", to: "duplicate", actor: "coordinator" }];
    case "rejected":
      return [{ action: "reject", to: "rejected", actor: "coordinator" }];
    case "withdrawn":
      return [{ action: "withdraw", to: "withdrawn", actor: "requester" }];
  }
}

export const finishedTaskAction: Record<Exclude<TaskStatus, "pending" | "in_progress">, string> = {
  answered: "answer",
  published: "publish",
  not_held: "not_held",
  declined: "decline",
};
