import { describe, expect, it } from "vitest";
import { db } from "../../db/client.server";
import { nationalSpecifications } from "../../db/seed/specifications";
import { ForbiddenError } from "../../app/models/errors.server";
import {
  changeSpecificationStatus,
  createSpecification,
  getSpecification,
  linkRequestToSpecification,
  listSpecifications,
  SpecificationInUseError,
  SpecificationTakenError,
  SpecificationTransitionError,
  SpecificationUriInvalidError,
  SpecificationUriTakenError,
  updateSpecification,
} from "../../app/models/specification.server";
import { createTestRequest } from "../factories/request";
import { actorOf } from "../factories/task";
import { createTestUser } from "../factories/user";

const input = (overrides: Partial<Parameters<typeof createSpecification>[0]> = {}) => ({
  name: `Lekplatser ${Math.random().toString(36).slice(2, 8)}`,
  version: "1.0",
  uri: null,
  schemaUrl: null,
  description: "Kommunala lekplatser med läge och utrustning.",
  fields: ["id", "namn", "latitud", "longitud"],
  maintainer: "VästKom",
  ...overrides,
});

const countRows = async () =>
  Number(
    (
      await db
        .selectFrom("specifications")
        .select((eb) => eb.fn.countAll().as("n"))
        .executeTakeFirstOrThrow()
    ).n,
  );
const eventsOf = (id: string) =>
  db
    .selectFrom("events")
    .select(["action", "from_state", "to_state", "actor_user_id", "data"])
    .where("entity_type", "=", "specification")
    .where("entity_id", "=", id)
    .orderBy("id")
    .execute();

