/**
 * How fast a sender sees what is already known (issue 10, ADR 026): a 30-question survey to all 49
 * municipalities matched against 100,000 earlier answers (10,000 answered questions of 1,000
 * closed surveys, ten municipalities each) and the catalogue, through planSurveyReuse — the
 * function the send page (/enkater/:id/skicka) calls — on the built-in PostgreSQL engine.
 *
 * The earlier surveys, questions and answers are written in bulk with SQL (generate_series), the
 * questions' texts drawn from Swedish survey phrasings over many topics, periods and units; the
 * catalogue is the synthetic benchmark catalogue harvested as a real source; everything is then
 * indexed by reindexAll, as `npm run search:reindex` does. The 30 questions are added through the
 * builder's commands: most rephrase earlier questions, some ask what the catalogue publishes, a
 * few are new. Prints p50/p95/max over the rounds after a warm-up. Target: ≤ 1 s.
 *
 *   node --import tsx test/bench/survey-reuse.ts [--answers 100000] [--datasets 20000] [--rounds 15] [--keep] [--reuse]
 */
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { benchDatabase } from "./match-database";

const MUNICIPALITIES_PER_SURVEY = 10;
const QUESTIONS_PER_SURVEY = 10;

/** Topics of earlier surveys: what is counted, its unit and the kind of answer. */
const TOPICS: [string, string][] = [
  ["tillsvidareanställda", "personer"],
  ["visstidsanställda", "personer"],
  ["timanställda i äldreomsorgen", "personer"],
  ["legitimerade lärare i grundskolan", "personer"],
  ["förskollärare med legitimation", "personer"],
  ["elever i grundskolan", "elever"],
  ["barn inskrivna i förskolan", "barn"],
  ["elever i gymnasieskolan", "elever"],
  ["platser i särskilt boende", "platser"],
  ["brukare med hemtjänst", "personer"],
  ["hushåll med ekonomiskt bistånd", "hushåll"],
  ["anmälningar om barn som far illa", "anmälningar"],
  ["publika laddpunkter för elbil", "laddpunkter"],
  ["ton insamlat matavfall", "ton"],
  ["ton hushållsavfall", "ton"],
  ["kilometer gång- och cykelväg", "km"],
  ["kommunala badplatser", "badplatser"],
  ["bibliotek och filialer", "bibliotek"],
  ["besök på folkbiblioteken", "besök"],
  ["kvadratmeter lokalyta i egna fastigheter", "kvm"],
  ["MWh energi i kommunens lokaler", "MWh"],
  ["byggnader med solceller", "byggnader"],
  ["bygglov som beviljades", "bygglov"],
  ["nya bostäder som färdigställdes", "bostäder"],
  ["livsmedelskontroller som genomfördes", "kontroller"],
  ["tillsynsbesök enligt miljöbalken", "besök"],
  ["ärenden om försörjningsstöd", "ärenden"],
  ["anställda med sjukfrånvaro över 60 dagar", "personer"],
  ["vakanta tjänster inom socialtjänsten", "tjänster"],
  ["medarbetare som genomgått utbildning i informationssäkerhet", "personer"],
  ["e-tjänster som invånarna kan använda", "e-tjänster"],
  ["föreningar med kommunalt bidrag", "föreningar"],
  ["idrottshallar som kommunen äger", "hallar"],
  ["trafikolyckor med cyklister", "olyckor"],
  ["parkeringsplatser för rörelsehindrade", "platser"],
  ["kronor i kostnad för skolskjuts", "kronor"],
  ["kronor i investeringar i klimatåtgärder", "kronor"],
  ["tjänstebilar som drivs med el", "bilar"],
  ["måltider som serverades i skolan", "måltider"],
  ["procent ekologiska livsmedel i offentliga måltider", "procent"],
];
const PHRASINGS = [
  (topic: string, when: string) => `Hur många ${topic} hade kommunen ${when}?`,
  (topic: string, when: string) => `Ange antalet ${topic} ${when}.`,
  (topic: string, when: string) => `Hur många ${topic} fanns i kommunen ${when}?`,
  (topic: string, when: string) => `Uppskatta antal ${topic} ${when}.`,
];
const MONTHS = ["januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti", "september", "oktober", "november", "december"];

