import { describe, expect, it } from "vitest";
import { createPlaceFinder, type Place } from "../../search/language/places.server";
import { analyseRequest, meaningText } from "../../search/language/request-analysis";
import { tokenize } from "../../search/language/text";

const places: Place[] = [
  { kommunkod: "14", name: "Västra Götalandsregionen", type: "region" },
  { kommunkod: "1490", name: "Borås", type: "municipality" },
  { kommunkod: "1496", name: "Skövde", type: "municipality" },
  { kommunkod: "1494", name: "Lidköping", type: "municipality" },
  { kommunkod: "1480", name: "Göteborg", type: "municipality" },
  { kommunkod: "1438", name: "Dals-Ed", type: "municipality" },
  { kommunkod: "1462", name: "Lilla Edet", type: "municipality" },
  { kommunkod: "1463", name: "Mark", type: "municipality" },
  { kommunkod: "1470", name: "Vara", type: "municipality" },
  { kommunkod: "1485", name: "Uddevalla", type: "municipality" },
];
const findPlaces = createPlaceFinder(places);
const named = (text: string) => findPlaces(tokenize(text)).municipalities.map((m) => m.name);

describe("municipalities named in a request", () => {
  it("finds plain, genitive and diacritic-free forms", () => {
    expect(named("badplatser i Borås")).toEqual(["Borås"]);
    expect(named("Borås stads badplatser")).toEqual(["Borås"]);
    expect(named("Göteborgs cykelvägar")).toEqual(["Göteborg"]);
    expect(named("laddstolpar skovde")).toEqual(["Skövde"]);
    expect(named("LIDKÖPINGS KOMMUN")).toEqual(["Lidköping"]);
  });

  it("finds several, and names of more than one word", () => {
    expect(named("Jämför budgeten för Skövde och Lidköping")).toEqual(["Skövde", "Lidköping"]);
    expect(named("badplatser i Dals-Ed")).toEqual(["Dals-Ed"]);
    expect(named("bygglov i Lilla Edets kommun")).toEqual(["Lilla Edet"]);
  });

  it("takes a name that is also a word only when it is written as a name", () => {
    expect(named("hur mark och vatten får användas")).toEqual([]);
    expect(named("det kan vara bra")).toEqual([]);
    expect(named("detaljplaner i Mark")).toEqual(["Mark"]);
    expect(named("detaljplaner i mark kommun")).toEqual(["Mark"]);
    expect(named("Vara kommuns badplatser")).toEqual(["Vara"]);
  });

  it("recognises a long name with a typo", () => {
    expect(named("toaletter i Uddevala")).toEqual(["Uddevalla"]);
  });

  it("reads the whole region as no municipality in particular", () => {
    const result = findPlaces(tokenize("meritvärden för kommunerna i Västra Götaland"));
    expect(result.municipalities).toEqual([]);
    expect(result.regionWide).toBe(true);
  });
});

describe("the words a request asks with", () => {
  it("drops the errand and keeps what is asked for", () => {
    const request = analyseRequest("Vi är ett konsultföretag som behöver mätningar av fordonsflöden i Lidköping", findPlaces);
    expect(request.words.map((w) => w.folded)).toEqual(["matningar", "fordonsfloden"]);
    expect(request.places.municipalities.map((m) => m.kommunkod)).toEqual(["1494"]);
  });

  it("marks what follows 'data om' and 'statistik över' as the focus, and generic words as generic", () => {
    const request = analyseRequest("Statistik över antal vildsvin som fällts vid jakt", findPlaces);
    const byWord = Object.fromEntries(request.words.map((w) => [w.folded, w]));
    expect(byWord.vildsvin.focus).toBe(true);
    expect(byWord.statistik.generic).toBe(true);
    expect(byWord.antal.generic).toBe(true);
    expect(byWord.jakt.focus).toBe(false);
  });

  it("marks the noun a keyword request qualifies as the focus, not the words that qualify it", () => {
    const focusOf = (text: string) =>
      analyseRequest(text, findPlaces)
        .words.filter((w) => w.focus)
        .map((w) => w.folded);
    expect(focusOf("skolskjutsar för elever på landsbygden")).toEqual(["skolskjutsar"]);
    expect(focusOf("trasiga gatlampor som väntar på lagning i Borås")).toEqual(["gatlampor"]);
    expect(focusOf("Borås snöröjning vid gång- och cykelvägar")).toEqual(["snorojning"]);
    expect(focusOf("Parking garages with electric charging")).toEqual(["garages"]);
    // Without a word that opens a qualifier, or in a sentence, nothing is guessed.
    expect(focusOf("trasiga gatlampor")).toEqual([]);
    expect(focusOf("var kan man ladda elbilen i Skövde")).toEqual([]);
    // A cue names the focus: the first noun of the request is not taken as well.
    expect(focusOf("statistik över skolskjutsar för elever")).toEqual(["skolskjutsar"]);
  });

  it("lets the focus count twice in what meaning reads", () => {
    const request = analyseRequest("skolskjutsar för elever på landsbygden i Skövde", findPlaces);
    expect(meaningText(request)).toBe("skolskjutsar skolskjutsar elever landsbygden");
  });

  it("tells an English request from a Swedish one", () => {
    expect(analyseRequest("Which municipalities publish air quality measurements?", findPlaces).english).toBe(true);
    expect(analyseRequest("Var finns det toaletter i Uddevalla?", findPlaces).english).toBe(false);
  });

  it("gives nothing to search for in punctuation, and reads a long paste only up to a limit", () => {
    expect(analyseRequest("?!., ;:-- …", findPlaces).words).toEqual([]);
    expect(analyseRequest("x".repeat(5000), findPlaces).words).toEqual([]);
    const long = analyseRequest("badplatser lekplatser cykelvägar förskolor ".repeat(200), findPlaces);
    expect(long.words.length).toBe(4);
  });
});
