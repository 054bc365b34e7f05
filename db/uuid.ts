/**
 * Whether a string is a UUID as PostgreSQL reads one (any version): an id from an address or a
 * form is checked before it reaches a `uuid` column, where a malformed one would fail the query.
 */
export function isUuid(value: string): boolean {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);
}