/** The survey the sender is about to send: rephrased earlier questions, open-data questions and new ones. */
const NEW_SURVEY: string[] = [
  "Hur många tillsvidareanställda har kommunen?",
  "Hur många visstidsanställda har kommunen just nu?",
  "Hur många legitimerade lärare arbetar i grundskolan?",
  "Hur många förskollärare med legitimation har kommunen?",
  "Hur många elever går i kommunens grundskolor?",
  "Hur många barn är inskrivna i förskolan?",
  "Hur många platser i särskilt boende har kommunen?",
  "Hur många brukare har hemtjänst?",
  "Hur många hushåll fick ekonomiskt bistånd?",
  "Hur många publika laddpunkter för elbil finns i kommunen?",
  "Hur många ton matavfall samlades in förra året?",
  "Hur många kilometer gång- och cykelväg har kommunen?",
  "Hur mycket energi använde kommunens lokaler, i MWh?",
  "Hur många byggnader har solceller?",
  "Hur många bygglov beviljades förra året?",
  "Hur många livsmedelskontroller genomförde kommunen?",
  "Hur många vakanta tjänster finns inom socialtjänsten?",
  "Hur många tjänstebilar drivs med el?",
  "Hur stor andel ekologiska livsmedel serveras i offentliga måltider?",
  "Hur många besök hade folkbiblioteken?",
  "Var finns kommunens badplatser?",
  "Var finns kommunens förskolor?",
  "Var finns laddstationer för elfordon?",
  "Vilka återvinningsstationer finns i kommunen?",
  "Var finns kommunens lekplatser?",
  "Hur arbetar kommunen med psykisk hälsa bland unga?",
  "Har kommunen en handlingsplan för värmeböljor?",
  "Hur många tolkuppdrag beställde kommunen under året?",
  "Vilka krisberedskapsövningar genomfördes under året?",
  "Hur många ansökningar om serveringstillstånd kom in?",
];

async function main() {
  const { values } = parseArgs({
    options: {
      answers: { type: "string", default: "100000" },
      datasets: { type: "string", default: "20000" },
      rounds: { type: "string", default: "15" },
      keep: { type: "boolean", default: false },
      reuse: { type: "boolean", default: false },
    },
  });
  const answerCount = Number(values.answers);
  const database = await benchDatabase("fraga_bench_survey_reuse", { reuse: values.reuse, dataDir: ".data/bench-survey-reuse" });
  try {
    const { db } = await import("../../db/client.server");
    const { sql } = await import("kysely");
    const existing = await db
      .selectFrom("survey_answers")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow();
    if (Number(existing.n) < answerCount) {
      let started = performance.now();
      await loadCatalogue(Number(values.datasets));
      console.log(`Harvested ${values.datasets} datasets in ${((performance.now() - started) / 1000).toFixed(0)} s.`);
      started = performance.now();
      await loadAnswers(db, sql, answerCount);
      console.log(`Loaded ${answerCount} earlier answers in ${((performance.now() - started) / 1000).toFixed(0)} s.`);
      started = performance.now();
      const { createPostgresEngine } = await import("../../search/engines/postgres/engine.server");
      const { reindexAll } = await import("../../search/indexing/reindex.server");
      const counts = await reindexAll(createPostgresEngine(db));
      console.log(
        `Indexed ${counts.datasets} datasets and ${counts.answers} answered questions in ${((performance.now() - started) / 1000).toFixed(0)} s.`,
      );
      await sql`VACUUM ANALYZE`.execute(db);
    } else {
      console.log(`Reusing ${existing.n} earlier answers.`);
    }

    const surveyId = await draftSurvey(db);
    const { planSurveyReuse } = await import("../../app/models/survey-reuse.server");
    const plan = () => planSurveyReuse({ surveyId });
    for (let i = 0; i < 3; i++) await plan(); // warm-up: caches, plans, connections
    const times: number[] = [];
    let last: Awaited<ReturnType<typeof plan>> | null = null;
    for (let round = 0; round < Number(values.rounds); round++) {
      const started = performance.now();
      last = await plan();
      times.push(performance.now() - started);
    }
    const cells = last!.questions.flatMap((q) => q.cells);
    const count = (kind: string) => cells.filter((c) => c.kind === kind).length;
    const sorted = [...times].sort((a, b) => a - b);
    const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
    console.log(
      `\nplanSurveyReuse: ${NEW_SURVEY.length} questions × 49 municipalities, ${answerCount} earlier answers, ${times.length} rounds:`,
    );
    console.log(`  p50 ${at(50).toFixed(0)} ms   p95 ${at(95).toFixed(0)} ms   max ${sorted.at(-1)!.toFixed(0)} ms   (target ≤ 1000 ms)`);
    console.log(
      `  found: ${count("earlier_answer")} earlier answers, ${count("open_data")} open-data cells, ${count("new")} new, over ${last!.questions.filter((q) => q.cells.some((c) => c.kind !== "new")).length} questions; search failed: ${last!.searchFailed}`,
    );
  } finally {
    await database.stop({ keep: values.keep || values.reuse });
  }
}

