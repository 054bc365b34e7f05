import { randomBytes } from "node:crypto";
import { sql } from "kysely";
import { db } from "../../db/client.server";
import { DEMO_EMAIL_DOMAIN } from "../../db/seed/index";
import { demoDice, demoSurveys, type DemoSender, type DemoSurvey } from "../../db/seed/surveys/content";
import { getSearchEngine } from "../../search/engines/select-engine.server";
import { drainOutbox } from "../../search/indexing/outbox.server";
import { hashPassword } from "../auth/password.server";
import type { Actor } from "../auth/permissions";
import { createMembership, MembershipExistsError } from "../models/membership.server";
import { answerSurveyTask } from "../models/survey-answer.server";
import { planSurveyReuse } from "../models/survey-reuse.server";
import { closeSurvey, confirmQuestionReuse, sendSurvey } from "../models/survey-send.server";
import { findSpecificationBySeedKey, linkSurveyQuestionToSpecification } from "../models/specification.server";
import { addQuestion, createSurvey, setSurveyTargets } from "../models/survey.server";
import { createUser, EmailTakenError, getUserByEmail } from "../models/user.server";

/**
 * Demo surveys (issue 10): the surveys of db/seed/surveys/content.ts written through the app's own
 * commands — the builder, the reuse check, sending, the municipalities' answers, closing — so the
 * rows, events, tasks, mails, search documents and time-saved ledger rows are exactly what users'
 * clicks would write, and a fresh `npm start` shows reused answers and hours in /admin/tidsbesparing.
 *
 * Unlike the demo requests (one transaction of rows written back in time) this takes many
 * transactions: the reuse check asks the search engine, which sees only committed, indexed
 * answers, so each survey's answers are committed and indexed before the next survey is checked.
 * Everything therefore happens "now". The first draft is created under an advisory lock after
 * checking that no survey exists, so two harvests finishing at once seed once.
 */

export interface DemoSurveyOptions {
  /** The day the reuse check counts an answer's age from (YYYY-MM-DD), usually today in Sweden. */
  today: string;
}

/** The demo catalogue's datasets the surveys' open-data questions expect (db/seed/data/catalogs/catalog-vg-public.rdf). */
const EXPECTED_DATASET = "https://www.skovde.se/oppnadata/dataset/grundskolor";

const demoEmail = (local: string) => `${local}@${DEMO_EMAIL_DOMAIN}`;

async function organisationBySlugOrCode(where: { slug?: string; kommunkod?: string }) {
  return db
    .selectFrom("organisations")
    .select(["id", "name", "kommunkod"])
    .$if(where.slug !== undefined, (qb) => qb.where("slug", "=", where.slug!))
    .$if(where.kommunkod !== undefined, (qb) => qb.where("kommunkod", "=", where.kommunkod!))
    .executeTakeFirstOrThrow();
}

/**
 * A demo person (found, or created with the hash of a value nobody knows) holding `role` in the
 * organisation; granted by the demo coordinator when that account exists.
 */
async function demoActor(
  person: { name: string; email: string },
  organisationId: string,
  grantedBy: string | null,
  passwordHash: string,
): Promise<Actor> {
  let user = await getUserByEmail(person.email);
  if (!user) {
    user = await createUser({ name: person.name, email: person.email, passwordHash, locale: "sv" }).catch(async (error) => {
      if (error instanceof EmailTakenError) return (await getUserByEmail(person.email))!;
      throw error;
    });
  }
  await createMembership({ actorUserId: grantedBy ?? user.id, userId: user.id, organisationId, role: "responder" }).catch((error) => {
    if (!(error instanceof MembershipExistsError)) throw error;
  });
  const memberships = await db
    .selectFrom("memberships")
    .select(["organisation_id as organisationId", "role"])
    .where("user_id", "=", user.id)
    .orderBy((eb) => eb.case().when("organisation_id", "=", organisationId).then(0).else(1).end())
    .execute();
  return { id: user.id, memberships };
}

