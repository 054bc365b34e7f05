import { db } from "../../db/client.server";

export async function listOrganisations() {
  return db.selectFrom("organisations").select(["id", "slug", "name", "type", "kommunkod"]).orderBy("name").execute();
}

export async function getOrganisationById(id: string) {
  return db.selectFrom("organisations").select(["id", "slug", "name", "type"]).where("id", "=", id).executeTakeFirst();
}
