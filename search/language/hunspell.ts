/**
 * Whether a word is an ordinary word of a Hunspell dictionary (the dictionary-sv / dictionary-en
 * family): a lower-case entry, or one with a prefix or suffix its flags allow ("hills" from
 * "hill/MS", "planer" from "plan/ABDHXY"). Compounds are not read: Swedish Hunspell builds a
 * compound of almost any letters (nspell's check of "hills" and "sledging" says Swedish), and the
 * question asked here is which language a word of a request belongs to. Pure; no file access.
 */
export interface DictionaryWords {
  has(word: string): boolean;
  /** Entries read (for the memory note and tests). */
  readonly size: number;
}

interface Affix {
  flag: string;
  strip: string;
  add: string;
  /** On the end of the stem (suffix) or its start (prefix), with the stripped letters put back. */
  condition: RegExp | null;
  cross: boolean;
}

/**
 * Flags meaning "not a word alone" (NEEDAFFIX), "no word at all" (ONLYINCOMPOUND, FORBIDDENWORD),
 * and NOSUGGEST: accepted but never offered, which dictionary-sv gives to rare, vulgar and borrowed
 * words ("pollution", "public"); as evidence of a language they are too weak.
 */
const NOT_ALONE_DIRECTIVES = ["NEEDAFFIX", "ONLYINCOMPOUND", "FORBIDDENWORD", "NOSUGGEST"];
const NO_WORD_DIRECTIVES = ["ONLYINCOMPOUND", "FORBIDDENWORD", "NOSUGGEST"];

/** `dic`: the .dic file, or its lines when another reader of the same file has split it already. */
export function readHunspell(
  aff: string,
  dic: string | readonly string[],
  normalise: (word: string) => string = (w) => w,
): DictionaryWords {
  const suffixes = new Map<string, Affix[]>();
  const prefixes = new Map<string, Affix[]>();
  const notAlone = new Set<string>();
  const noWord = new Set<string>();
  const cross = new Map<string, boolean>();
  let longestSuffix = 0;
  let longestPrefix = 0;

  for (const line of aff.split("\n")) {
    const fields = line.trim().split(/\s+/);
    if (NOT_ALONE_DIRECTIVES.includes(fields[0]) && fields[1]) notAlone.add(fields[1]);
    if (NO_WORD_DIRECTIVES.includes(fields[0]) && fields[1]) noWord.add(fields[1]);
    if (fields[0] !== "SFX" && fields[0] !== "PFX") continue;
    const suffix = fields[0] === "SFX";
    const key = `${fields[0]} ${fields[1]}`;
    // The header line: "SFX D Y 4" (flag, cross product, number of rules).
    if (fields.length === 4 && /^\d+$/.test(fields[3]) && !cross.has(key)) {
      cross.set(key, fields[2] === "Y");
      continue;
    }
    if (fields.length < 4) continue;
    const strip = fields[2] === "0" ? "" : normalise(fields[2]);
    const add = fields[3] === "0" ? "" : normalise(fields[3].split("/")[0]);
    const affix: Affix = {
      flag: fields[1],
      strip,
      add,
      condition: conditionOf(fields[4] ? normalise(fields[4]) : ".", suffix),
      cross: cross.get(key) ?? false,
    };
    const byAdd = suffix ? suffixes : prefixes;
    byAdd.set(add, [...(byAdd.get(add) ?? []), affix]);
    if (suffix) longestSuffix = Math.max(longestSuffix, add.length);
    else longestPrefix = Math.max(longestPrefix, add.length);
  }

  // Only lower-case entries: a capitalised one is a name ("Mark", "Paris"), not an ordinary word.
  const entries = new Map<string, string>();
  for (const line of (typeof dic === "string" ? dic.split("\n") : dic).slice(1)) {
    const [raw, flags = ""] = line.trim().split("/", 2);
    if (!/^\p{Ll}[\p{L}'-]*$/u.test(raw)) continue;
    const word = normalise(raw);
    const all = (entries.get(word) ?? "") + flags.split(/\s/)[0];
    entries.set(word, all);
  }

  const notAloneFlags = [...notAlone];
  const noWordFlags = [...noWord];
  const flagsOf = (word: string) => entries.get(word);
  const hasFlag = (word: string, flag: string) => flagsOf(word)?.includes(flag) ?? false;
  const alone = (word: string) => {
    const flags = flagsOf(word);
    return flags !== undefined && !notAloneFlags.some((f) => flags.includes(f));
  };
  const affixable = (stem: string) => !noWordFlags.some((f) => hasFlag(stem, f));

  /** Stems a suffix rule turns into `word`, with the rule. */
  function suffixed(word: string, visit: (stem: string, affix: Affix) => boolean): boolean {
    for (let length = 0; length <= Math.min(longestSuffix, word.length - 1); length++) {
      const rules = suffixes.get(word.slice(word.length - length));
      if (!rules) continue;
      const rest = word.slice(0, word.length - length);
      for (const affix of rules) {
        const stem = rest + affix.strip;
        if ((!affix.condition || affix.condition.test(stem)) && visit(stem, affix)) return true;
      }
    }
    return false;
  }

  function has(word: string): boolean {
    if (word.length === 0) return false;
    if (alone(word)) return true;
    if (suffixed(word, (stem, affix) => hasFlag(stem, affix.flag) && affixable(stem))) return true;
    for (let length = 1; length <= Math.min(longestPrefix, word.length - 1); length++) {
      const rules = prefixes.get(word.slice(0, length));
      if (!rules) continue;
      const rest = word.slice(length);
      for (const prefix of rules) {
        const inner = prefix.strip + rest;
        if (prefix.condition && !prefix.condition.test(inner)) continue;
        if (hasFlag(inner, prefix.flag) && affixable(inner)) return true;
        if (!prefix.cross) continue;
        // "unhills" is no word, "rebuilding" is: prefix and suffix together when both allow it.
        if (suffixed(inner, (stem, suffix) => suffix.cross && hasFlag(stem, suffix.flag) && hasFlag(stem, prefix.flag) && affixable(stem)))
          return true;
      }
    }
    return false;
  }

  return { has, size: entries.size };
}

/** Hunspell's condition is a small regular expression: letters, ".", "[…]" and "[^…]". */
function conditionOf(condition: string, suffix: boolean): RegExp | null {
  if (condition === ".") return null;
  const source = condition.replace(/[\\$^*+?(){}|]/g, (c, offset: number) => (c === "^" && condition[offset - 1] === "[" ? c : `\\${c}`));
  try {
    return new RegExp(suffix ? `${source}$` : `^${source}`, "u");
  } catch {
    return null;
  }
}
