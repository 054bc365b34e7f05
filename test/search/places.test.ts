import { beforeAll, describe, expect, it } from "vitest";
import { db } from "../../db/client.server";
import { referenceOrganisations } from "../../db/seed/organisations";
import { getSearchEngine } from "../../search/engines/select-engine.server";
import { drainOutbox } from "../../search/indexing/outbox.server";
import { ENGLISH_MUNICIPALITY_NAMES } from "../../search/language/english-place-names";
import { COMMON_WORD_NAMES, createPlaceFinder, placeFinderFor, type Place, type PlaceFinder } from "../../search/language/places.server";
import { swedishWords } from "../../search/language/swedish-words.server";
import { fold, tokenize } from "../../search/language/text";
import { createTestDataset } from "../factories/dataset";

// Every municipality of the reference data the organisations table is seeded from, not a chosen few.
const places: Place[] = referenceOrganisations().map((org) => ({
  kommunkod: org.kommunkod!,
  name: org.name,
  type: org.type as Place["type"],
}));
const municipalities = places.filter((place) => place.type === "municipality");
let words: ReadonlySet<string>;
let findPlaces: PlaceFinder;
const named = (text: string) => findPlaces(tokenize(text)).municipalities.map((m) => m.name);

beforeAll(async () => {
  words = await swedishWords();
  findPlaces = createPlaceFinder(places, words);
});

const genitive = (name: string) => (name.endsWith("s") ? name : `${name}s`);

describe("every municipality in the forms requesters write", () => {
  it("has all 49 municipalities and the region to recognise", () => {
    expect(municipalities).toHaveLength(49);
    expect(places.filter((place) => place.type === "region")).toHaveLength(1);
  });

  it("finds each by its name, in the genitive, with kommun or stad, without diacritics and in capitals", () => {
    for (const { name } of municipalities) {
      const forms = [
        `badplatser i ${name}`,
        `Vi behöver ${genitive(name)} badplatser`,
        `bygglov i ${genitive(name)} kommun`,
        `parkering i ${name} stad`,
        `detaljplaner ${genitive(name)} stads`,
        // Lower case is how a name that is also a word ("mark", "vara") is told from the word.
        COMMON_WORD_NAMES.has(fold(name)) ? `badplatser i ${fold(name)} kommun` : `badplatser i ${fold(name)}`,
        `badplatser i ${fold(name)} kommun`,
        `BADPLATSER I ${name.toUpperCase()} KOMMUN`,
      ];
      for (const form of forms) expect(named(form), form).toEqual([name]);
    }
  });

  it("finds each by its English name, with 'Municipality' or 'City of'", () => {
    for (const { kommunkod, name } of municipalities) {
      const english = ENGLISH_MUNICIPALITY_NAMES[kommunkod];
      expect(english, name).toMatch(/ Municipality$/);
      const short = english.replace(/ Municipality$/, "");
      for (const form of [
        `bathing sites in ${english}`,
        `parking in the City of ${short}`,
        `bathing sites in ${short}`,
        `a list of ${short}'s bathing sites`,
      ]) {
        expect(named(form), form).toEqual([name]);
      }
    }
    expect(named("Where can I swim in Gothenburg?")).toEqual(["Göteborg"]);
    expect(named("air quality in the city of gothenburg")).toEqual(["Göteborg"]);
  });

  it("takes the name's words out of what is searched for, the noun after it too", () => {
    const result = findPlaces(tokenize("bygglov i Lilla Edets kommun"));
    expect([...result.placeTokens].sort()).toEqual([2, 3, 4]);
    expect([...findPlaces(tokenize("Göteborgs Stads parkeringar")).placeTokens].sort()).toEqual([0, 1]);
    expect([...findPlaces(tokenize("bathing sites in Gothenburg Municipality")).placeTokens].sort()).toEqual([3, 4]);
  });

  it("finds names of two words written as one, and several names in one request", () => {
    expect(named("bygglov i Lillaedet")).toEqual(["Lilla Edet"]);
    expect(named("badplatser i DalsEd")).toEqual(["Dals-Ed"]);
    expect(named("Jämför Trollhättan, Vänersborg och Lilla Edet")).toEqual(["Trollhättan", "Vänersborg", "Lilla Edet"]);
  });

  it("reads the whole region as no municipality in particular, in Swedish and English", () => {
    for (const text of [
      "Västra Götalandsregionens vårdcentraler",
      "alla kommuner i Västra Götaland",
      "Region Västra Götaland health centres",
    ]) {
      const result = findPlaces(tokenize(text));
      expect(result.regionWide, text).toBe(true);
      expect(result.municipalities, text).toEqual([]);
    }
  });
});

