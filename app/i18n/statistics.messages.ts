/** The public accountability pages (issue 9, ADR 024): statistics, the chart, the organisation page. */
const sv = {
  "nav.statistics": "Statistik",
  "title.statistics": "Kommunernas svar i siffror",
  "title.organisation": "Organisation",

  "statistics.title": "Kommunernas svar i siffror",
  "statistics.intro":
    "Hur kommunerna i Västra Götaland svarar på förfrågningarna: hur många uppgifter som är öppna, försenade och besvarade, hur många arbetsdagar ett svar brukar ta och hur stor andel som besvaras i tid.",
  "statistics.chartTitle": "Andel uppgifter besvarade i tid, per kommun",
  "statistics.chartDescription.one":
    "Liggande stapeldiagram över {count} kommun. Högst: {best}, {bestShare}. Lägst: {worst}, {worstShare}. Samma siffror finns i tabellen nedan.",
  "statistics.chartDescription.other":
    "Liggande stapeldiagram över {count} kommuner i rangordning. Högst: {best}, {bestShare}. Lägst: {worst}, {worstShare}. Samma siffror finns i tabellen nedan.",
  "statistics.chartCaption": "Varje stapel visar en kommuns andel besvarade i tid. Tabellen nedan har alla siffror.",
  "statistics.chartNone": "Ingen kommun har besvarat eller missat en svarsdag ännu, så det finns inget diagram att visa.",
  "statistics.tableTitle": "Alla kommuner",
  "statistics.tableCaption": "Kommunerna rangordnade efter andel besvarade i tid, sedan efter median arbetsdagar till svar.",
  "statistics.rank": "Placering",
  "statistics.municipality": "Kommun",
  "statistics.open": "Öppna",
  "statistics.overdue": "Försenade",
  "statistics.answered": "Besvarade",
  "statistics.median": "Median arbetsdagar till svar",
  "statistics.shareInTime": "Besvarade i tid",
  "statistics.datasets": "Länkade datamängder",
  "statistics.notRanked": "Ej rangordnad",
  "statistics.csv": "Ladda ner siffrorna som CSV (för Excel)",
  "statistics.definitionsTitle": "Så räknas siffrorna",
  "statistics.definitionOpen": "Uppgifter som väntar på svar i förfrågningar som fortfarande är öppna.",
  "statistics.definitionOverdue":
    "Öppna uppgifter vars sista svarsdag har passerat. Svarsdagen räknas i svenska arbetsdagar, utan helger och röda dagar.",
  "statistics.definitionAnswered":
    "Uppgifter som kommunen har svarat på, publicerat data för, svarat att uppgifterna inte finns eller avböjt med skäl.",
  "statistics.definitionMedian":
    "Mittersta antalet arbetsdagar från att förfrågan skickades till kommunen tills den svarade. Hälften av svaren kom snabbare.",
  "statistics.definitionShareInTime":
    "Svar senast på sista svarsdagen, som andel av alla svar och alla försenade uppgifter. En uppgift som aldrig besvaras räknas alltså som sen.",
  "statistics.definitionDatasets": "Olika datamängder som kommunens svar och publiceringar länkar till.",

  "organisationPage.figuresTitle": "Siffror",
  "organisationPage.toStatistics": "Jämför med andra kommuner",
  "organisationPage.notHeldAndDeclined": "varav {notHeld} där uppgifterna inte finns och {declined}",
  "organisationPage.declined.one": "{count} avböjd",
  "organisationPage.declined.other": "{count} avböjda",
  "organisationPage.datasetsTitle": "Datamängder i svaren",
  "organisationPage.datasetsNone": "Inga svar har länkat datamängder ännu.",
  "organisationPage.datasetRequest": "svar på förfrågan {number}",
  "organisationPage.pendingDataset": "kommer i katalogen",
  "organisationPage.requestsTitle": "Förfrågningar till {name}",
  "organisationPage.requestsNone": "{name} har inte fått några förfrågningar ännu.",
  "organisationPage.requestNumber": "Nr",
  "organisationPage.requestTitle": "Förfrågan",
  "organisationPage.taskStatus": "Status",
  "organisationPage.dueDate": "Sista svarsdag",
  "organisationPage.answeredAt": "Besvarad",
  "organisationPage.overdue": "Försenad",
  "organisationPage.kommunkod": "Kommunkod {kommunkod}",
};

