import { beforeAll, describe, expect, it } from "vitest";
import { sql } from "kysely";
import { db } from "../../db/client.server";
import { getOrCreateCatalogueSource } from "../../app/models/catalogue-source.server";
import { harvestCatalogueSource } from "../../app/models/harvest.server";
import { acceptDatasetAsAnswer } from "../../app/models/request.server";
import { createPostgresEngine } from "../../search/engines/postgres/engine.server";
import { drainOutbox } from "../../search/indexing/outbox.server";
import {
  decay,
  learnAssociations,
  learnedScores,
  LEARNING_HALF_LIFE_DAYS,
  type LearningCatalogue,
  type TaughtRow,
} from "../../search/learning/associations";
import { createLearnedIndex } from "../../search/learning/learned.server";
import { fuseLearning } from "../../search/matching/fusion";
import type { LearningTables } from "../../search/learning/tables";
import { catalogFixture } from "../support/catalogs";
import { newRequestInput } from "../factories/request";
import { createTestUser } from "../factories/user";

/**
 * Learning from use (issue 11, ADR 032). The words taught here are in no evaluation request and
 * in no catalogue text ("plaskdamm", "pulkabacke").
 */

const DAY = 86_400_000;
const now = new Date("2026-12-01T12:00:00Z");
const ago = (days: number) => new Date(now.getTime() - days * DAY);

/** A toy catalogue: two playgrounds of different municipalities share the kind "lekplatser". */
const kinds: Record<string, string[]> = {
  borasPlay: ["kw:lekplatser", "kw:barn"],
  uddevallaPlay: ["kw:lekplatser", "kw:fritid"],
  skovdePlay: ["kw:lekplatser"],
  borasParks: ["kw:parker", "kw:fritid"],
};
const catalogue: LearningCatalogue & { datasetsOf(kind: string): string[] } = {
  kindsOf: (id) => kinds[id] ?? [],
  specificity: (kind) => (kind === "kw:fritid" ? 0.3 : 0.8),
  datasetsOf: (kind) => Object.keys(kinds).filter((id) => kinds[id]!.includes(kind)),
};
/** A user taught the stem; by default in words they wrote themselves (a requester accepting a dataset). */
const taught = (userId: string, datasetId: string, when = now, stem = "plaskdamm", writerId: string | null = userId): TaughtRow => ({
  stem,
  datasetId,
  userId,
  writerId,
  newest: when,
});

