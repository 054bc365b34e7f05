import { sql } from "kysely";
import { describe, expect, expectTypeOf, it } from "vitest";
import { db } from "../../db/client.server";
import type * as Db from "../../db/schema";
import { canTransition, isFinal, transitions } from "../../app/domain/lifecycle";
import {
  asksOrganisation,
  isTargetableOrganisation,
  organisationsAsked,
  requesterShownAs,
  requesterTypes,
  requestKinds,
  requestStatuses,
  targetableOrganisationTypes,
  targetScopes,
  type RequesterShownAs,
  type RequesterType,
  type RequestKind,
  type RequestStatus,
  type TargetableOrganisationType,
  type TargetScope,
} from "../../app/domain/requests";
import { isTaskDone, requestStatusFromTasks, taskDoneStatuses, taskStatuses, type TaskStatus } from "../../app/domain/tasks";
import { organisationTypes, type OrganisationType } from "../../app/domain/organisations";
import { mailDeliveries, preferenceMailKinds, type MailDelivery } from "../../app/domain/mail";
import {
  specificationOrigins,
  specificationStatuses,
  type SpecificationOrigin,
  type SpecificationStatus,
} from "../../app/domain/specifications";
import {
  contentReportReasons,
  contentReportResolutions,
  type ContentReportReason,
  type ContentReportResolution,
} from "../../app/domain/moderation";
import { translate } from "../../app/i18n/translate";
import { requestStatusLabel, taskStatusLabel } from "../../app/i18n/status.messages";

