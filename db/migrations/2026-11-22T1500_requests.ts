import { sql, type Kysely } from "kysely";

// Frozen: never edit a migration that has shipped; add a new one.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("requests")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    // A short public number for addresses and conversation ("förfrågan 42").
    .addColumn("number", "integer", (c) => c.notNull().unique().generatedAlwaysAsIdentity())
    .addColumn("kind", "text", (c) =>
      c
        .notNull()
        .defaultTo("data")
        .check(sql`kind IN ('data','survey')`),
    )
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("body", "text", (c) => c.notNull())
    .addColumn("purpose", "text", (c) => c.notNull())
    .addColumn("requester_user_id", "uuid", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("requester_type", "text", (c) => c.notNull().check(sql`requester_type IN ('company','research','authority','citizen')`))
    // How the requester is shown: their name, their organisation's name, or neither.
    .addColumn("requester_shown_as", "text", (c) =>
      c
        .notNull()
        .defaultTo("name")
        .check(sql`requester_shown_as IN ('name','organisation','anonymous')`),
    )
    .addColumn("requester_organisation_name", "text")
    .addColumn("target_scope", "text", (c) => c.notNull().check(sql`target_scope IN ('all','chosen','region')`))
    .addColumn("wished_format", "text")
    .addColumn("update_frequency", "text")
    .addColumn("status", "text", (c) =>
      c
        .notNull()
        .defaultTo("submitted")
        .check(
          sql`status IN ('submitted','open','answered','partly_answered','closed','answered_by_existing_data','duplicate','rejected','withdrawn')`,
        ),
    )
    .addColumn("status_reason", "text")
    .addColumn("duplicate_of", "uuid", (c) => c.references("requests.id"))
    .addColumn("due_date", "date")
    .addColumn("tags", sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    // Kept in the same transaction as the votes and comments themselves, so the register can sort
    // 10,000 requests by votes without counting 200,000 rows on every page.
    .addColumn("vote_count", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("comment_count", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("follower_count", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("answered_at", "timestamptz")
    .execute();
  await db.schema.createIndex("requests_status_created_idx").on("requests").columns(["status", "created_at"]).execute();
  await db.schema.createIndex("requests_votes_idx").on("requests").columns(["vote_count", "created_at"]).execute();
  await db.schema.createIndex("requests_created_idx").on("requests").column("created_at").execute();
  await db.schema.createIndex("requests_answered_idx").on("requests").column("answered_at").execute();
  await db.schema.createIndex("requests_requester_idx").on("requests").column("requester_user_id").execute();
  await sql`CREATE INDEX requests_text_idx ON requests USING gin (to_tsvector('simple', title || ' ' || body))`.execute(db);

  // The organisations a request asks; tasks are made from these when a coordinator routes it.
  await db.schema
    .createTable("request_targets")
    .addColumn("request_id", "uuid", (c) => c.notNull().references("requests.id").onDelete("cascade"))
    .addColumn("organisation_id", "uuid", (c) => c.notNull().references("organisations.id"))
    .addPrimaryKeyConstraint("request_targets_pkey", ["request_id", "organisation_id"])
    .execute();
  await db.schema.createIndex("request_targets_organisation_idx").on("request_targets").column("organisation_id").execute();

  await db.schema
    .createTable("request_datasets")
    .addColumn("request_id", "uuid", (c) => c.notNull().references("requests.id").onDelete("cascade"))
    .addColumn("dataset_id", "uuid", (c) => c.notNull().references("datasets.id"))
    .addColumn("linked_by", "uuid", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("reason", "text", (c) => c.notNull().check(sql`reason IN ('accepted_answer','linked')`))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint("request_datasets_pkey", ["request_id", "dataset_id"])
    .execute();
  await db.schema.createIndex("request_datasets_dataset_idx").on("request_datasets").column("dataset_id").execute();

  // One vote per user per request, enforced here rather than trusted to the code.
  await db.schema
    .createTable("votes")
    .addColumn("request_id", "uuid", (c) => c.notNull().references("requests.id").onDelete("cascade"))
    .addColumn("user_id", "uuid", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint("votes_pkey", ["request_id", "user_id"])
    .execute();
  await db.schema.createIndex("votes_user_idx").on("votes").column("user_id").execute();

  await db.schema
    .createTable("follows")
    .addColumn("request_id", "uuid", (c) => c.notNull().references("requests.id").onDelete("cascade"))
    .addColumn("user_id", "uuid", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint("follows_pkey", ["request_id", "user_id"])
    .execute();
  await db.schema.createIndex("follows_user_idx").on("follows").column("user_id").execute();

  await db.schema
    .createTable("comments")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("request_id", "uuid", (c) => c.notNull().references("requests.id").onDelete("cascade"))
    .addColumn("author_user_id", "uuid", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("body", "text", (c) => c.notNull())
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("deleted_at", "timestamptz")
    .addColumn("hidden_at", "timestamptz")
    .addColumn("hidden_by", "uuid", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("hidden_reason", "text")
    .execute();
  await db.schema.createIndex("comments_request_idx").on("comments").columns(["request_id", "created_at"]).execute();
  await db.schema.createIndex("comments_author_idx").on("comments").columns(["author_user_id", "created_at"]).execute();

  // One task per request and organisation, made when a coordinator routes the request; the
  // organisations' workflow (answer, publish, decline) fills it in later.
  await db.schema
    .createTable("tasks")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("request_id", "uuid", (c) => c.notNull().references("requests.id").onDelete("cascade"))
    .addColumn("organisation_id", "uuid", (c) => c.notNull().references("organisations.id"))
    .addColumn("status", "text", (c) =>
      c
        .notNull()
        .defaultTo("pending")
        .check(sql`status IN ('pending','in_progress','answered','published','not_held','declined')`),
    )
    .addColumn("assignee_user_id", "uuid", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("due_date", "date", (c) => c.notNull())
    .addColumn("answer_text", "text")
    .addColumn("decline_reason", "text")
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint("tasks_request_organisation_key", ["request_id", "organisation_id"])
    .execute();
  await db.schema.createIndex("tasks_organisation_status_idx").on("tasks").columns(["organisation_id", "status"]).execute();

  // Versioned assumptions: a coordinator's change adds a version and never rewrites the ledger.
  await db.schema
    .createTable("time_saved_assumptions")
    .addColumn("version", "integer", (c) => c.primaryKey())
    .addColumn("minutes_per_existing_data_answer", "integer", (c) => c.notNull())
    .addColumn("note", "text", (c) => c.notNull())
    .addColumn("created_by", "uuid", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db
    .insertInto("time_saved_assumptions")
    .values({
      version: 1,
      minutes_per_existing_data_answer: 240,
      note: "Sambruk: ~700 enkäter/år till kommunerna och ~800 000 timmars svarstid; 800 000 h / 700 / 290 kommuner ≈ 3,9 h ≈ 240 minuter per kommunalt svar.",
    })
    .execute();

  // Append-only: reports are sums over it; nothing is updated in place.
  await db.schema
    .createTable("time_saved")
    .addColumn("id", "bigint", (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn("occurred_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("request_id", "uuid", (c) => c.references("requests.id"))
    .addColumn("question_id", "uuid")
    .addColumn("organisation_id", "uuid", (c) => c.notNull().references("organisations.id"))
    .addColumn("minutes", "integer", (c) => c.notNull().check(sql`minutes >= 0`))
    .addColumn("reason", "text", (c) => c.notNull().check(sql`reason IN ('existing_dataset','reused_answer','duplicate_merged')`))
    .addColumn("assumption_version", "integer", (c) => c.notNull().references("time_saved_assumptions.version"))
    .addColumn("actor_user_id", "uuid", (c) => c.references("users.id").onDelete("set null"))
    .execute();
  await db.schema.createIndex("time_saved_occurred_idx").on("time_saved").column("occurred_at").execute();
  // The ledger is evidence: a change to a written row is an error, never a silent rewrite.
  await sql`
    CREATE FUNCTION time_saved_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      RAISE EXCEPTION 'time_saved is append-only: add a correcting row instead';
    END
    $$`.execute(db);
  await sql`CREATE TRIGGER time_saved_append_only BEFORE UPDATE OR DELETE ON time_saved
    FOR EACH ROW EXECUTE FUNCTION time_saved_append_only()`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP TRIGGER time_saved_append_only ON time_saved`.execute(db);
  await sql`DROP FUNCTION time_saved_append_only()`.execute(db);
  for (const table of [
    "time_saved",
    "time_saved_assumptions",
    "tasks",
    "comments",
    "follows",
    "votes",
    "request_datasets",
    "request_targets",
    "requests",
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