/** Pushes what waits in the search outbox to the index, waiting out the outbox worker if it is busy. */
async function indexNow() {
  // Up to a minute: the outbox worker may be indexing a whole harvest when the seed starts.
  for (let attempt = 0; attempt < 600; attempt++) {
    const summary = await drainOutbox(getSearchEngine(), {});
    if (summary.error) throw new Error(`Indexing the demo surveys failed: ${summary.error}`);
    const waiting = await db
      .selectFrom("search_outbox")
      .select("id")
      .where("dead_at", "is", null)
      .where("entity_type", "in", ["dataset", "answer", "request"])
      .limit(1)
      .executeTakeFirst();
    if (!summary.busy && !waiting) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Creates the first draft only when no survey exists; null when one does (seeded already, or real surveys). */
async function firstDraft(sender: Actor, survey: DemoSurvey) {
  return db.transaction().execute(async (trx) => {
    // Raw SQL: Kysely has no builder for advisory locks. Two harvests finishing at once must not both seed.
    await sql`SELECT pg_advisory_xact_lock(hashtext('fraga:seed-demo-surveys'))`.execute(trx);
    if (await trx.selectFrom("surveys").select("id").limit(1).executeTakeFirst()) return null;
    return createSurvey({ actor: sender, details: detailsOf(survey) }, trx);
  });
}

function detailsOf(survey: DemoSurvey) {
  return {
    title: survey.title,
    purpose: survey.purpose,
    legalBasis: survey.legalBasis ?? null,
    deadlineWorkingDays: survey.deadlineWorkingDays,
  };
}

/**
 * Seeds the demo surveys; returns how many it created. Writes nothing when any survey exists, or
 * before the demo catalogue (whose datasets the open-data questions find) is harvested.
 */
export async function seedDemoSurveys(options: DemoSurveyOptions): Promise<number> {
  const catalogue = await db.selectFrom("datasets").select("id").where("uri", "=", EXPECTED_DATASET).executeTakeFirst();
  if (!catalogue) return 0;
  if (await db.selectFrom("surveys").select("id").limit(1).executeTakeFirst()) return 0;

  const passwordHash = await hashPassword(randomBytes(32).toString("hex"));
  const coordinator = await getUserByEmail(demoEmail("coordinator"));
  const senders = new Map<string, Actor>();
  const senderOf = async (sender: DemoSender) => {
    if (!senders.has(sender.email)) {
      const organisation = await organisationBySlugOrCode({ slug: sender.organisation });
      senders.set(
        sender.email,
        await demoActor({ name: sender.name, email: demoEmail(sender.email) }, organisation.id, coordinator?.id ?? null, passwordHash),
      );
    }
    return senders.get(sender.email)!;
  };
  const responders = new Map<string, Actor>();
  const responderOf = async (kommunkod: string) => {
    if (!responders.has(kommunkod)) {
      const organisation = await organisationBySlugOrCode({ kommunkod });
      // Borås answers through the demo responder account, so signing in as it shows its survey tasks.
      const person =
        kommunkod === "1490" && (await getUserByEmail(demoEmail("responder.boras")))
          ? { name: "Rune Responder, Borås (demo)", email: demoEmail("responder.boras") }
          : { name: `Svarande, ${organisation.name} (demo)`, email: demoEmail(`responder.${kommunkod}`) };
      responders.set(kommunkod, await demoActor(person, organisation.id, coordinator?.id ?? null, passwordHash));
    }
    return responders.get(kommunkod)!;
  };

  // The catalogue's datasets are searchable before any question is matched against them.
  await indexNow();
  const dice = demoDice();
  let created = 0;
  for (const survey of demoSurveys) {
    const sender = await senderOf(survey.sender);
    const draft = created === 0 ? await firstDraft(sender, survey) : await createSurvey({ actor: sender, details: detailsOf(survey) });
    if (!draft) return 0;
    created++;
    const { surveyId } = draft;
    const questionIds: string[] = [];
    for (const q of survey.questions) {
      const question = {
        text: q.text,
        answerType: q.answerType,
        unit: q.unit ?? null,
        helpText: q.helpText ?? null,
        choices: q.choices ?? [],
        estimatedMinutes: q.minutes,
        confidential: q.confidential ?? false,
      };
      const { questionId } = await addQuestion({ actor: sender, surveyId, question });
      questionIds.push(questionId);
      const specification = q.specification ? await findSpecificationBySeedKey(q.specification) : null;
      if (specification)
        await linkSurveyQuestionToSpecification({ actor: sender, surveyId, questionId, specificationId: specification.id });
    }
    const targets = await Promise.all(survey.targets.map((kommunkod) => organisationBySlugOrCode({ kommunkod })));
    await setSurveyTargets({ actor: sender, surveyId, targets: { targetScope: "chosen", organisationIds: targets.map((t) => t.id) } });
    if (survey.status === "draft") continue;

    // The sender looks at what is already known and confirms it where it really answers the question.
    const plan = await planSurveyReuse({ surveyId, today: options.today });
    for (const [i, found] of plan.questions.entries()) {
      if (survey.questions[i].confirmReuse && found.cells.some((c) => c.kind !== "new"))
        await confirmQuestionReuse({ actor: sender, surveyId, questionId: found.questionId, confirmed: true });
    }
    const sent = await sendSurvey({ actor: sender, surveyId, today: options.today, plan });

    const tasks = await db
      .selectFrom("tasks")
      .innerJoin("organisations", "organisations.id", "tasks.organisation_id")
      .select(["tasks.id", "organisations.kommunkod", "organisations.id as organisationId"])
      .where("tasks.request_id", "=", sent.requestId)
      .orderBy("organisations.kommunkod")
      .execute();
    const reused = await db
      .selectFrom("survey_answers")
      .select(["question_id", "organisation_id"])
      .where("survey_id", "=", surveyId)
      .execute();
    const known = new Set(reused.map((r) => `${r.question_id} ${r.organisation_id}`));
    for (const task of tasks) {
      const kommunkod = task.kommunkod ?? "";
      const all = survey.answeredBy?.includes(kommunkod);
      const part = survey.partlyAnsweredBy?.includes(kommunkod);
      if (!all && !part) continue;
      const open = survey.questions.flatMap((q, i) =>
        known.has(`${questionIds[i]} ${task.organisationId}`) ? [] : [{ q, id: questionIds[i] }],
      );
      const answers = Object.fromEntries((all ? open : open.slice(0, 1)).map(({ q, id }) => [id, dice.answer(q, kommunkod)]));
      await answerSurveyTask({ actor: await responderOf(kommunkod), taskId: task.id, answers });
    }
    if (survey.status === "closed") await closeSurvey({ actor: sender, surveyId, mayCloseAny: false });
    // The answers are searchable before the next survey is checked against them.
    await indexNow();
  }
  return created;
}
