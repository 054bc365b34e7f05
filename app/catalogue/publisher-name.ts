/**
 * Catalogues name municipalities as "Borås Stad", "Skövde kommun", "Mölndals stad" or
 * "Municipality of Umeå"; our organisations are "Borås", "Skövde", "Mölndal". These keys let
 * both meet: lower case, no diacritics, no "kommun"/"stad"/"municipality", no genitive s.
 */
export function publisherNameKeys(name: string): string[] {
  const plain = name
    .toLowerCase()
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[^a-z0-9]+/g, " ")
    .trim();
  const core = plain
    .replace(/^(municipality|city) of /, "")
    .replace(/ (kommun|kommuns|stad|stads|municipality|city)$/, "")
    .trim();
  const keys = new Set([plain, core]);
  // Genitive: "mölndals stad" → "mölndal"; "borås" stays as it is and also matches as itself.
  if (core !== plain && core.endsWith("s")) keys.add(core.slice(0, -1));
  return [...keys].filter(Boolean);
}
