/**
 * Text handling shared by the engines and the matcher: how a request is cut into words, and how
 * words are compared when diacritics or a typo differ. No database here.
 */

/** "Skövde" → "skovde": what PostgreSQL's `unaccent` does to Swedish letters. */
export function fold(text: string): string {
  return text
    .normalize("NFD")
    .replace(/\p{M}+/gu, "")
    .toLowerCase();
}

export interface Token {
  /** As typed, in lower case ("skövde"). */
  lower: string;
  /** Lower case without diacritics ("skovde"). */
  folded: string;
  /** Typed with a capital first letter: tells the place "Mark" from the noun "mark". */
  capitalised: boolean;
  /** The character between this token and the next one when it is a hyphen (Dals-Ed, EU-bad). */
  hyphenatedToNext: boolean;
  /** Index of the token in the request. */
  index: number;
}

/**
 * Longer runs of letters are not words a requester types (pasted hashes, base64, a key held
 * down); PostgreSQL would not index them either.
 */
const MAX_WORD_LENGTH = 40;
/** A request is read up to this many words; a pasted document beyond it adds nothing but time. */
const MAX_TOKENS = 300;

export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  // Letters and digits; everything else (punctuation, emoji, symbols) separates words.
  const pattern = /[\p{L}\p{N}]+/gu;
  let match: RegExpExecArray | null;
  while ((match = pattern.exec(text)) && tokens.length < MAX_TOKENS) {
    const word = match[0];
    if (word.length > MAX_WORD_LENGTH) continue;
    const next = text[match.index + word.length];
    const afterNext = text[match.index + word.length + 1] ?? "";
    tokens.push({
      lower: word.toLowerCase(),
      folded: fold(word),
      capitalised: /^\p{Lu}/u.test(word),
      hyphenatedToNext: (next === "-" || next === "‐") && /[\p{L}\p{N}]/u.test(afterNext),
      index: tokens.length,
    });
  }
  return tokens;
}

/** Optimal string alignment distance (Damerau–Levenshtein with adjacent transpositions). */
export function editDistance(a: string, b: string, max = Infinity): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[][] = Array.from({ length: rows }, (_, i) => {
    const row = new Array<number>(cols).fill(0);
    row[0] = i;
    return row;
  });
  for (let j = 0; j < cols; j++) d[0][j] = j;
  for (let i = 1; i < rows; i++) {
    let rowMin = Infinity;
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) value = Math.min(value, d[i - 2][j - 2] + 1);
      d[i][j] = value;
      rowMin = Math.min(rowMin, value);
    }
    if (rowMin > max) return max + 1;
  }
  return d[a.length][b.length];
}

/** How many typos a word of this length may carry and still be recognised. */
export function allowedTypos(length: number): number {
  if (length < 5) return 0;
  if (length < 9) return 1;
  return 2;
}
