import type { Transaction } from "kysely";
import { db } from "../../db/client.server";
import type { Database } from "../../db/schema";

/**
 * Runs a command in the caller's transaction when given one, else in a transaction of its own. A
 * command that is one step of a larger change (supporting a request is a vote and a follow) then
 * commits or rolls back with the rest of it, audit events and queued work included.
 */
export function inTransaction<T>(trx: Transaction<Database> | undefined, work: (trx: Transaction<Database>) => Promise<T>): Promise<T> {
  return trx ? work(trx) : db.transaction().execute(work);
}