describe("associations learned from evidence", () => {
  it("learns nothing from one user alone, however often they repeat it", () => {
    const rows = Array.from({ length: 5 }, () => taught("anna", "borasPlay"));
    const learned = learnAssociations(rows, catalogue, { now });
    expect(learned.words.size).toBe(0);
    expect(learnedScores(learned, ["plaskdamm"], catalogue).size).toBe(0);
  });

  it("learns nothing from one writer's words, however many people taught them (a responder linked, a coordinator merged a near-copy)", () => {
    // Requester anna wrote both requests; a responder linked the dataset, a coordinator merged her near-copy.
    const merged = [
      taught("responder", "borasPlay", now, "plaskdamm", "anna"),
      taught("coordinator", "borasPlay", now, "plaskdamm", "anna"),
    ];
    expect(learnAssociations(merged, catalogue, { now }).words.size).toBe(0);
    // One request sent to two municipalities, each linking its own dataset of the same kind.
    const twoMunicipalities = [
      taught("borasResponder", "borasPlay", now, "plaskdamm", "anna"),
      taught("uddevallaResponder", "uddevallaPlay", now, "plaskdamm", "anna"),
    ];
    expect(learnAssociations(twoMunicipalities, catalogue, { now }).words.size).toBe(0);
    // Words whose writer is unknown (an account since removed) count for no writer.
    expect(
      learnAssociations([taught("x", "borasPlay", now, "plaskdamm", null), taught("y", "borasPlay", now, "plaskdamm", null)], catalogue, {
        now,
      }).words.size,
    ).toBe(0);
    // A second writer, answered by the same two people: learned.
    const twoWriters = [
      taught("responder", "borasPlay", now, "plaskdamm", "anna"),
      taught("coordinator", "borasPlay", now, "plaskdamm", "bertil"),
    ];
    expect(learnAssociations(twoWriters, catalogue, { now }).words.get("plaskdamm")!.datasets.get("borasPlay")).toBeCloseTo(2 / 3, 5);
  });

  it("counts a writer once: more people teaching one writer's words cannot raise an association beyond its writers", () => {
    const two = learnAssociations([taught("anna", "borasPlay"), taught("bertil", "borasPlay")], catalogue, { now });
    const moreTeachers = learnAssociations(
      [taught("anna", "borasPlay"), taught("bertil", "borasPlay"), taught("responder", "borasPlay", now, "plaskdamm", "anna")],
      catalogue,
      { now },
    );
    const score = (l: typeof two) => learnedScores(l, ["plaskdamm"], catalogue).get("borasPlay")!;
    expect(score(moreTeachers)).toBeCloseTo(score(two), 10);
  });

  it("learns from two distinct users, both the dataset itself and datasets of its kind", () => {
    const learned = learnAssociations([taught("anna", "borasPlay"), taught("bertil", "borasPlay")], catalogue, { now });
    const word = learned.words.get("plaskdamm")!;
    expect(word.users).toBe(2);
    // Two of two users chose it: share 1, confidence 2/3.
    expect(word.datasets.get("borasPlay")).toBeCloseTo(2 / 3, 5);
    const scores = learnedScores(learned, ["plaskdamm"], catalogue);
    expect(scores.get("borasPlay")).toBeCloseTo(2 / 3, 5);
    // Another municipality's playground shares the kind the users taught, not all of its profile.
    expect(scores.get("skovdePlay")).toBeGreaterThan(0.3);
    expect(scores.get("skovdePlay")).toBeLessThan(scores.get("borasPlay")!);
    expect(scores.has("borasParks")).toBe(false);
  });

  it("teaches a kind when two users taught two datasets of it, though neither dataset on its own", () => {
    const learned = learnAssociations([taught("anna", "borasPlay"), taught("bertil", "uddevallaPlay")], catalogue, { now });
    const word = learned.words.get("plaskdamm")!;
    expect(word.datasets.size).toBe(0);
    expect([...word.kinds.keys()]).toContain("kw:lekplatser");
    expect(learnedScores(learned, ["plaskdamm"], catalogue).get("skovdePlay")).toBeGreaterThan(0.4);
  });

  it("counts a user once: repeating cannot raise an association, a third user can", () => {
    const two = learnAssociations([taught("anna", "borasPlay"), taught("bertil", "borasPlay")], catalogue, { now });
    const repeated = learnAssociations(
      [...Array.from({ length: 10 }, () => taught("anna", "borasPlay")), taught("bertil", "borasPlay")],
      catalogue,
      { now },
    );
    const three = learnAssociations(
      [taught("anna", "borasPlay"), taught("bertil", "borasPlay"), taught("cecilia", "borasPlay")],
      catalogue,
      {
        now,
      },
    );
    const score = (l: typeof two) => learnedScores(l, ["plaskdamm"], catalogue).get("borasPlay")!;
    expect(score(repeated)).toBeCloseTo(score(two), 10);
    expect(score(three)).toBeGreaterThan(score(two));
  });

  it("decays: evidence one half-life old weighs half, and old teaching fades", () => {
    expect(decay(LEARNING_HALF_LIFE_DAYS * DAY)).toBeCloseTo(0.5, 10);
    expect(decay(0)).toBe(1);
    const fresh = learnAssociations([taught("anna", "borasPlay"), taught("bertil", "borasPlay")], catalogue, { now });
    const old = learnAssociations(
      [taught("anna", "borasPlay", ago(LEARNING_HALF_LIFE_DAYS)), taught("bertil", "borasPlay", ago(LEARNING_HALF_LIFE_DAYS))],
      catalogue,
      { now },
    );
    const ancient = learnAssociations([taught("anna", "borasPlay", ago(3650)), taught("bertil", "borasPlay", ago(3650))], catalogue, {
      now,
    });
    // Two users at half weight each: 1 weighted user, confidence 1/2 instead of 2/3.
    expect(old.words.get("plaskdamm")!.datasets.get("borasPlay")).toBeCloseTo(0.5, 5);
    expect(fresh.words.get("plaskdamm")!.datasets.get("borasPlay")).toBeGreaterThan(old.words.get("plaskdamm")!.datasets.get("borasPlay")!);
    expect(ancient.words.get("plaskdamm")!.datasets.get("borasPlay")).toBeLessThan(0.01);
  });

  it("lets a word taught for many different datasets weigh little beside a word with one clear meaning", () => {
    const rows = [
      taught("anna", "borasPlay"),
      taught("bertil", "borasPlay"),
      ...["anna", "bertil", "cecilia", "david"].map((user, i) => taught(user, Object.keys(kinds)[i]!, now, "kommun")),
    ];
    const learned = learnAssociations(rows, catalogue, { now });
    const alone = learnedScores(learned, ["plaskdamm"], catalogue).get("borasPlay")!;
    const withVague = learnedScores(learned, ["plaskdamm", "kommun"], catalogue).get("borasPlay")!;
    expect(withVague).toBeGreaterThan(alone * 0.6);
  });
});