describe("the register of specifications", () => {
  it("is seeded with the national specifications of kinds of dataset, adopted, each with its first event", async () => {
    const seeded = nationalSpecifications();
    expect(seeded.map((s) => s.seedKey)).toEqual(
      expect.arrayContaining(["badplatser/1.0", "grillplatser/1.0", "public-toilets", "detaljplan"]),
    );
    // The metadata profile and the priority list describe catalogues and lists, not kinds of data.
    expect(seeded.map((s) => s.seedKey)).not.toContain("dcat-ap-se");
    expect(seeded.map((s) => s.seedKey)).not.toContain("topp-100");
    const list = await listSpecifications();
    const bathing = list.find((s) => s.name === "Badplatser");
    expect(bathing).toMatchObject({
      version: "1.0",
      uri: "https://www.dataportal.se/specifications/badplatser/1.0",
      status: "adopted",
      origin: "national",
    });
    expect(await eventsOf(bathing!.id)).toEqual([expect.objectContaining({ action: "seed", to_state: "adopted", actor_user_id: null })]);
  });

  it("lets a coordinator propose, edit, adopt and retire a specification, each step an event of its history", async () => {
    const coordinator = await actorOf(await createTestUser({ role: "coordinator" }));
    const { id } = await createSpecification({ actor: coordinator, ...input({ name: "Lekplatser" }) });
    await updateSpecification({
      actor: coordinator,
      id,
      ...input({ name: "Lekplatser", uri: "https://vastkom.se/spec/lekplatser/1.0", fields: ["id", "namn"] }),
    });
    await changeSpecificationStatus({ actor: coordinator, id, to: "adopted" });
    await changeSpecificationStatus({ actor: coordinator, id, to: "retired", reason: "Ersätts av en nationell." });
    const page = await getSpecification({ id });
    expect(page?.specification).toMatchObject({ status: "retired", origin: "regional", uri: "https://vastkom.se/spec/lekplatser/1.0" });
    expect(page?.history.map((e) => [e.action, e.from, e.to])).toEqual([
      ["create", null, "proposed"],
      ["edit", null, null],
      ["adopt", "proposed", "adopted"],
      ["retire", "adopted", "retired"],
    ]);
    expect((await eventsOf(id))[1].data).toEqual({
      from: { uri: null, fields: ["id", "namn", "latitud", "longitud"] },
      to: { uri: "https://vastkom.se/spec/lekplatser/1.0", fields: ["id", "namn"] },
    });
    await expect(changeSpecificationStatus({ actor: coordinator, id, to: "adopted" })).rejects.toBeInstanceOf(SpecificationTransitionError);
  });

  // The request page shows a coordinator as "Samordnare", never by name; the register's history the same.
  it("shows who changed a specification as the request page does: a coordinator as a coordinator, never by name", async () => {
    const user = await createTestUser({ role: "coordinator", name: "Karin Karlsson" });
    const { id } = await createSpecification({ actor: await actorOf(user), ...input() });
    const page = await getSpecification({ id });
    expect(page?.history.map((e) => e.actor)).toEqual([{ kind: "coordinator" }]);
    expect(JSON.stringify(page)).not.toContain("Karin Karlsson");
  });

  it("refuses an address that is not an absolute http(s) URI, a duplicate name and version and a taken address: a clear message, nothing written", async () => {
    const coordinator = await actorOf(await createTestUser({ role: "coordinator" }));
    const before = await countRows();
    for (const uri of [
      "dataportal.se/specifications/x/1.0",
      "/specifications/x",
      "urn:x:y",
      "ftp://example.se/spec",
      "javascript:alert(1)",
      "https:// x",
    ]) {
      await expect(createSpecification({ actor: coordinator, ...input({ uri }) })).rejects.toBeInstanceOf(SpecificationUriInvalidError);
    }
    await expect(createSpecification({ actor: coordinator, ...input({ schemaUrl: "schema.json" }) })).rejects.toBeInstanceOf(
      SpecificationUriInvalidError,
    );
    // Name and version compare without regard to case or spacing.
    await expect(createSpecification({ actor: coordinator, ...input({ name: "  badplatser ", version: "1.0" }) })).rejects.toBeInstanceOf(
      SpecificationTakenError,
    );
    // The same address written another way (http, no www, a trailing slash) is the same address.
    await expect(
      createSpecification({ actor: coordinator, ...input({ uri: "http://dataportal.se/specifications/badplatser/1.0/" }) }),
    ).rejects.toBeInstanceOf(SpecificationUriTakenError);
    expect(await countRows()).toBe(before);
    const { id } = await createSpecification({ actor: coordinator, ...input({ name: "Badplatser", version: "2.0" }) });
    expect(id).toBeTruthy();
  });

  it("refuses to retire a specification open requests ask for unless a replacement is named, which then takes them over", async () => {
    const coordinator = await actorOf(await createTestUser({ role: "coordinator" }));
    const old = await createSpecification({ actor: coordinator, ...input() });
    const replacement = await createSpecification({ actor: coordinator, ...input() });
    const open = await createTestRequest({ status: "open" });
    const closed = await createTestRequest({ status: "closed" });
    await linkRequestToSpecification({ actor: coordinator, requestId: open.id, specificationId: old.id });
    await linkRequestToSpecification({ actor: coordinator, requestId: closed.id, specificationId: old.id });

    await expect(changeSpecificationStatus({ actor: coordinator, id: old.id, to: "retired" })).rejects.toBeInstanceOf(
      SpecificationInUseError,
    );
    expect((await getSpecification({ id: old.id }))?.specification.status).toBe("proposed");
    expect(await eventsOf(old.id)).toHaveLength(1);

    await changeSpecificationStatus({ actor: coordinator, id: old.id, to: "retired", replacedById: replacement.id });
    const linked = async (id: string) =>
      (await db.selectFrom("requests").select("specification_id").where("id", "=", id).executeTakeFirstOrThrow()).specification_id;
    expect(await linked(open.id)).toBe(replacement.id);
    // A closed request keeps what it asked for.
    expect(await linked(closed.id)).toBe(old.id);
    expect((await getSpecification({ id: old.id }))?.replacedBy?.id).toBe(replacement.id);
  });

  it("lets only coordinators and admins change the register", async () => {
    const before = await countRows();
    for (const role of ["requester", "responder"] as const) {
      const actor = await actorOf(await createTestUser({ role }));
      await expect(createSpecification({ actor, ...input() })).rejects.toBeInstanceOf(ForbiddenError);
      const [first] = await listSpecifications();
      await expect(changeSpecificationStatus({ actor, id: first.id, to: "retired" })).rejects.toBeInstanceOf(ForbiddenError);
      await expect(updateSpecification({ actor, id: first.id, ...input() })).rejects.toBeInstanceOf(ForbiddenError);
    }
    expect(await countRows()).toBe(before);
    const admin = await actorOf(await createTestUser({ role: "admin" }));
    await expect(createSpecification({ actor: admin, ...input() })).resolves.toHaveProperty("id");
  });
});
