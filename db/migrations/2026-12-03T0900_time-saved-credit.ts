import { sql, type Kysely } from "kysely";

// Frozen: never edit a migration that has shipped; add a new one.

/**
 * Conservative credit, versioned scenario assumptions and the time-saved report (issue 10, ADR 025).
 *
 * - Assumptions: each version holds minutes per answer spared for each kind of organisation
 *   (municipality, region) under three scenarios (low, central, high), and the share of a survey
 *   question's own estimate each scenario counts. Version 2 is the first with scenarios.
 * - Ledger rows say why: a basis (whose dataset answered, asked by both requests, a reversal…)
 *   with a short JSON of facts (no personal data), the dataset that answered, and the low/high
 *   figures beside the central minutes. A wrong row is reversed by a row naming it, with the
 *   negated figures; the database refuses any other negative row and a second reversal.
 * - Reasons for spared survey questions (answered by open data or by an earlier answer).
 * - Monthly summary tables kept by a statement trigger, so the report sums a few thousand rows
 *   instead of the whole ledger.
 * - Rows written under the earlier rule (every target credited) that the new rule would not have
 *   written are reversed here, by appending rows: the ledger stays append-only.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable("time_saved_assumptions")
    .addColumn("question_percent_low", "integer", (c) => c.notNull().defaultTo(100))
    .addColumn("question_percent_high", "integer", (c) => c.notNull().defaultTo(100))
    .execute();
  await db.schema
    .createTable("time_saved_assumption_minutes")
    .addColumn("version", "integer", (c) => c.notNull().references("time_saved_assumptions.version"))
    .addColumn("organisation_type", "text", (c) => c.notNull().check(sql`organisation_type IN ('municipality', 'region')`))
    .addColumn("scenario", "text", (c) => c.notNull().check(sql`scenario IN ('low', 'central', 'high')`))
    .addColumn("minutes", "integer", (c) => c.notNull().check(sql`minutes BETWEEN 0 AND 2400`))
    .addPrimaryKeyConstraint("time_saved_assumption_minutes_pkey", ["version", "organisation_type", "scenario"])
    .execute();
  await db
    .insertInto("time_saved_assumptions")
    .values({
      version: 2,
      minutes_per_existing_data_answer: 240,
      question_percent_low: 50,
      question_percent_high: 150,
      note:
        "Central: Sambruk, ~700 enkäter/år och ~800 000 timmars svarstid; 800 000 h / 700 / 290 kommuner ≈ 3,9 h ≈ 240 minuter per svar. " +
        "Låg (halva) och hög (dubbla) är samordnarnas känslighetsintervall, inte uppmätta värden.",
    })
    .execute();
  await db
    .insertInto("time_saved_assumption_minutes")
    .values(
      ["municipality", "region"].flatMap((organisation_type) =>
        [
          ["low", 120],
          ["central", 240],
          ["high", 480],
        ].map(([scenario, minutes]) => ({ version: 2, organisation_type, scenario, minutes })),
      ),
    )
    .execute();

  await db.schema
    .alterTable("time_saved")
    .addColumn("minutes_low", "integer")
    .addColumn("minutes_high", "integer")
    // No foreign key: the ledger may not block removing a catalogue (DEMO_DATA=off deletes the demo
    // datasets), nor can it let a deletion change a row; basis_detail keeps the dataset's URI.
    .addColumn("dataset_id", "uuid")
    .addColumn("basis_detail", "jsonb")
    .addColumn("reverses_id", "bigint", (c) => c.references("time_saved.id").unique())
    .execute();
  // Raw SQL: checks created inline with their columns; Kysely has no builder for replacing them.
  await sql`ALTER TABLE time_saved DROP CONSTRAINT time_saved_minutes_check`.execute(db);
  await sql`ALTER TABLE time_saved ADD CONSTRAINT time_saved_minutes_check CHECK (
    CASE WHEN reverses_id IS NULL
      THEN minutes >= 0 AND coalesce(minutes_low, 0) >= 0 AND coalesce(minutes_high, 0) >= 0
      ELSE minutes <= 0 AND coalesce(minutes_low, 0) <= 0 AND coalesce(minutes_high, 0) <= 0 END)`.execute(db);
  await sql`ALTER TABLE time_saved DROP CONSTRAINT time_saved_reason_check`.execute(db);
  await sql`ALTER TABLE time_saved ADD CONSTRAINT time_saved_reason_check CHECK (reason IN (
    'existing_dataset', 'reused_answer', 'duplicate_merged', 'published_dataset', 'survey_question_reused', 'survey_question_open_data'))`.execute(
    db,
  );
  await sql`ALTER TABLE time_saved DROP CONSTRAINT time_saved_basis_check`.execute(db);
  await sql`ALTER TABLE time_saved ADD CONSTRAINT time_saved_basis_check CHECK (basis IN (
    'vote', 'merged_duplicate', 'own_dataset', 'regional_dataset', 'asked_by_both', 'earlier_answer', 'open_data', 'reversal'))`.execute(
    db,
  );
  await db.schema.createIndex("time_saved_request_idx").on("time_saved").column("request_id").execute();

  // A reversal must mirror the row it reverses exactly, and a reversal is never itself reversed. It
  // carries the reversed row's time, so every period's sums lose exactly what was wrongly credited
  // in it; when the correction was made is in its basis_detail (and its event).
  await sql`
    CREATE FUNCTION time_saved_check_reversal() RETURNS trigger LANGUAGE plpgsql AS $$
    DECLARE original time_saved%ROWTYPE;
    BEGIN
      IF NEW.reverses_id IS NULL THEN RETURN NEW; END IF;
      SELECT * INTO original FROM time_saved WHERE id = NEW.reverses_id;
      IF original.reverses_id IS NOT NULL THEN
        RAISE EXCEPTION 'time_saved: a reversal cannot be reversed';
      END IF;
      IF NEW.minutes <> -original.minutes
        OR NEW.minutes_low IS DISTINCT FROM -original.minutes_low
        OR NEW.minutes_high IS DISTINCT FROM -original.minutes_high
        OR NEW.organisation_id <> original.organisation_id
        OR NEW.reason <> original.reason
        OR NEW.request_id IS DISTINCT FROM original.request_id
        OR NEW.question_id IS DISTINCT FROM original.question_id
        OR NEW.occurred_at <> original.occurred_at THEN
        RAISE EXCEPTION 'time_saved: a reversal must negate the row it reverses';
      END IF;
      RETURN NEW;
    END
    $$`.execute(db);
  await sql`CREATE TRIGGER time_saved_check_reversal BEFORE INSERT ON time_saved
    FOR EACH ROW EXECUTE FUNCTION time_saved_check_reversal()`.execute(db);

  // The report's sums by month (Swedish time), one table per breakdown so none multiplies another's
  // keys: per organisation spared × reason, per requester, per survey question, per dataset. `rows` is the net number of
  // answers spared: a reversal subtracts the row it reverses.
  await db.schema
    .createTable("time_saved_monthly")
    .addColumn("month", "date", (c) => c.notNull())
    .addColumn("organisation_id", "uuid", (c) => c.notNull())
    .addColumn("reason", "text", (c) => c.notNull())
    .addColumn("rows", "bigint", (c) => c.notNull())
    .addColumn("minutes", "bigint", (c) => c.notNull())
    .addColumn("minutes_low", "bigint", (c) => c.notNull())
    .addColumn("minutes_high", "bigint", (c) => c.notNull())
    .addPrimaryKeyConstraint("time_saved_monthly_pkey", ["month", "organisation_id", "reason"])
    .execute();
  await db.schema
    .createTable("time_saved_requester_monthly")
    .addColumn("month", "date", (c) => c.notNull())
    .addColumn("requester_type", "text", (c) => c.notNull())
    .addColumn("requester_organisation", "text", (c) => c.notNull())
    .addColumn("rows", "bigint", (c) => c.notNull())
    .addColumn("minutes", "bigint", (c) => c.notNull())
    .addColumn("minutes_low", "bigint", (c) => c.notNull())
    .addColumn("minutes_high", "bigint", (c) => c.notNull())
    .addPrimaryKeyConstraint("time_saved_requester_monthly_pkey", ["month", "requester_type", "requester_organisation"])
    .execute();
  await db.schema
    .createTable("time_saved_question_monthly")
    .addColumn("month", "date", (c) => c.notNull())
    .addColumn("question_id", "uuid", (c) => c.notNull())
    .addColumn("rows", "bigint", (c) => c.notNull())
    .addColumn("minutes", "bigint", (c) => c.notNull())
    .addPrimaryKeyConstraint("time_saved_question_monthly_pkey", ["month", "question_id"])
    .execute();
  await db.schema
    .createTable("time_saved_dataset_monthly")
    .addColumn("month", "date", (c) => c.notNull())
    .addColumn("dataset_id", "uuid", (c) => c.notNull())
    .addColumn("rows", "bigint", (c) => c.notNull())
    .addColumn("minutes", "bigint", (c) => c.notNull())
    .addPrimaryKeyConstraint("time_saved_dataset_monthly_pkey", ["month", "dataset_id"])
    .execute();
  // Statement-level with a transition table: a bulk insert updates each summary row once.
  // The requester is named only as the request shows it publicly (an organisation's name when
  // shown so), else by kind; a survey row without a request counts under ''.
  await sql`
    CREATE FUNCTION time_saved_summarise() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      INSERT INTO time_saved_monthly AS s (month, organisation_id, reason, rows, minutes, minutes_low, minutes_high)
      SELECT date_trunc('month', n.occurred_at AT TIME ZONE 'Europe/Stockholm')::date, n.organisation_id, n.reason,
             sum(CASE WHEN n.reverses_id IS NULL THEN 1 ELSE -1 END),
             sum(n.minutes), sum(coalesce(n.minutes_low, n.minutes)), sum(coalesce(n.minutes_high, n.minutes))
      FROM new_rows n GROUP BY 1, 2, 3
      ON CONFLICT (month, organisation_id, reason) DO UPDATE SET
        rows = s.rows + EXCLUDED.rows, minutes = s.minutes + EXCLUDED.minutes,
        minutes_low = s.minutes_low + EXCLUDED.minutes_low, minutes_high = s.minutes_high + EXCLUDED.minutes_high;
      INSERT INTO time_saved_requester_monthly AS s (month, requester_type, requester_organisation, rows, minutes, minutes_low, minutes_high)
      SELECT date_trunc('month', n.occurred_at AT TIME ZONE 'Europe/Stockholm')::date, coalesce(r.requester_type, ''),
             CASE WHEN r.requester_shown_as = 'organisation' THEN coalesce(r.requester_organisation_name, '') ELSE '' END,
             sum(CASE WHEN n.reverses_id IS NULL THEN 1 ELSE -1 END),
             sum(n.minutes), sum(coalesce(n.minutes_low, n.minutes)), sum(coalesce(n.minutes_high, n.minutes))
      FROM new_rows n LEFT JOIN requests r ON r.id = n.request_id GROUP BY 1, 2, 3
      ON CONFLICT (month, requester_type, requester_organisation) DO UPDATE SET
        rows = s.rows + EXCLUDED.rows, minutes = s.minutes + EXCLUDED.minutes,
        minutes_low = s.minutes_low + EXCLUDED.minutes_low, minutes_high = s.minutes_high + EXCLUDED.minutes_high;
      INSERT INTO time_saved_dataset_monthly AS s (month, dataset_id, rows, minutes)
      SELECT date_trunc('month', n.occurred_at AT TIME ZONE 'Europe/Stockholm')::date, n.dataset_id,
             sum(CASE WHEN n.reverses_id IS NULL THEN 1 ELSE -1 END), sum(n.minutes)
      FROM new_rows n WHERE n.dataset_id IS NOT NULL GROUP BY 1, 2
      ON CONFLICT (month, dataset_id) DO UPDATE SET rows = s.rows + EXCLUDED.rows, minutes = s.minutes + EXCLUDED.minutes;
      INSERT INTO time_saved_question_monthly AS s (month, question_id, rows, minutes)
      SELECT date_trunc('month', n.occurred_at AT TIME ZONE 'Europe/Stockholm')::date, n.question_id,
             sum(CASE WHEN n.reverses_id IS NULL THEN 1 ELSE -1 END), sum(n.minutes)
      FROM new_rows n WHERE n.question_id IS NOT NULL GROUP BY 1, 2
      ON CONFLICT (month, question_id) DO UPDATE SET rows = s.rows + EXCLUDED.rows, minutes = s.minutes + EXCLUDED.minutes;
      RETURN NULL;
    END
    $$`.execute(db);
  await sql`CREATE TRIGGER time_saved_summarise AFTER INSERT ON time_saved
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION time_saved_summarise()`.execute(db);
  // The rows written before this migration (none has scenario figures, a dataset or a reversal), summarised once.
  await sql`
    INSERT INTO time_saved_monthly (month, organisation_id, reason, rows, minutes, minutes_low, minutes_high)
    SELECT date_trunc('month', occurred_at AT TIME ZONE 'Europe/Stockholm')::date, organisation_id, reason,
           count(*), sum(minutes), sum(minutes), sum(minutes)
    FROM time_saved GROUP BY 1, 2, 3`.execute(db);
  await sql`
    INSERT INTO time_saved_requester_monthly (month, requester_type, requester_organisation, rows, minutes, minutes_low, minutes_high)
    SELECT date_trunc('month', t.occurred_at AT TIME ZONE 'Europe/Stockholm')::date, coalesce(r.requester_type, ''),
           CASE WHEN r.requester_shown_as = 'organisation' THEN coalesce(r.requester_organisation_name, '') ELSE '' END,
           count(*), sum(t.minutes), sum(t.minutes), sum(t.minutes)
    FROM time_saved t LEFT JOIN requests r ON r.id = t.request_id GROUP BY 1, 2, 3`.execute(db);
  await sql`
    INSERT INTO time_saved_question_monthly (month, question_id, rows, minutes)
    SELECT date_trunc('month', occurred_at AT TIME ZONE 'Europe/Stockholm')::date, question_id, count(*), sum(minutes)
    FROM time_saved WHERE question_id IS NOT NULL GROUP BY 1, 2`.execute(db);

  await reverseRowsOfTheEarlierRule(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP TRIGGER time_saved_summarise ON time_saved`.execute(db);
  await sql`DROP FUNCTION time_saved_summarise()`.execute(db);
  await sql`DROP TRIGGER time_saved_check_reversal ON time_saved`.execute(db);
  await sql`DROP FUNCTION time_saved_check_reversal()`.execute(db);
  await db.schema.dropTable("time_saved_dataset_monthly").execute();
  await db.schema.dropTable("time_saved_question_monthly").execute();
  await db.schema.dropTable("time_saved_requester_monthly").execute();
  await db.schema.dropTable("time_saved_monthly").execute();
  await db.schema.dropIndex("time_saved_request_idx").execute();
  // The ledger is append-only: reversal rows and their columns stay; a down migration of the
  // ledger's shape cannot undo evidence, so only what holds no ledger facts is dropped.
  await db.schema.dropTable("time_saved_assumption_minutes").execute();
}

/**
 * Rows of the earlier rule (every target credited; they carry no basis) that the conservative rule
 * would not have written, reversed by appending a row that names each (nothing is updated).
 * Existing data: kept where the organisation's own dataset, or a dataset of the region, answered
 * the request. Merged duplicate: kept where the original asked the organisation too (its tasks
 * once routed, else its targets). Running it again adds nothing. Exported for its test.
 */