describe("the fusion of what use taught", () => {
  const hit = (id: string, score: number, publisherKommunkod: string | null = "1490") => ({
    id,
    uri: id,
    title: id,
    publisher: null,
    publisherKommunkod,
    score,
  });
  it("keeps scores without evidence exactly, stays in 0..1 and lifts a learned dataset by at most its share", () => {
    const hits = [hit("a", 0.8), hit("b", 0.2)];
    expect(fuseLearning(hits, [], { share: 0.5, kommunkoder: [] })).toEqual(hits);
    const fused = fuseLearning(
      hits,
      [
        { ...hit("c", 0), learned: 1 },
        { ...hit("b", 0), learned: 1 },
      ],
      { share: 0.5, kommunkoder: [] },
    );
    expect(fused.find((h) => h.id === "a")!.score).toBe(0.8);
    expect(fused.find((h) => h.id === "b")!.score).toBeCloseTo(0.6, 5);
    expect(fused.find((h) => h.id === "c")!.score).toBeCloseTo(0.5, 5);
    for (const h of fused) expect(h.score).toBeLessThanOrEqual(1);
  });

  it("keeps the municipality scope: another municipality's learned dataset scores under the named one's", () => {
    const fused = fuseLearning([hit("boras", 0.3, "1490")], [{ ...hit("skovde", 0, "1496"), learned: 1 }], {
      share: 0.5,
      kommunkoder: ["1490"],
    });
    expect(fused.map((h) => h.id)).toEqual(["boras", "skovde"]);
    expect(fused[1]!.score).toBeLessThan(fused[0]!.score);
  });
});

