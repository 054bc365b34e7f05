import { Fragment } from "react";

/**
 * The words of a search (three letters or more) as the stems a reader would recognise: an inflected
 * word ("badplatser") marks its other forms ("badplats", "badplatsen") by their common beginning.
 */
export function searchStems(query: string) {
  const words = [...new Set(query.toLocaleLowerCase("sv").match(/[\p{L}\d]{3,}/gu) ?? [])];
  return words.map((word) => (word.length > 5 ? word.slice(0, word.length - 2) : word));
}

function escapeForRegExp(text: string) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** The text with the parts that begin with a search word's stem in <mark>, for a result list. */
export function MarkedText({ text, stems }: { text: string; stems: string[] }) {
  if (stems.length === 0 || !text) return <>{text}</>;
  // Longest stems first, so "badplats" wins over "bad" where both begin the same word.
  const pattern = new RegExp(
    `(${[...stems]
      .sort((a, b) => b.length - a.length)
      .map(escapeForRegExp)
      .join("|")})`,
    "giu",
  );
  const parts = text.split(pattern);
  return <>{parts.map((part, index) => (index % 2 === 1 ? <mark key={index}>{part}</mark> : <Fragment key={index}>{part}</Fragment>))}</>;
}
