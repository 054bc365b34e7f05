/**
 * An answer's value as text: a number with a decimal comma in Swedish, yes/no in the reader's
 * words, several choices separated by commas. Shared by the results table and the CSV.
 */
export function formatSurveyValue(value: number | string | boolean | string[], words: { yes: string; no: string; locale: "sv" | "en" }) {
  if (typeof value === "boolean") return value ? words.yes : words.no;
  if (typeof value === "number") return words.locale === "sv" ? String(value).replace(".", ",") : String(value);
  if (Array.isArray(value)) return value.join(", ");
  return value;
}