describe("a misspelt name", () => {
  it("is recognised with one typo in a name of 7 letters or more", () => {
    const cases: [string, string][] = [
      ["toaletter i Uddevala", "Uddevalla"],
      ["parkering i Trolhättan", "Trollhättan"],
      ["parkering i Trollhatan", "Trollhättan"],
      ["bygglov i Lila Edet", "Lilla Edet"],
      ["cykelvägar i Götebrog", "Göteborg"],
      ["bathing in Gotheburg", "Göteborg"],
      ["badplatser i Alingsaas", "Alingsås"],
      ["skolor i Lidköpnig", "Lidköping"],
      ["skolor i Vänesborg", "Vänersborg"],
      ["förskolor i Mölndahl", "Mölndal"],
      ["Kungälvs kommn", "Kungälv"],
      ["badplatser i Vargarda", "Vårgårda"],
    ];
    for (const [text, place] of cases) expect(named(text), text).toEqual([place]);
  });

  it("is recognised for every long enough name with a letter dropped, doubled or swapped", () => {
    const missed: string[] = [];
    for (const { name } of municipalities) {
      const folded = fold(name);
      if (folded.replace(/[^a-z]/g, "").length < 7 || COMMON_WORD_NAMES.has(folded)) continue;
      // In the middle of the name's longest word: "Lilla Edet" → "Lila Edet", "Lillla Edet", "Lilal Edet".
      const longest = name.split(/[\s-]/).reduce((a, b) => (b.length > a.length ? b : a));
      const middle = name.indexOf(longest) + Math.floor(longest.length / 2);
      const typos = [
        name.slice(0, middle) + name.slice(middle + 1),
        name.slice(0, middle) + name[middle] + name.slice(middle),
        name.slice(0, middle) + name[middle + 1] + name[middle] + name.slice(middle + 2),
      ];
      for (const typo of typos) if (typo !== name && named(`data om ${typo}`).join() !== name) missed.push(typo);
    }
    expect(missed).toEqual([]);
  });

  it("is not guessed for short names, nor between two names equally near", () => {
    expect(named("badplatser i Tjön")).toEqual([]);
    expect(named("badplatser i Boras")).toEqual(["Borås"]);
    expect(named("badplatser i Borsa")).toEqual([]);
  });
});

describe("ordinary words stay words", () => {
  it("takes a name that is also a word only when it is written as a name", () => {
    expect(named("hur mark och vatten får användas")).toEqual([]);
    expect(named("Mark och vatten i Borås")).toEqual(["Borås"]);
    expect(named("MARK OCH VATTEN")).toEqual([]);
    expect(named("det kan vara bra")).toEqual([]);
    expect(named("en skara frivilliga")).toEqual([]);
    expect(named("ginger ale sales")).toEqual([]);
    expect(named("detaljplaner i Mark")).toEqual(["Mark"]);
    expect(named("detaljplaner i mark kommun")).toEqual(["Mark"]);
    expect(named("the municipality of ale")).toEqual(["Ale"]);
    expect(named("badplatser på Tjörn")).toEqual(["Tjörn"]);
  });

  it("does not read a word with other diacritics than the name's as the name", () => {
    expect(named("vi måste skära ner")).toEqual([]);
    expect(named("våra badplatser")).toEqual([]);
    expect(named("märk kartan")).toEqual([]);
  });

  it("lists every municipality name that is also a Swedish word as one to be written as a name", () => {
    const alsoWords = municipalities.map((m) => fold(m.name)).filter((name) => words.has(name));
    expect(alsoWords.length).toBeGreaterThan(0);
    for (const name of alsoWords) expect(COMMON_WORD_NAMES, name).toContain(name);
  });

  it("never reads a word of the Swedish dictionary, or its inflected forms, as a place", { timeout: 120_000 }, () => {
    const read: string[] = [];
    for (const word of words) {
      for (const form of [word, `${word}s`, `${word}en`, `${word}ar`, `${word}er`, `${word}arna`]) {
        const found = named(`uppgifter om ${form}`);
        if (found.length > 0) read.push(`${form} → ${found.join()}`);
      }
    }
    expect(words.size).toBeGreaterThan(100_000);
    expect(read).toEqual([]);
  });
});

describe("places from the organisations table", () => {
  beforeAll(async () => {
    await createTestDataset({ title: "Bygglov", keywords: ["bygglov"], publisherKommunkod: "1490" });
    await createTestDataset({ title: "Bygglov", keywords: ["bygglov"], publisherKommunkod: "1462" });
    await createTestDataset({ title: "Bygglov", keywords: ["bygglov"], publisherKommunkod: "1480" });
    const drained = await drainOutbox(getSearchEngine());
    expect(drained.error).toBeNull();
  });

  it("recognises all of the table's municipalities, English names included", async () => {
    const finder = await placeFinderFor(db);
    for (const { name } of municipalities)
      expect(finder(tokenize(`data om ${genitive(name)} kommun`)).municipalities.map((m) => m.name)).toEqual([name]);
    expect(finder(tokenize("Gothenburg")).municipalities).toEqual([{ kommunkod: "1480", name: "Göteborg" }]);
  });

  it("lifts the named municipality's datasets above the others' however the name is written", async () => {
    const cases: [string, string][] = [
      ["bygglov i Lilla Edets kommun", "Lilla Edet"],
      ["bygglov Lila Edet", "Lilla Edet"],
      ["bygglov i Gothenburg", "Göteborg"],
      ["bygglov Göteborgs Stad", "Göteborg"],
      ["bygglov i Boras stad", "Borås"],
    ];
    for (const [text, publisher] of cases) {
      const result = await getSearchEngine().match(text, { limit: 3 });
      expect(result.datasets[0]?.publisher, text).toBe(publisher);
    }
  });
});