describe("the domain's words", () => {
  it("are the database's words: db/schema.ts's column types equal app/domain's (checked by tsc)", () => {
    // db/ imports nothing from app/, so the two are written twice; these fail to compile when they part.
    expectTypeOf<Db.RequestStatus>().toEqualTypeOf<RequestStatus>();
    expectTypeOf<Db.RequestKind>().toEqualTypeOf<RequestKind>();
    expectTypeOf<Db.RequesterType>().toEqualTypeOf<RequesterType>();
    expectTypeOf<Db.RequesterShownAs>().toEqualTypeOf<RequesterShownAs>();
    expectTypeOf<Db.TargetScope>().toEqualTypeOf<TargetScope>();
    expectTypeOf<Db.TaskStatus>().toEqualTypeOf<TaskStatus>();
    expectTypeOf<Db.RequestTable["target_scope"]>().toEqualTypeOf<TargetScope>();
    expectTypeOf<TargetableOrganisationType>().toExtend<Db.OrganisationType>();
    expectTypeOf<Db.OrganisationType>().toEqualTypeOf<OrganisationType>();
    expectTypeOf<Db.MailDelivery>().toEqualTypeOf<MailDelivery>();
    expectTypeOf<Db.SpecificationStatus>().toEqualTypeOf<SpecificationStatus>();
    expectTypeOf<Db.SpecificationOrigin>().toEqualTypeOf<SpecificationOrigin>();
    expectTypeOf<Db.ContentReportReason>().toEqualTypeOf<ContentReportReason>();
    expectTypeOf<Db.ContentReportResolution>().toEqualTypeOf<ContentReportResolution>();
  });

  it("are the values the database's CHECK constraints accept", async () => {
    const allowed = async (table: string, column: string) => {
      // Raw SQL: the catalogue's constraint text is what the migrations wrote.
      const { rows } = await sql<{ definition: string }>`
        SELECT pg_get_constraintdef(c.oid) AS definition FROM pg_constraint c
        JOIN pg_class t ON t.oid = c.conrelid
        WHERE t.relname = ${table} AND c.contype = 'c' AND pg_get_constraintdef(c.oid) LIKE ${`%(${column} = %`}`.execute(db);
      expect(rows, `${table}.${column}`).toHaveLength(1);
      return [...rows[0].definition.matchAll(/'([^']+)'/g)].map((match) => match[1]).sort();
    };
    expect(await allowed("requests", "status")).toEqual([...requestStatuses].sort());
    expect(await allowed("requests", "kind")).toEqual([...requestKinds].sort());
    expect(await allowed("requests", "requester_type")).toEqual([...requesterTypes].sort());
    expect(await allowed("requests", "requester_shown_as")).toEqual([...requesterShownAs].sort());
    expect(await allowed("requests", "target_scope")).toEqual([...targetScopes].sort());
    expect(await allowed("tasks", "status")).toEqual([...taskStatuses].sort());
    expect(await allowed("organisations", "type")).toEqual([...organisationTypes].sort());
    expect(await allowed("mail_preferences", "kind")).toEqual([...preferenceMailKinds].sort());
    expect(await allowed("mail_preferences", "delivery")).toEqual([...mailDeliveries].sort());
    expect(await allowed("content_reports", "reason")).toEqual([...contentReportReasons].sort());
    expect(await allowed("content_reports", "resolution")).toEqual([...contentReportResolutions].sort());
    expect(await allowed("specifications", "status")).toEqual([...specificationStatuses].sort());
    expect(await allowed("specifications", "origin")).toEqual([...specificationOrigins].sort());
  });
});

describe("the lifecycles", () => {
  it("name every status, and only known ones", () => {
    expect(Object.keys(transitions.request).sort()).toEqual([...requestStatuses].sort());
    expect(Object.keys(transitions.task).sort()).toEqual([...taskStatuses].sort());
    for (const next of Object.values(transitions.request)) for (const to of next) expect(requestStatuses).toContain(to);
    for (const next of Object.values(transitions.task)) for (const to of next) expect(taskStatuses).toContain(to);
    expect(Object.keys(transitions.specification).sort()).toEqual([...specificationStatuses].sort());
    for (const next of Object.values(transitions.specification)) for (const to of next) expect(specificationStatuses).toContain(to);
  });

  it("follow DESIGN.md: submitted → open → answered | partly_answered → closed, side exits, and final statuses", () => {
    expect(canTransition("request", "submitted", "open")).toBe(true);
    expect(canTransition("request", "open", "partly_answered")).toBe(true);
    expect(canTransition("request", "partly_answered", "answered")).toBe(true);
    expect(canTransition("request", "answered", "closed")).toBe(true);
    expect(canTransition("request", "open", "submitted")).toBe(false);
    expect(canTransition("request", "open", "rejected")).toBe(false);
    expect(canTransition("request", "submitted", "answered")).toBe(false);
    // The statuses in which a request takes no more votes, merges or routing (the old closedStatuses list).
    expect(requestStatuses.filter((status) => isFinal("request", status))).toEqual([
      "closed",
      "answered_by_existing_data",
      "duplicate",
      "rejected",
      "withdrawn",
    ]);
  });

  it("take a task from pending through in_progress to one outcome, which only a reopening leaves", () => {
    expect(canTransition("task", "pending", "in_progress")).toBe(true);
    for (const outcome of taskDoneStatuses) {
      expect(canTransition("task", "in_progress", outcome)).toBe(true);
      expect(canTransition("task", outcome, "in_progress")).toBe(true);
      expect(canTransition("task", "pending", outcome)).toBe(false);
      for (const other of taskDoneStatuses) expect(canTransition("task", outcome, other)).toBe(false);
    }
    expect(canTransition("task", "in_progress", "pending")).toBe(false);
    expect(taskStatuses.filter((status) => !isTaskDone(status))).toEqual(["pending", "in_progress"]);
  });

  it("let a request's status follow its tasks", () => {
    expect(requestStatusFromTasks(["pending", "in_progress"])).toBe("open");
    expect(requestStatusFromTasks(["answered", "in_progress"])).toBe("partly_answered");
    expect(requestStatusFromTasks(["answered", "declined", "not_held", "published"])).toBe("answered");
    expect(requestStatusFromTasks([])).toBe("open");
    for (const [from, to] of [
      ["open", "answered"],
      ["answered", "partly_answered"],
      ["partly_answered", "open"],
      ["answered", "open"],
    ] as const) {
      expect(canTransition("request", from, to)).toBe(true);
    }
  });
});

describe("whom a request asks", () => {
  const organisations = [
    { id: "boras", type: "municipality" },
    { id: "skovde", type: "municipality" },
    { id: "vgr", type: "region" },
    { id: "acme", type: "company" },
  ];

  it("all: every municipality; region: the region; chosen: the chosen municipalities or region, never another kind of organisation", () => {
    expect(organisationsAsked("all", organisations).map((o) => o.id)).toEqual(["boras", "skovde"]);
    expect(organisationsAsked("region", organisations).map((o) => o.id)).toEqual(["vgr"]);
    expect(organisationsAsked("chosen", organisations, ["skovde", "vgr", "acme"]).map((o) => o.id)).toEqual(["skovde", "vgr"]);
    expect(organisationsAsked("chosen", organisations)).toEqual([]);
    expect(asksOrganisation("all", { id: "acme", type: "company" })).toBe(false);
    expect(organisations.filter(isTargetableOrganisation).map((o) => o.type)).toEqual(["municipality", "municipality", "region"]);
    expect(targetableOrganisationTypes).toEqual(["municipality", "region"]);
  });
});

describe("status labels", () => {
  it("one label per status in each language, the register's wording for an open request", () => {
    for (const locale of ["sv", "en"] as const) {
      const labels = requestStatuses.map((status) => translate(locale, requestStatusLabel(status)));
      expect(new Set(labels).size, locale).toBe(requestStatuses.length);
      for (const status of taskStatuses) expect(translate(locale, taskStatusLabel(status))).not.toBe("");
    }
    expect(translate("sv", requestStatusLabel("open"))).toBe("Öppen, skickad till kommunerna");
    expect(translate("en", requestStatusLabel("open"))).toBe("Open, sent to the municipalities");
  });
});
