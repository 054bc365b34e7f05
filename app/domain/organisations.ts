/**
 * The kinds of organisation, as the database stores them (ADR 017). Plain values, so pages may
 * import them; db/schema.ts repeats the list as the column's type (db/ imports nothing from app/),
 * and test/domain/vocabulary.test.ts checks that the two and the CHECK constraint agree.
 */
export const organisationTypes = ["municipality", "region", "authority", "company", "research", "other"] as const;
export type OrganisationType = (typeof organisationTypes)[number];
