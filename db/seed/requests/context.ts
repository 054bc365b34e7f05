import type { Insertable, Transaction } from "kysely";
import type { Database } from "../../schema";
import type { Timeline } from "./timeline";
import type { DemoUsers } from "./users";

export interface DemoRequestOptions {
  /**
   * The day the demo register is "current" on (YYYY-MM-DD), usually today in Sweden
   * (app/utils/dates.ts); db/ imports nothing from app/, so the caller passes it.
   */
  today: string;
  /**
   * Swedish working days (app/utils/working-days.ts); db/ imports nothing from app/, so the
   * caller passes it.
   */
  addWorkingDays: (from: string, workingDays: number) => string;
  /**
   * Mails the requester and followers about these tasks' outcomes through the app's mail templates
   * and outbox (app/models/task.server.ts, mailTaskOutcomes); db/ imports nothing from app/, so the
   * caller passes it. Without it the seed writes no mail.
   */
  mailTaskOutcomes?: (trx: Transaction<Database>, taskIds: string[]) => Promise<unknown>;
}

export type LinkedDataset = { id: string; title: string };
type Link = Omit<Insertable<Database["request_datasets"]>, "request_id" | "dataset_id">;

/**
 * Rows written at the end, in bulk: the audit events of every state change, the time-saved ledger
 * and the datasets linked to requests (each request × dataset once).
 */
export function createRows(datasets: Map<string, LinkedDataset>) {
  const links = new Map<string, Insertable<Database["request_datasets"]>>();
  return {
    events: [] as Insertable<Database["events"]>[],
    timeSaved: [] as Insertable<Database["time_saved"]>[],
    /** The datasets each task's answer links. */
    taskLinks: [] as Insertable<Database["task_datasets"]>[],
    /** Done tasks of the demo responder's organisation (Borås), whose outcome is mailed. */
    mailedTasks: [] as string[],
    links,
    link(requestId: string, datasetUri: string | undefined, row: Link) {
      const dataset = datasetUri ? datasets.get(datasetUri) : undefined;
      const key = `${requestId} ${dataset?.id}`;
      if (dataset && !links.has(key)) links.set(key, { request_id: requestId, dataset_id: dataset.id, ...row });
      return dataset;
    },
  };
}

/** What every step of the demo seed reads and adds to, inside its one transaction. */
export interface SeedContext {
  trx: Transaction<Database>;
  options: DemoRequestOptions;
  time: Timeline;
  users: DemoUsers;
  datasets: Map<string, LinkedDataset>;
  assumptions: { version: number; minutes: number };
  /** The coordinators' decline reasons by their place in the list (decline_reasons.position). */
  declineReasons: Map<number, string>;
  rows: ReturnType<typeof createRows>;
  /** The requests written so far, by their key in content.ts. */
  ids: Map<string, { id: string; number: number }>;
}
