import { db } from "../../db/client.server";
import type { RequesterType, RequestStatus } from "../../db/schema";
import type { NewRequest } from "../../app/models/request.server";

/** What createRequest takes for a new request: a data request to every municipality. */
export function newRequestInput(overrides: Partial<NewRequest> = {}): NewRequest {
  return {
    kind: "data",
    title: "Badplatser och badvattenkvalitet",
    body: "Vi behöver badplatser med koordinater och senaste provtagning.",
    purpose: "En app för badgäster.",
    requesterType: "company",
    shownAs: "name",
    requesterOrganisationName: null,
    targetScope: "all",
    targetOrganisationIds: [],
    wishedFormat: null,
    updateFrequency: null,
    ...overrides,
  };
}

/** The fields of the new-request form (requests.new) as a browser posts them, submitted. */
export function requestForm(extra: Record<string, string> = {}): Record<string, string> {
  return {
    title: "Badplatser i Borås",
    body: "Var finns badplatserna?",
    purpose: "En app för badgäster.",
    requesterType: "company",
    shownAs: "name",
    requesterOrganisationName: "",
    targetScope: "all",
    wishedFormat: "",
    updateFrequency: "",
    intent: "submit",
    ...extra,
  };
}

/**
 * Requests inserted directly, in any state, for tests of whatever reads them (the register, the
 * request page, triage, search). Written like a state change writes them: the row, its targets
 * and a search outbox row in one transaction (pass `index: false` to leave the outbox alone).
 *
 * Counters are set as given: `votes` sets `vote_count` without vote rows (those need users); pass
 * `voterIds` for real vote rows (the count follows them unless `votes` says otherwise). `comments`
 * inserts that many comments without an author and sets `comment_count`.
 */
export interface TestRequestInput {
  title?: string;
  body?: string;
  purpose?: string;
  kind?: "data" | "survey";
  status?: RequestStatus;
  statusReason?: string | null;
  /** Municipalities (or the region, "14") by kommunkod; makes the scope "chosen" unless given. */
  targetKommunkoder?: string[];
  /**
   * "all", "chosen" or "region"; default "chosen" with `targetKommunkoder`, else "all". Without
   * `targetKommunkoder` the target rows are written as createRequest writes them: every
   * municipality for "all", the region for "region".
   */
  targetScope?: "all" | "chosen" | "region";
  tags?: string[];
  votes?: number;
  voterIds?: string[];
  comments?: number;
  followers?: number;
  requesterUserId?: string | null;
  requesterType?: RequesterType;
  requesterShownAs?: "name" | "organisation" | "anonymous";
  requesterOrganisationName?: string | null;
  duplicateOf?: string | null;
  dueDate?: string | null;
  createdAt?: Date | string;
  answeredAt?: Date | string | null;
  /** Write a search outbox row, as the model's commands do (default true). */
  index?: boolean;
}

let counter = 0;

export async function createTestRequest(input: TestRequestInput = {}) {
  counter += 1;
  const kommunkoder = input.targetKommunkoder ?? [];
  const targetScope = input.targetScope ?? (kommunkoder.length ? "chosen" : "all");
  const organisations = kommunkoder.length
    ? await db.selectFrom("organisations").select(["id", "kommunkod"]).where("kommunkod", "in", kommunkoder).execute()
    : targetScope === "chosen"
      ? []
      : await db
          .selectFrom("organisations")
          .select(["id", "kommunkod"])
          .where("type", "=", targetScope === "region" ? "region" : "municipality")
          .execute();
  const missing = kommunkoder.filter((code) => !organisations.some((o) => o.kommunkod === code));
  if (missing.length) throw new Error(`createTestRequest: no organisation with kommunkod ${missing.join(", ")}`);
  const createdAt = input.createdAt ?? new Date();
  const voterIds = input.voterIds ?? [];

  return db.transaction().execute(async (trx) => {
    const request = await trx
      .insertInto("requests")
      .values({
        kind: input.kind ?? "data",
        title: input.title ?? `Testförfrågan ${counter}`,
        body: input.body ?? "Vi behöver uppgifter för ett test.",
        purpose: input.purpose ?? "Att pröva portalen.",
        requester_user_id: input.requesterUserId ?? null,
        requester_type: input.requesterType ?? "company",
        requester_shown_as: input.requesterShownAs ?? "name",
        requester_organisation_name: input.requesterOrganisationName ?? null,
        target_scope: targetScope,
        status: input.status ?? "open",
        status_reason: input.statusReason ?? null,
        duplicate_of: input.duplicateOf ?? null,
        due_date: input.dueDate ?? null,
        tags: input.tags ?? [],
        vote_count: input.votes ?? voterIds.length,
        comment_count: input.comments ?? 0,
        follower_count: input.followers ?? 0,
        created_at: createdAt,
        updated_at: createdAt,
        answered_at: input.answeredAt ?? null,
      })
      .returning(["id", "number", "title", "status"])
      .executeTakeFirstOrThrow();
    if (organisations.length) {
      await trx
        .insertInto("request_targets")
        .values(organisations.map((o) => ({ request_id: request.id, organisation_id: o.id })))
        .execute();
    }
    if (voterIds.length) {
      await trx
        .insertInto("votes")
        .values(voterIds.map((user_id) => ({ request_id: request.id, user_id })))
        .execute();
    }
    if (input.comments) {
      await trx
        .insertInto("comments")
        .values(Array.from({ length: input.comments }, (_, i) => ({ request_id: request.id, body: `Kommentar ${i + 1}` })))
        .execute();
    }
    if (input.index !== false) {
      await trx.insertInto("search_outbox").values({ entity_type: "request", entity_id: request.id }).execute();
    }
    return request;
  });
}

/** Moves a request to another status (no checks: tests set up states), with its outbox row. */
export async function setTestRequestStatus(id: string, status: RequestStatus, options: { answeredAt?: Date | null } = {}) {
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable("requests")
      .set({ status, updated_at: new Date(), ...(options.answeredAt !== undefined ? { answered_at: options.answeredAt } : {}) })
      .where("id", "=", id)
      .execute();
    await trx.insertInto("search_outbox").values({ entity_type: "request", entity_id: id }).execute();
  });
}
