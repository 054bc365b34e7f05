/**
 * A refused form comes back with what was typed as one string per field; a list field (ticked
 * checkboxes) is its values joined by a line break, which none of them can hold: a choice is one
 * line of the survey builder's list, the others are ids. A comma could be in a choice ("Skog, mark").
 */
const KEPT_LIST_SEPARATOR = "\n";

export function joinKeptList(kept: string | undefined, value: string) {
  return kept ? `${kept}${KEPT_LIST_SEPARATOR}${value}` : value;
}

/** A list field's kept values; undefined when the form sent none, [] when it was sent empty. */
export function keptList(values: Record<string, string> | undefined, name: string): string[] | undefined {
  const kept = values?.[name];
  if (kept === undefined) return undefined;
  return kept === "" ? [] : kept.split(KEPT_LIST_SEPARATOR);
}
