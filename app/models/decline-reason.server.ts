import type { Transaction } from "kysely";
import { db } from "../../db/client.server";
import type { Database } from "../../db/schema";
import { can, type Actor } from "../auth/permissions";
import { ConflictError, ForbiddenError, NotFoundError } from "./errors.server";
import { recordEvent } from "./event.server";
import { inTransaction } from "./transaction.server";

/**
 * The coordinators' list of reasons a municipality may give for declining a task (issue 9). A
 * reason is added, renamed, retired or brought back, never deleted: a declined task keeps pointing
 * at the reason it gave, and shows it after the reason is retired. Each change is one transaction
 * with its event (the labels before and after).
 */

export class DeclineReasonNotFoundError extends NotFoundError {}

/** Another reason already reads so (in either language): two reasons a responder could not tell apart. */
export class DeclineReasonTakenError extends ConflictError {
  constructor() {
    super("errors.declineReasonLabelTaken");
  }
}

/** The last reason in use cannot be retired: responders could decline nothing. */
export class LastDeclineReasonError extends ConflictError {
  constructor() {
    super("errors.declineReasonLastActive");
  }
}

interface Labels {
  labelSv: string;
  labelEn: string;
}

function assertMayManage(actor: Actor) {
  if (!can(actor, "manage:decline-reason:any")) throw new ForbiddenError();
}

/** Every reason, in use first in the coordinators' order, with how many declined tasks gave it. */
export async function listDeclineReasonsForAdmin(input: { actor: Actor }) {
  assertMayManage(input.actor);
  return db
    .selectFrom("decline_reasons")
    .select((eb) => [
      "id",
      "label_sv as sv",
      "label_en as en",
      "active",
      "position",
      eb
        .selectFrom("tasks")
        .select((e) => e.fn.countAll<string>().as("n"))
        .whereRef("tasks.decline_reason_id", "=", "decline_reasons.id")
        .as("uses"),
    ])
    .orderBy("active", "desc")
    .orderBy("position")
    .orderBy("label_sv")
    .execute()
    .then((rows) => rows.map((row) => ({ ...row, uses: Number(row.uses ?? 0) })));
}

async function assertLabelsFree(trx: Transaction<Database>, labels: Labels, exceptId?: string) {
  const taken = await trx
    .selectFrom("decline_reasons")
    .select("id")
    .where((eb) =>
      eb.or([
        eb(eb.fn("lower", ["label_sv"]), "=", labels.labelSv.toLowerCase()),
        eb(eb.fn("lower", ["label_en"]), "=", labels.labelEn.toLowerCase()),
      ]),
    )
    .$if(exceptId !== undefined, (qb) => qb.where("id", "!=", exceptId!))
    .executeTakeFirst();
  if (taken) throw new DeclineReasonTakenError();
}

/** Lists are short and edited rarely: one lock for the whole list keeps two coordinators' checks and writes in turn. */
async function lockList(trx: Transaction<Database>) {
  await trx.selectFrom("decline_reasons").select("id").forUpdate().execute();
}

/** A new reason, offered to responders at once, last in the list. */
export async function addDeclineReason(input: { actor: Actor } & Labels, trx?: Transaction<Database>) {
  assertMayManage(input.actor);
  return inTransaction(trx, async (trx) => {
    await lockList(trx);
    await assertLabelsFree(trx, input);
    const last = await trx
      .selectFrom("decline_reasons")
      .select((eb) => eb.fn.max("position").as("position"))
      .executeTakeFirst();
    const created = await trx
      .insertInto("decline_reasons")
      .values({ label_sv: input.labelSv, label_en: input.labelEn, position: Number(last?.position ?? 0) + 1 })
      .returning("id")
      .executeTakeFirstOrThrow();
    await recordEvent(trx, {
      actorUserId: input.actor.id,
      entityType: "decline_reason",
      entityId: created.id,
      action: "add",
      toState: "active",
      data: { sv: input.labelSv, en: input.labelEn },
    });
    return created;
  });
}

async function lockReason(trx: Transaction<Database>, reasonId: string) {
  await lockList(trx);
  const reason = await trx
    .selectFrom("decline_reasons")
    .select(["id", "label_sv", "label_en", "active"])
    .where("id", "=", reasonId)
    .executeTakeFirst();
  if (!reason) throw new DeclineReasonNotFoundError();
  return reason;
}

/** New wording for a reason; tasks declined with it show the new wording, the event keeps the old. */
export async function renameDeclineReason(input: { actor: Actor; reasonId: string } & Labels, trx?: Transaction<Database>) {
  assertMayManage(input.actor);
  return inTransaction(trx, async (trx) => {
    const reason = await lockReason(trx, input.reasonId);
    if (reason.label_sv === input.labelSv && reason.label_en === input.labelEn) return { id: reason.id, changed: false };
    await assertLabelsFree(trx, input, reason.id);
    await trx
      .updateTable("decline_reasons")
      .set({ label_sv: input.labelSv, label_en: input.labelEn, updated_at: new Date() })
      .where("id", "=", reason.id)
      .execute();
    await recordEvent(trx, {
      actorUserId: input.actor.id,
      entityType: "decline_reason",
      entityId: reason.id,
      action: "rename",
      data: { from: { sv: reason.label_sv, en: reason.label_en }, to: { sv: input.labelSv, en: input.labelEn } },
    });
    return { id: reason.id, changed: true };
  });
}

/** Retires a reason (no longer offered; earlier declines keep it) or brings it back. */
export async function setDeclineReasonActive(input: { actor: Actor; reasonId: string; active: boolean }, trx?: Transaction<Database>) {
  assertMayManage(input.actor);
  return inTransaction(trx, async (trx) => {
    const reason = await lockReason(trx, input.reasonId);
    if (reason.active === input.active) return { id: reason.id, changed: false };
    if (!input.active) {
      const others = await trx
        .selectFrom("decline_reasons")
        .select("id")
        .where("active", "=", true)
        .where("id", "!=", reason.id)
        .executeTakeFirst();
      if (!others) throw new LastDeclineReasonError();
    }
    await trx.updateTable("decline_reasons").set({ active: input.active, updated_at: new Date() }).where("id", "=", reason.id).execute();
    await recordEvent(trx, {
      actorUserId: input.actor.id,
      entityType: "decline_reason",
      entityId: reason.id,
      action: input.active ? "restore" : "retire",
      fromState: reason.active ? "active" : "retired",
      toState: input.active ? "active" : "retired",
      data: { sv: reason.label_sv, en: reason.label_en },
    });
    return { id: reason.id, changed: true };
  });
}