/** The synthetic benchmark catalogue, harvested as a real catalogue source. */
async function loadCatalogue(count: number) {
  const { generateCatalogueRdfXml } = await import("../../db/seed/demo-catalogue");
  const { getOrCreateCatalogueSource } = await import("../../app/models/catalogue-source.server");
  const { harvestCatalogueSource } = await import("../../app/models/harvest.server");
  const dir = path.resolve(".data/bench-survey-reuse-files");
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `catalogue-${count}.rdf`);
  writeFileSync(file, generateCatalogueRdfXml(count));
  const summary = await harvestCatalogueSource(await getOrCreateCatalogueSource({ location: file }));
  if (summary.status !== "succeeded") throw new Error(`Harvest failed: ${JSON.stringify(summary)}`);
}

type Db = (typeof import("../../db/client.server"))["db"];
type Sql = (typeof import("kysely"))["sql"];

/**
 * Closed surveys of a sender, their questions (a phrasing × topic × period, so the index holds
 * thousands of distinct questions) and answers of ten municipalities each, in bulk: a few
 * INSERT … SELECT over generate_series.
 */
async function loadAnswers(db: Db, sql: Sql, answerCount: number) {
  const { createTestUser } = await import("../factories/user");
  const sender = await createTestUser();
  const questionCount = Math.ceil(answerCount / MUNICIPALITIES_PER_SURVEY);
  const surveyCount = Math.ceil(questionCount / QUESTIONS_PER_SURVEY);
  const texts = Array.from({ length: questionCount }, (_, n) => {
    const [topic, unit] = TOPICS[n % TOPICS.length];
    const phrasing = PHRASINGS[Math.floor(n / TOPICS.length) % PHRASINGS.length];
    const period = Math.floor(n / (TOPICS.length * PHRASINGS.length));
    const when = `den 1 ${MONTHS[period % 12]} ${2016 + (Math.floor(period / 12) % 10)}`;
    return { text: phrasing(topic, when), unit };
  });
  // Raw SQL throughout: bulk generation (generate_series, jsonb_to_recordset) has no builder in Kysely.
  await sql`
    INSERT INTO surveys (sender_user_id, title, purpose, status, target_scope, request_id, sent_at, closed_at, created_at)
    SELECT ${sender.id}::uuid, 'Uppföljning ' || n, 'Tidigare enkät ' || n, 'draft', 'chosen', NULL, NULL, NULL,
           now() - make_interval(days => (n % 700))
    FROM generate_series(1, ${surveyCount}) AS n`.execute(db);
  // Sent surveys are requests (the check surveys_sent_has_request): one closed survey request each.
  await sql`
    WITH numbered AS (SELECT id, row_number() OVER (ORDER BY id) AS n FROM surveys),
    made AS (
      INSERT INTO requests (kind, title, body, purpose, requester_user_id, requester_type, requester_shown_as, target_scope, status, created_at, updated_at)
      SELECT 'survey', 'Uppföljning ' || n, '', '', ${sender.id}::uuid, 'authority', 'name', 'chosen', 'closed', now(), now()
      FROM numbered RETURNING id, number)
    UPDATE surveys s SET status = 'closed', request_id = m.id, sent_at = s.created_at, closed_at = s.created_at
    FROM (SELECT id, row_number() OVER (ORDER BY number) AS n FROM made) m, numbered
    WHERE numbered.id = s.id AND numbered.n = m.n`.execute(db);
  for (let start = 0; start < texts.length; start += 5000) {
    await sql`
      WITH numbered AS (SELECT id, row_number() OVER (ORDER BY id) - 1 AS n FROM surveys)
      INSERT INTO survey_questions (survey_id, position, text, answer_type, unit, estimated_minutes)
      SELECT numbered.id, (t.ordinality - 1) % ${QUESTIONS_PER_SURVEY} + 1, t.text, 'number', t.unit, 30
      FROM ROWS FROM (jsonb_to_recordset(${JSON.stringify(texts.slice(start, start + 5000))}::jsonb) AS (text text, unit text))
        WITH ORDINALITY AS t(text, unit, ordinality)
      JOIN numbered ON numbered.n = (${start} + t.ordinality - 1) / ${QUESTIONS_PER_SURVEY}`.execute(db);
  }
  // Each survey asked ten of the 49 municipalities (a different ten by survey), and each answered every question.
  await sql`
    WITH munis AS (SELECT id, row_number() OVER (ORDER BY kommunkod) - 1 AS n FROM organisations WHERE type = 'municipality'),
    numbered AS (SELECT id, row_number() OVER (ORDER BY id) AS n FROM surveys),
    picked AS (
      SELECT numbered.id AS survey_id, munis.id AS organisation_id
      FROM numbered
      CROSS JOIN generate_series(0, ${MUNICIPALITIES_PER_SURVEY - 1}) AS k
      JOIN munis ON munis.n = (numbered.n * 7 + k * 5) % 49)
    INSERT INTO survey_targets (survey_id, organisation_id) SELECT DISTINCT survey_id, organisation_id FROM picked`.execute(db);
  await sql`
    INSERT INTO survey_answers (survey_id, question_id, organisation_id, value, source, answered_at)
    SELECT q.survey_id, q.id, t.organisation_id, to_jsonb((random() * 5000)::int), 'typed', s.created_at + interval '10 days'
    FROM survey_questions q
    JOIN surveys s ON s.id = q.survey_id
    JOIN survey_targets t ON t.survey_id = q.survey_id`.execute(db);
}

