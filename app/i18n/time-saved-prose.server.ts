/**
 * The long prose of the time-saved pages (the methodology, the report's and the assumptions' introductions),
 * kept out of the message catalogue every page ships to the browser (ADR 018): the loaders hand the
 * reader's language's text to the page. Swedish first, as the catalogue.
 */
const sv = {
  "report.intro":
    "Hur många timmar kommunerna och regionen har sluppit lägga på svar, därför att data redan fanns, ett svar redan var givet eller samma fråga redan ställts. Varje siffra är en summa av rader i tidsbesparingsloggen, och varje rad säger varför den finns.",
  "methodology.intro":
    "Portalen för en logg över tid som kommunerna och regionen sluppit lägga på svar. Loggen skrivs bara till: en rad ändras aldrig, och en felaktig rad rättas med en ny rad som tar ut den. Rapporten är summor av loggens rader, och varje rad kan hämtas som CSV.",
  "methodology.formula":
    "Sparad tid = summan av loggens rader. En rad är en organisation som slapp svara en gång, med minuterna enligt de antaganden som gällde när raden skrevs.",
  "methodology.ruleExisting":
    "Besvarad med data som redan fanns: en rad för varje tillfrågad organisation vars egen datamängd svarade (datamängdens utgivare, eller katalogkällans, är organisationen), eller för varje tillfrågad organisation när en datamängd från Västra Götalandsregionen svarade, eftersom regionens data täcker länets kommuner. Godtar någon en datamängd från Borås för en fråga till alla 49 kommuner sparas alltså Borås svar, inte 49.",
  "methodology.ruleMerged":
    "Dubblett sammanslagen: en rad för varje organisation som båda förfrågningarna skulle ha frågat (originalets uppgifter när det är skickat, annars dess mottagare).",
  "methodology.rulePublished":
    "Publicerad datamängd: när en kommuns publicerade datamängd också besvarar sammanslagna dubbletter och andra frågeställares röster, en rad för var och en av dem (inte för den som frågade först).",
  "methodology.ruleQuestions":
    "Enkätfråga som inte ställdes: en rad per fråga och kommun som öppna data eller kommunens tidigare svar redan besvarade, med frågans egen uppskattade svarstid.",
  "methodology.ruleReversal":
    "Rättelser: en rad som inte borde ha skrivits tas ut av en ny rad med samma organisation och skäl och negativa minuter, bokförd i samma månad som raden den tar ut (när rättelsen gjordes står på raden). Rader som skrevs efter den tidigare, generösare regeln (alla tillfrågade krediterades) har tagits ut på det sättet.",
  "methodology.conservative": "Vi räknar hellre för lite än för mycket: siffran ska hålla vid en granskning.",
  "methodology.sourceSambruk":
    "En svensk studie (Sambruk) räknade med omkring 700 enkäter per år till Sveriges kommuner och omkring 800 000 timmars svarstid. Delat på 700 enkäter och 290 kommuner blir det ungefär 3,9 timmar per kommunalt svar, avrundat till 240 minuter. Siffran är ett genomsnitt över enkäter; den är inte uppmätt för dataförfrågningar.",
  "methodology.sourceScenarios":
    "Det låga (halva) och det höga (dubbla) scenariot är samordnarnas känslighetsintervall, inte uppmätta värden. Enkätfrågor räknas med frågans egen uppskattning i mellanscenariot och med en andel av den i de andra.",
  "assumptions.intro":
    "Varje sparad ändring blir en ny version som gäller för rader som skrivs från och med nu. Rader som redan skrivits ändras aldrig.",
};

const en: Record<keyof typeof sv, string> = {
  "report.intro":
    "How many hours the municipalities and the region did not have to spend answering, because the data already existed, an answer had already been given or the same question had already been asked. Every figure is a sum of rows in the time-saved ledger, and every row says why it is there.",
  "methodology.intro":
    "The portal keeps a ledger of time the municipalities and the region did not have to spend answering. The ledger is only ever added to: a row is never changed, and a wrong row is corrected by a new row that cancels it. The report is sums of the ledger's rows, and every row can be downloaded as CSV.",
  "methodology.formula":
    "Time saved = the sum of the ledger's rows. A row is one organisation spared one answer, with the minutes of the assumptions in force when the row was written.",
  "methodology.ruleExisting":
    "Answered with existing data: one row for each organisation asked whose own dataset answered (the dataset's publisher, or its catalogue source's, is the organisation), or for every organisation asked when a dataset of Västra Götalandsregionen answered, since the region's data covers the county's municipalities. Accepting a Borås dataset for a question to all 49 municipalities therefore saves Borås's answer, not 49.",
  "methodology.ruleMerged":
    "Duplicate merged: one row for each organisation both requests would have asked (the original's tasks once it is routed, else its recipients).",
  "methodology.rulePublished":
    "Published dataset: when a municipality's published dataset also answers merged duplicates and other requesters' votes, one row for each of them (not for whoever asked first).",
  "methodology.ruleQuestions":
    "Survey question not asked: one row per question and municipality that open data or the municipality's earlier answer already answered, with the question's own estimated answer time.",
  "methodology.ruleReversal":
    "Corrections: a row that should not have been written is cancelled by a new row with the same organisation and reason and negative minutes, booked in the same month as the row it cancels (when the correction was made is on the row). Rows written under the earlier, more generous rule (every organisation asked was credited) have been cancelled that way.",
  "methodology.conservative": "We would rather count too little than too much: the figure must survive an audit.",
  "methodology.sourceSambruk":
    "A Swedish study (Sambruk) counted about 700 surveys a year to Sweden's municipalities and about 800,000 hours of answer time. Divided by 700 surveys and 290 municipalities that is about 3.9 hours per municipal answer, rounded to 240 minutes. The figure is an average over surveys; it was not measured for data requests.",
  "methodology.sourceScenarios":
    "The low (half) and high (double) scenarios are the coordinators' sensitivity range, not measured values. Survey questions count the question's own estimate in the central scenario and a share of it in the others.",
  "assumptions.intro":
    "Every saved change becomes a new version, used for the rows written from now on. Rows already written never change.",
};

export type TimeSavedProseKey = keyof typeof sv;

export function timeSavedProse(locale: "sv" | "en"): Record<TimeSavedProseKey, string> {
  return locale === "en" ? en : sv;
}