const en: Record<keyof typeof sv, string> = {
  "nav.statistics": "Statistics",
  "title.statistics": "The municipalities' answers in figures",
  "title.organisation": "Organisation",

  "statistics.title": "The municipalities' answers in figures",
  "statistics.intro":
    "How the municipalities of Västra Götaland answer the requests: how many tasks are open, overdue and answered, how many working days an answer usually takes, and what share is answered in time.",
  "statistics.chartTitle": "Share of tasks answered in time, per municipality",
  "statistics.chartDescription.one":
    "Horizontal bar chart of {count} municipality. Highest: {best}, {bestShare}. Lowest: {worst}, {worstShare}. The table below has the same figures.",
  "statistics.chartDescription.other":
    "Horizontal bar chart of {count} municipalities in ranked order. Highest: {best}, {bestShare}. Lowest: {worst}, {worstShare}. The table below has the same figures.",
  "statistics.chartCaption": "Each bar shows one municipality's share answered in time. The table below has every figure.",
  "statistics.chartNone": "No municipality has answered or missed a due date yet, so there is no chart to show.",
  "statistics.tableTitle": "All municipalities",
  "statistics.tableCaption": "The municipalities ranked by share answered in time, then by median working days to answer.",
  "statistics.rank": "Rank",
  "statistics.municipality": "Municipality",
  "statistics.open": "Open",
  "statistics.overdue": "Overdue",
  "statistics.answered": "Answered",
  "statistics.median": "Median working days to answer",
  "statistics.shareInTime": "Answered in time",
  "statistics.datasets": "Linked datasets",
  "statistics.notRanked": "Not ranked",
  "statistics.csv": "Download the figures as CSV (for Excel)",
  "statistics.definitionsTitle": "How the figures are counted",
  "statistics.definitionOpen": "Tasks waiting for an answer in requests that are still open.",
  "statistics.definitionOverdue":
    "Open tasks whose due date has passed. Due dates are counted in Swedish working days, without weekends and public holidays.",
  "statistics.definitionAnswered":
    "Tasks the municipality has answered, published data for, said it does not hold the data, or declined with a reason.",
  "statistics.definitionMedian":
    "The middle number of working days from the request being sent to the municipality until it answered. Half of the answers came sooner.",
  "statistics.definitionShareInTime":
    "Answers given by the due date, as a share of all answers and all overdue tasks. A task never answered therefore counts as late.",
  "statistics.definitionDatasets": "Distinct datasets the municipality's answers and publications link to.",

  "organisationPage.figuresTitle": "Figures",
  "organisationPage.toStatistics": "Compare with other municipalities",
  "organisationPage.notHeldAndDeclined": "of which {notHeld} where the data is not held and {declined}",
  "organisationPage.declined.one": "{count} declined",
  "organisationPage.declined.other": "{count} declined",
  "organisationPage.datasetsTitle": "Datasets in the answers",
  "organisationPage.datasetsNone": "No answer has linked a dataset yet.",
  "organisationPage.datasetRequest": "answer to request {number}",
  "organisationPage.pendingDataset": "coming to the catalogue",
  "organisationPage.requestsTitle": "Requests to {name}",
  "organisationPage.requestsNone": "{name} has not been sent any requests yet.",
  "organisationPage.requestNumber": "No.",
  "organisationPage.requestTitle": "Request",
  "organisationPage.taskStatus": "Status",
  "organisationPage.dueDate": "Due date",
  "organisationPage.answeredAt": "Answered",
  "organisationPage.overdue": "Overdue",
  "organisationPage.kommunkod": "Municipality code {kommunkod}",
};

export const statisticsMessages = { sv, en };
