import { sql, type Kysely } from "kysely";

// Frozen: never edit a migration that has shipped; add a new one.

/**
 * The coverage grid (issue 14, ADR 042) read `specification_keys(conforms_to)` through an
 * expression index, but each matched row still ran the function (four regular expressions per
 * address) to recheck and to tell the exact address from another version: ~330 ms for 100
 * specifications over 100,000 datasets. The keys are now a stored column, computed once when a
 * harvest writes the row, and the GIN index is on the column.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`DROP INDEX IF EXISTS datasets_specification_keys_idx`.execute(db);
  await sql`ALTER TABLE datasets ADD COLUMN specification_keys text[] GENERATED ALWAYS AS (specification_keys(conforms_to)) STORED`.execute(
    db,
  );
  await sql`CREATE INDEX datasets_specification_keys_idx ON datasets USING gin (specification_keys)
            WHERE removed_at IS NULL AND cardinality(specification_keys) > 0`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP INDEX IF EXISTS datasets_specification_keys_idx`.execute(db);
  await sql`ALTER TABLE datasets DROP COLUMN specification_keys`.execute(db);
  await sql`CREATE INDEX datasets_specification_keys_idx ON datasets USING gin (specification_keys(conforms_to))
            WHERE removed_at IS NULL AND cardinality(conforms_to) > 0`.execute(db);
}
