/**
 * The columns of the portal's CSV files, each with what it holds in Swedish and English (ADR 038):
 * the files' headers are taken from here, and docs/open-data.md lists the same columns (a test
 * holds them together), so the documentation cannot drift from the files.
 */
export interface CsvColumn {
  /** The header in the file (Swedish, as Swedish Excel users read it). */
  header: string;
  sv: string;
  en: string;
}

export const headersOf = (columns: readonly CsvColumn[]) => columns.map((column) => column.header);

/** `/requests.csv[?filter]`: the register, one row per request, newest number first. */
export const registerCsvColumns: CsvColumn[] = [
  { header: "Nummer", sv: "Förfrågans nummer (/requests/<nummer>)", en: "The request's number (/requests/<number>)" },
  { header: "Titel", sv: "Förfrågans titel", en: "The request's title" },
  { header: "Beskrivning", sv: "Förfrågans text (Markdown)", en: "The request's text (Markdown)" },
  { header: "Typ", sv: "data eller enkät", en: "data or survey (in Swedish: data, enkät)" },
  { header: "Status", sv: "Status med portalens ord", en: "Status in the portal's Swedish words" },
  { header: "Statuskod", sv: "Status som kod (open, answered …), som i API:t", en: "Status as a code (open, answered …), as in the API" },
  {
    header: "Tillfrågade",
    sv: "Tillfrågade organisationer; ”alla kommuner” eller ”regionen” när förfrågan gick till alla",
    en: "Organisations asked; “alla kommuner” (every municipality) or “regionen” (the region) when it went to all",
  },
  {
    header: "Kommunkoder",
    sv: "De valda organisationernas kommunkoder, kommaseparerade",
    en: "The chosen organisations' codes, comma-separated",
  },
  { header: "Taggar", sv: "Taggar, kommaseparerade", en: "Tags, comma-separated" },
  { header: "Röster", sv: "Antal röster", en: "Number of votes" },
  { header: "Kommentarer", sv: "Antal kommentarer", en: "Number of comments" },
  {
    header: "Frågeställare",
    sv: "Namn eller organisation om frågeställaren valt att visas, annars tomt",
    en: "Name or organisation if the requester chose to be shown, else empty",
  },
  { header: "Skapad", sv: "När förfrågan skickades in (ISO 8601, UTC)", en: "When the request was submitted (ISO 8601, UTC)" },
  {
    header: "Ändrad",
    sv: "Senaste ändring av status eller innehåll (ISO 8601, UTC)",
    en: "Last change of status or content (ISO 8601, UTC)",
  },
  {
    header: "Besvarad",
    sv: "När förfrågan besvarades (ISO 8601, UTC), annars tomt",
    en: "When the request was answered (ISO 8601, UTC), else empty",
  },
  {
    header: "Sista svarsdag",
    sv: "Svarsdag för kommunerna (ÅÅÅÅ-MM-DD), annars tomt",
    en: "The municipalities' due date (YYYY-MM-DD), else empty",
  },
  { header: "Adress", sv: "Förfrågans sida", en: "The request's page" },
];

/** `/enkater/<id>/resultat.csv`: one row per answer the reader may see. */
export const surveyCsvColumns: CsvColumn[] = [
  { header: "Kommun", sv: "Den svarande organisationen", en: "The answering organisation" },
  { header: "Kommunkod", sv: "Dess kommunkod (länets: 14)", en: "Its municipality code (the county's: 14)" },
  { header: "Fråga nr", sv: "Frågans nummer i enkäten", en: "The question's number in the survey" },
  { header: "Fråga", sv: "Frågans text", en: "The question's text" },
  {
    header: "Svar",
    sv: "Svaret (ja/nej, tal med decimalkomma, text, val)",
    en: "The answer (ja/nej, numbers with a decimal comma, text, choices)",
  },
  {
    header: "Källa",
    sv: "besvarad, tidigare svar eller öppna data",
    en: "besvarad (typed), tidigare svar (earlier answer) or öppna data (open data)",
  },
  { header: "Återanvänt", sv: "ja om svaret återanvändes, annars nej", en: "ja if the answer was reused, else nej" },
  { header: "Datamängd", sv: "Datamängden som gav svaret, annars tomt", en: "The dataset that gave the answer, else empty" },
  { header: "Besvarad", sv: "Svarsdag (ÅÅÅÅ-MM-DD)", en: "Day answered (YYYY-MM-DD)" },
];

/** `/statistik.csv`: one row per municipality, in the statistics page's order. */
export const statisticsCsvColumns: CsvColumn[] = [
  { header: "Placering", sv: "Plats i rangordningen (tom om ej rangordnad)", en: "Rank (empty when not ranked)" },
  { header: "Kommun", sv: "Kommunens namn", en: "The municipality's name" },
  { header: "Kommunkod", sv: "Kommunkod", en: "Municipality code" },
  {
    header: "Andel besvarade i tid (%)",
    sv: "Andel uppgifter besvarade i tid, hel procent",
    en: "Share of tasks answered in time, whole per cent",
  },
  {
    header: "Median arbetsdagar till svar",
    sv: "Median antal arbetsdagar till svar, decimalkomma",
    en: "Median working days to answer, decimal comma",
  },
  { header: "Öppna uppgifter", sv: "Uppgifter som väntar på svar", en: "Tasks waiting for an answer" },
  { header: "Försenade uppgifter", sv: "Öppna uppgifter efter sista svarsdag", en: "Open tasks past their due date" },
  { header: "Besvarade uppgifter", sv: "Uppgifter med svar", en: "Tasks answered" },
  { header: "Varav uppgifterna finns inte", sv: "Besvarade med att uppgifterna inte finns", en: "Answered as not held" },
  { header: "Varav avböjda", sv: "Avböjda med motivering", en: "Declined with a reason" },
  { header: "Besvarade i tid", sv: "Besvarade senast sista svarsdag", en: "Answered by the due date" },
  { header: "Länkade datamängder", sv: "Olika datamängder som svaren länkar", en: "Distinct datasets the answers link" },
];

/** `/specifikationer/tackning.csv`: the coverage grid, one row per municipality (and the region) × specification (issue 14). */
export const coverageCsvColumns: CsvColumn[] = [
  { header: "Kommunkod", sv: "Kommunkod (14 för regionen)", en: "Municipality code (14 for the region)" },
  { header: "Kommun", sv: "Kommunens eller regionens namn", en: "The municipality's or the region's name" },
  { header: "Specifikation", sv: "Specifikationens namn", en: "The specification's name" },
  { header: "Version", sv: "Specifikationens version (tom om ingen)", en: "The specification's version (empty when none)" },
  { header: "Adress", sv: "Specifikationens adress (dct:conformsTo)", en: "The specification's address (dct:conformsTo)" },
  {
    header: "Täckning",
    sv: "conforming (följer), same_kind (samma slag, anger det inte: matcharens bedömning) eller none (inget)",
    en: "conforming, same_kind (same kind, not declared: the matcher's judgement) or none",
  },
  { header: "Datamängder", sv: "Antal datamängder bakom cellen", en: "Number of datasets behind the cell" },
  {
    header: "Annan version",
    sv: "ja när datamängderna anger en annan version (eller ingen) av adressen",
    en: "ja (yes) when the datasets name another version (or none) of the address",
  },
];
