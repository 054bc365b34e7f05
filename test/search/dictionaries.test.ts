import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "../../db/client.server";
import { placeFinderFor } from "../../search/language/places.server";
import { swedishWords } from "../../search/language/swedish-words.server";
import { fold } from "../../search/language/text";
import { wordLanguages } from "../../search/language/word-languages.server";

/**
 * The Swedish spelling dictionary (dictionary-sv, 2.3 MB) serves two readers: the place
 * recogniser's ordinary words (ADR 028) and the word languages (ADR 033). It is decoded and read
 * once per process for both, however many matches ask for it at once. Counted by what it costs:
 * the dictionary file's bytes turned into text.
 */
const swedishSize = (await import("dictionary-sv")).default.dic.byteLength;
const englishSize = (await import("dictionary-en")).default.dic.byteLength;

const decoded: number[] = [];
const decode = TextDecoder.prototype.decode;
beforeAll(() => {
  TextDecoder.prototype.decode = function (this: TextDecoder, input?: AllowSharedBufferSource, options?: TextDecodeOptions) {
    if (input && "byteLength" in input) decoded.push(input.byteLength);
    return decode.call(this, input, options);
  };
});
afterAll(() => {
  TextDecoder.prototype.decode = decode;
});

describe("the Swedish dictionary", () => {
  it("is read once per process for the place recogniser and the word languages, also when matches ask at once", async () => {
    const [words, languages] = await Promise.all([swedishWords(), wordLanguages(), placeFinderFor(db), swedishWords(), wordLanguages()]);
    await Promise.all([swedishWords(), wordLanguages(), placeFinderFor(db)]);
    expect(decoded.filter((bytes) => bytes === swedishSize)).toHaveLength(1);
    expect(decoded.filter((bytes) => bytes === englishSize)).toHaveLength(1);

    // Both views of the one read: the place recogniser's base forms, the word languages' entries with their affixes.
    expect(words.size).toBeGreaterThan(100_000);
    expect(languages.swedish.size).toBeGreaterThan(100_000);
    expect(words.has("grästorv") && languages.swedish.has(fold("grästorvens"))).toBe(true);
  });
});
