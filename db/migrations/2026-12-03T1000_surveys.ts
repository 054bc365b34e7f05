import { sql, type Kysely } from "kysely";

// Frozen: never edit a migration that has shipped; add a new one.

/**
 * Surveys (issue 10, ADR 026): a requester's questions to the municipalities, built as a draft and
 * sent once. A sent survey is a request of kind `survey` (surveys.request_id), so its tasks are the
 * workflow's own tasks (one per municipality still asked something) with their inbox, deadlines,
 * reminders and mail. Answers are kept per question × organisation with where they came from, so a
 * later question that matches reuses them.
 */
export async function up(db: Kysely<any>): Promise<void> {
  // The coordinators' settings for surveys: one row.
  await db.schema
    .createTable("survey_settings")
    .addColumn("id", "boolean", (c) => c.primaryKey().defaultTo(true))
    // An earlier answer older than this is offered, marked old.
    .addColumn("validity_months", "integer", (c) => c.notNull().defaultTo(12))
    // A question sent to the same municipality within this many months by another survey is shown before sending.
    .addColumn("recently_asked_months", "integer", (c) => c.notNull().defaultTo(6))
    .addColumn("updated_by", "uuid", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint("survey_settings_single_row", sql`id`)
    .addCheckConstraint("survey_settings_validity_range", sql`validity_months BETWEEN 1 AND 120`)
    .addCheckConstraint("survey_settings_recent_range", sql`recently_asked_months BETWEEN 0 AND 120`)
    .execute();
  await db.insertInto("survey_settings").values({ id: true }).execute();

  // The coordinators' default answer time per answer type, which a new question is prefilled with.
  await db.schema
    .createTable("survey_answer_time_defaults")
    .addColumn("answer_type", "text", (c) =>
      c.primaryKey().check(sql`answer_type IN ('number','text','single_choice','multiple_choice','yes_no','date','dataset_link')`),
    )
    .addColumn("minutes", "integer", (c) => c.notNull().check(sql`minutes BETWEEN 0 AND 2400`))
    .addColumn("updated_by", "uuid", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db
    .insertInto("survey_answer_time_defaults")
    .values([
      { answer_type: "number", minutes: 30 },
      { answer_type: "text", minutes: 45 },
      { answer_type: "single_choice", minutes: 10 },
      { answer_type: "multiple_choice", minutes: 15 },
      { answer_type: "yes_no", minutes: 5 },
      { answer_type: "date", minutes: 10 },
      { answer_type: "dataset_link", minutes: 20 },
    ])
    .execute();

  await db.schema
    .createTable("surveys")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    // As a request's requester: a deleted account leaves its sent surveys in place, without a sender.
    .addColumn("sender_user_id", "uuid", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("sender_organisation_id", "uuid", (c) => c.references("organisations.id"))
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("purpose", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("legal_basis", "text")
    .addColumn("status", "text", (c) =>
      c
        .notNull()
        .defaultTo("draft")
        .check(sql`status IN ('draft','sent','closed')`),
    )
    .addColumn("target_scope", "text", (c) =>
      c
        .notNull()
        .defaultTo("chosen")
        .check(sql`target_scope IN ('all','chosen','region')`),
    )
    .addColumn("deadline_working_days", "integer", (c) =>
      c
        .notNull()
        .defaultTo(20)
        .check(sql`deadline_working_days BETWEEN 1 AND 120`),
    )
    .addColumn("due_date", "date")
    .addColumn("validity_months", "integer", (c) =>
      c
        .notNull()
        .defaultTo(12)
        .check(sql`validity_months BETWEEN 1 AND 120`),
    )
    // The request a sent survey is: its tasks, status and public page.
    .addColumn("request_id", "uuid", (c) => c.unique().references("requests.id"))
    .addColumn("version", "integer", (c) => c.notNull().defaultTo(1))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("sent_at", "timestamptz")
    .addColumn("closed_at", "timestamptz")
    .addCheckConstraint("surveys_sent_has_request", sql`(status = 'draft') = (request_id IS NULL)`)
    .execute();
  await db.schema.createIndex("surveys_sender_idx").on("surveys").columns(["sender_user_id", "created_at"]).execute();

  await db.schema
    .createTable("survey_questions")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("survey_id", "uuid", (c) => c.notNull().references("surveys.id").onDelete("cascade"))
    .addColumn("position", "integer", (c) => c.notNull())
    .addColumn("text", "text", (c) => c.notNull())
    .addColumn("answer_type", "text", (c) =>
      c.notNull().check(sql`answer_type IN ('number','text','single_choice','multiple_choice','yes_no','date','dataset_link')`),
    )
    .addColumn("unit", "text")
    .addColumn("help_text", "text")
    .addColumn("choices", "jsonb", (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    // A working week (40 hours) at most.
    .addColumn("estimated_minutes", "integer", (c) => c.notNull().check(sql`estimated_minutes BETWEEN 0 AND 2400`))
    .addColumn("confidential", "boolean", (c) => c.notNull().defaultTo(false))
    // The sender confirmed before sending that the found answers (open data, earlier answers) are reused.
    .addColumn("reuse_confirmed", "boolean", (c) => c.notNull().defaultTo(false))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex("survey_questions_survey_idx").on("survey_questions").columns(["survey_id", "position"]).execute();

  await db.schema
    .createTable("survey_targets")
    .addColumn("survey_id", "uuid", (c) => c.notNull().references("surveys.id").onDelete("cascade"))
    .addColumn("organisation_id", "uuid", (c) => c.notNull().references("organisations.id"))
    .addPrimaryKeyConstraint("survey_targets_pkey", ["survey_id", "organisation_id"])
    .execute();

  await db.schema
    .createTable("survey_answers")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("survey_id", "uuid", (c) => c.notNull().references("surveys.id"))
    .addColumn("question_id", "uuid", (c) => c.notNull().references("survey_questions.id"))
    .addColumn("organisation_id", "uuid", (c) => c.notNull().references("organisations.id"))
    // The typed value as JSON: a number, a string, a list of choices, true/false, a date or an address.
    .addColumn("value", "jsonb", (c) => c.notNull())
    .addColumn("source", "text", (c) => c.notNull().check(sql`source IN ('typed','reused_answer','open_data')`))
    .addColumn("reused_answer_id", "uuid", (c) => c.references("survey_answers.id"))
    // No foreign key, as the ledger's: the answer keeps the dataset's address in `value`, and a
    // catalogue removed (DEMO_DATA=off drops the demo sources and their datasets) must not be held
    // up by the answers it once gave.
    .addColumn("dataset_id", "uuid")
    .addColumn("answered_by", "uuid", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("answered_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint("survey_answers_question_organisation_key", ["question_id", "organisation_id"])
    .addCheckConstraint(
      "survey_answers_source_reference",
      sql`(source = 'typed' AND reused_answer_id IS NULL AND dataset_id IS NULL)
        OR (source = 'reused_answer' AND reused_answer_id IS NOT NULL)
        OR (source = 'open_data' AND dataset_id IS NOT NULL)`,
    )
    .execute();
  await db.schema.createIndex("survey_answers_organisation_idx").on("survey_answers").columns(["organisation_id", "answered_at"]).execute();
  await db.schema.createIndex("survey_answers_survey_idx").on("survey_answers").column("survey_id").execute();

  // The search outbox already knows `answer` rows (search_outbox.entity_type); an answered
  // question is one document, its entity the question.
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("survey_answers").execute();
  await db.schema.dropTable("survey_targets").execute();
  await db.schema.dropTable("survey_questions").execute();
  await db.schema.dropTable("surveys").execute();
  await db.schema.dropTable("survey_answer_time_defaults").execute();
  await db.schema.dropTable("survey_settings").execute();
}