describe("the built-in engine learning from use", () => {
  beforeAll(async () => {
    const sourceId = await getOrCreateCatalogueSource({ location: catalogFixture("catalog-vg-public.rdf") });
    expect((await harvestCatalogueSource(sourceId)).status).toBe("succeeded");
    await drainOutbox(createPostgresEngine(db), { batchSize: 500 });
  });

  /** The playground datasets of a municipality in the catalogue, by kommunkod. */
  async function playgrounds(kommunkod: string) {
    return db
      .selectFrom("datasets")
      .innerJoin("organisations", "organisations.id", "datasets.publisher_organisation_id")
      .select(["datasets.id", "datasets.uri", sql<string>`datasets.title->>'sv'`.as("title")])
      .where("organisations.kommunkod", "=", kommunkod)
      .where(sql<boolean>`datasets.title->>'sv' ILIKE '%lekplats%'`)
      .execute();
  }

  async function accept(userId: string, title: string, uri: string) {
    await acceptDatasetAsAnswer({ requesterUserId: userId, request: newRequestInput({ title, body: "" }), datasetUri: uri });
  }

  async function evidenceCount() {
    const row = await db
      .withTables<LearningTables>()
      .selectFrom("search_match_evidence")
      .select((eb) => eb.fn.countAll<string>().as("n"))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  it("ranks a dataset higher for a new request with the taught words only after two distinct users taught them, within the named municipality", async () => {
    const [boras] = await playgrounds("1490");
    const [uddevalla] = await playgrounds("1485");
    const [skovde] = await playgrounds("1496");
    expect(boras && uddevalla && skovde).toBeTruthy();
    const rankOf = async (text: string, uri: string) => {
      const result = await createPostgresEngine(db).match(text, { limit: 10 });
      const index = result.datasets.findIndex((d) => d.uri === uri);
      return { rank: index < 0 ? Infinity : index + 1, top: result.datasets[0], threshold: result.threshold };
    };
    const before = await rankOf("plaskdammar i Skövde", skovde!.uri);

    const anna = await createTestUser();
    const bertil = await createTestUser();
    // One user, three times: nothing learned.
    for (let i = 0; i < 3; i++) await accept(anna.id, "Plaskdammar i Borås", boras!.uri);
    expect(await evidenceCount()).toBeGreaterThanOrEqual(3);
    expect(await createLearnedIndex(db).loaded()).toMatchObject({ words: 0 });
    expect(await rankOf("plaskdammar i Skövde", skovde!.uri)).toEqual(before);

    // A second person, another municipality's playgrounds: the kind is learned.
    await accept(bertil.id, "Var finns det plaskdammar i Uddevalla?", uddevalla!.uri);
    const after = await rankOf("plaskdammar i Skövde", skovde!.uri);
    expect(after.rank).toBe(1);
    expect(after.rank).toBeLessThan(before.rank);
    expect(after.top!.uri).toBe(skovde!.uri);
    // Learning knows no places: the named municipality's own dataset comes first.
    const borasFirst = await createPostgresEngine(db).match("plaskdammar i Borås", { limit: 5 });
    expect(borasFirst.datasets[0]!.uri).toBe(boras!.uri);
    // Without learning (as the bench measures it), nothing changed.
    expect(
      (await createPostgresEngine(db, { learning: null }).match("plaskdammar i Skövde", { limit: 10 })).datasets.findIndex(
        (d) => d.uri === skovde!.uri,
      ) + 1 || Infinity,
    ).toBe(before.rank);
  });

  it("lets evidence fade with its age as stored: ten-year-old teaching lifts almost nothing", async () => {
    const { analyseRequest } = await import("../../search/language/request-analysis");
    const { placeFinderFor } = await import("../../search/language/places.server");
    const request = analyseRequest("pulkabacke", await placeFinderFor(db));
    const [dataset] = await playgrounds("1490");
    for (const title of ["Pulkabacke nära lekplatsen", "Finns det en pulkabacke?"])
      await accept((await createTestUser()).id, title, dataset!.uri);
    const learnedOf = async () =>
      (await createLearnedIndex(db).similar(request, { limit: 5, kommunkoder: [] })).find((hit) => hit.uri === dataset!.uri)?.learned ?? 0;
    const fresh = await learnedOf();
    expect(fresh).toBeGreaterThan(0.5);
    await db
      .withTables<LearningTables>()
      .updateTable("search_match_evidence")
      .set({ created_at: sql<Date>`now() - interval '10 years'` })
      .where("stems", "@>", sql<string[]>`ARRAY['pulkaback']`)
      .execute();
    const aged = await learnedOf();
    expect(aged).toBeLessThan(fresh / 10);
  });
});
