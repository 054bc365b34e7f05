import { sql } from "kysely";
import { db } from "../../db/client.server";
import { isPublicRequest } from "../../db/request-visibility";
import { config } from "../../db/config.server";
import { CATALOGUE_MEDIA_TYPES, catalogueQuads, serialiseCatalogue, type CatalogueSerialisation } from "../catalogue/dcat-out.server";
import { surveyStatusOf } from "../domain/surveys";

/**
 * What the portal's own DCAT-AP-SE catalogue (ADR 039) says about its data: who publishes it (the
 * region's row of the organisation table, the collaboration's coordinating organisation), when
 * each dataset last changed, and which surveys are closed (their answers are public then).
 */

export interface CatalogueFacts {
  publisher: { name: string; slug: string; orgNumber: string | null; uri: string | null; contactEmail: string | null };
  /** The first date the portal knows: the date of a dataset that has no row yet. */
  since: Date;
  modified: { requests: Date | null; answers: Date | null; timeSaved: Date | null };
  closedSurveys: { id: string; title: string; purpose: string; modified: Date }[];
}

export async function getCatalogueFacts(): Promise<CatalogueFacts | undefined> {
  const [region, requests, answers, timeSaved, surveys] = await Promise.all([
    db
      .selectFrom("organisations")
      .select(["name", "slug", "org_number", "uri", "contact_email", "created_at"])
      .where("type", "=", "region")
      .orderBy("created_at")
      .executeTakeFirst(),
    db
      .selectFrom("requests")
      .select((eb) => eb.fn.max("updated_at").as("modified"))
      .where(isPublicRequest("requests"))
      .executeTakeFirstOrThrow(),
    db
      .selectFrom("tasks")
      .select((eb) => eb.fn.max("answered_at").as("modified"))
      .executeTakeFirstOrThrow(),
    // time_saved_occurred_idx answers max() at once, however long the ledger.
    db
      .selectFrom("time_saved")
      .select((eb) => eb.fn.max("occurred_at").as("modified"))
      .executeTakeFirstOrThrow(),
    db
      .selectFrom("surveys")
      .leftJoin("requests", "requests.id", "surveys.request_id")
      .select([
        "surveys.id",
        "surveys.title",
        "surveys.purpose",
        "surveys.status",
        "requests.status as requestStatus",
        // The last answer, else when it closed: what a harvester compares.
        sql<Date>`coalesce(
          (SELECT max(a.answered_at) FROM survey_answers a WHERE a.survey_id = surveys.id),
          surveys.closed_at, requests.updated_at, surveys.updated_at)`.as("modified"),
      ])
      .where((eb) =>
        eb.or([eb("surveys.status", "=", "closed"), eb.and([eb("surveys.status", "=", "sent"), eb("requests.status", "=", "closed")])]),
      )
      .orderBy("surveys.created_at")
      .orderBy("surveys.id")
      .execute(),
  ]);
  if (!region) return undefined;
  return {
    publisher: {
      name: region.name,
      slug: region.slug,
      orgNumber: region.org_number,
      uri: region.uri,
      contactEmail: region.contact_email,
    },
    since: region.created_at,
    modified: {
      requests: requests.modified ? new Date(requests.modified) : null,
      answers: answers.modified ? new Date(answers.modified) : null,
      timeSaved: timeSaved.modified ? new Date(timeSaved.modified) : null,
    },
    closedSurveys: surveys
      .filter((survey) => surveyStatusOf(survey.status, survey.requestStatus) === "closed")
      .map((survey) => ({ id: survey.id, title: survey.title, purpose: survey.purpose, modified: new Date(survey.modified) })),
  };
}

/**
 * The catalogue as the route serves it: RDF/XML, Turtle or JSON-LD, with its media type; undefined
 * before the organisation table has its region (a database not yet seeded).
 */
export async function getOpenDataCatalogue(input: { origin: string; format: CatalogueSerialisation }) {
  const facts = await getCatalogueFacts();
  if (!facts) return undefined;
  const settings = config();
  const quads = catalogueQuads(facts, {
    origin: input.origin,
    licence: settings.openDataLicence,
    contactEmail: settings.openDataContactEmail,
  });
  return { body: await serialiseCatalogue(quads, input.format), mediaType: CATALOGUE_MEDIA_TYPES[input.format] };
}