export async function reverseRowsOfTheEarlierRule(db: Kysely<any>): Promise<void> {
  await sql`
    INSERT INTO time_saved (occurred_at, request_id, organisation_id, minutes, reason, assumption_version, basis, basis_detail, reverses_id)
    SELECT t.occurred_at, t.request_id, t.organisation_id, -t.minutes, t.reason, t.assumption_version, 'reversal',
           jsonb_build_object('rule', CASE t.reason WHEN 'existing_dataset' THEN 'own_or_regional_dataset' ELSE 'asked_by_both' END,
                              'migration', '2026-12-03T0900', 'correctedAt', now()),
           t.id
    FROM time_saved t
    WHERE t.reverses_id IS NULL AND t.basis IS NULL
      AND NOT EXISTS (SELECT 1 FROM time_saved x WHERE x.reverses_id = t.id)
      AND (
        (t.reason = 'existing_dataset' AND NOT EXISTS (
          SELECT 1 FROM request_datasets rd
          JOIN datasets d ON d.id = rd.dataset_id
          JOIN catalogue_sources cs ON cs.id = d.source_id
          JOIN organisations p ON p.id = coalesce(d.publisher_organisation_id, cs.publisher_organisation_id)
          WHERE rd.request_id = t.request_id AND rd.reason = 'accepted_answer'
            AND (p.id = t.organisation_id OR p.type = 'region')))
        OR (t.reason = 'duplicate_merged' AND NOT EXISTS (
          SELECT 1 FROM requests dup
          WHERE dup.id = t.request_id AND dup.duplicate_of IS NOT NULL AND (
            EXISTS (SELECT 1 FROM tasks k WHERE k.request_id = dup.duplicate_of AND k.organisation_id = t.organisation_id)
            OR (NOT EXISTS (SELECT 1 FROM tasks k WHERE k.request_id = dup.duplicate_of)
                AND EXISTS (SELECT 1 FROM request_targets rt WHERE rt.request_id = dup.duplicate_of AND rt.organisation_id = t.organisation_id)))))
      )`.execute(db);
}