/** The draft about to be sent, through the builder's commands: 30 questions, all 49 municipalities. */
async function draftSurvey(db: Db) {
  const { createTestUser } = await import("../factories/user");
  const { addQuestion, createSurvey, setSurveyTargets } = await import("../../app/models/survey.server");
  const actor = { id: (await createTestUser()).id, memberships: [] };
  const { surveyId } = await createSurvey({
    actor,
    details: { title: "Kommunernas verksamhet 2026", purpose: "Jämförelse mellan kommunerna", legalBasis: null, deadlineWorkingDays: 20 },
  });
  for (const text of NEW_SURVEY) {
    const openData = /^(Var|Vilka)/.test(text);
    await addQuestion({
      actor,
      surveyId,
      question: {
        text,
        answerType: openData ? "dataset_link" : text.startsWith("Har") ? "yes_no" : text.startsWith("Hur arbetar") ? "text" : "number",
        unit: null,
        helpText: null,
        choices: [],
        estimatedMinutes: 30,
        confidential: false,
      },
    });
  }
  await setSurveyTargets({ actor, surveyId, targets: { targetScope: "all", organisationIds: [] } });
  const targets = await db.selectFrom("survey_targets").select("organisation_id").where("survey_id", "=", surveyId).execute();
  if (targets.length !== 49) throw new Error(`Expected 49 targets, got ${targets.length}`);
  return surveyId;
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
