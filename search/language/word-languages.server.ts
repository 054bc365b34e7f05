import { readHunspell } from "./hunspell";
import { fold } from "./text";
import type { WordLanguages } from "./word-language";

/**
 * The English and Swedish Hunspell dictionaries (dictionary-en: SCOWL-based en_US, MIT/BSD;
 * dictionary-sv: Göran Andersson's, LGPL-3.0; both packaged by wooorm/dictionaries), read once per
 * process on the first match. Measured on the 2-core machine under load ~12: ~1.2 s to read, ~24 MB
 * of heap (~65 MB of RSS), 1–3 µs per word for both (ADR 033, 2026-11-30).
 */
let languages: Promise<WordLanguages> | undefined;

export function wordLanguages(): Promise<WordLanguages> {
  languages ??= Promise.all([import("dictionary-en"), import("dictionary-sv")]).then(([{ default: en }, { default: sv }]) => {
    const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);
    return {
      english: readHunspell(text(en.aff), text(en.dic)),
      swedish: readHunspell(text(sv.aff), text(sv.dic), fold),
    };
  });
  languages.catch(() => (languages = undefined));
  return languages;
}
