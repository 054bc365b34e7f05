/** "Most demanded, least covered": the forum's work list and its request to those who lack (issue 14, ADR 044). */
const sv = {
  "title.specificationWorklist": "Mest efterfrågat, minst täckt",
  "title.specificationWorklistRequest": "Fråga dem som saknar data",
  "nav.worklist": "Arbetslista för specifikationer",

  "worklist.link": "Mest efterfrågat, minst täckt – forumets arbetslista",
  "worklist.title": "Mest efterfrågat, minst täckt",
  "worklist.intro":
    "Forumets arbetslista: de specifikationer som flest frågar efter och som färst kommuner publicerar data enligt kommer först.",
  "worklist.formulaTitle": "Så räknas ordningen",
  "worklist.formulaDemand":
    "Efterfrågan = antalet personer som har frågat efter specifikationens data + antalet frågor i skickade enkäter som gäller den + antalet röster på förfrågningarna.",
  "worklist.formulaCoverage":
    "Täckning = andelen av de 49 kommunerna och regionen som publicerar data som anger specifikationen (dct:conformsTo).",
  "worklist.formulaRank": "Listan ordnas efter efterfrågan × (1 − täckning). Vid lika värde kommer den mest efterfrågade först.",
  "worklist.sameKindNote":
    "”Samma slag” betyder att kommunen publicerar data av det slaget utan att ange specifikationen. Det är portalens matchnings bedömning, inte kommunens egen uppgift.",
  "worklist.caption": "Specifikationer, mest efterfrågade och minst täckta först",
  "worklist.rank": "Plats",
  "worklist.specification": "Specifikation",
  "worklist.demand": "Efterfrågan",
  "worklist.coverage": "Täckning",
  "worklist.lacking": "Saknar data",
  "worklist.request": "Förfrågan",
  "worklist.requesters.one": "{count} person har frågat",
  "worklist.requesters.other": "{count} personer har frågat",
  "worklist.surveyQuestions.one": "{count} enkätfråga",
  "worklist.surveyQuestions.other": "{count} enkätfrågor",
  "worklist.votes.one": "{count} röst",
  "worklist.votes.other": "{count} röster",
  "worklist.demandTotal": "Efterfrågan {total}",
  "worklist.share": "{percent} täckt",
  "worklist.conforming.one": "{count} följer specifikationen",
  "worklist.conforming.other": "{count} följer specifikationen",
  "worklist.sameKind.one": "{count} samma slag, inte angiven (matchningens bedömning)",
  "worklist.sameKind.other": "{count} samma slag, inte angiven (matchningens bedömning)",
  "worklist.none.one": "{count} inga data",
  "worklist.none.other": "{count} inga data",
  "worklist.lackingSummary.one": "{count} saknar",
  "worklist.lackingSummary.other": "{count} saknar",
  "worklist.lackingNone": "Alla publicerar",
  "worklist.kind.same_kind": "samma slag, inte angiven",
  "worklist.kind.none": "inga data",
  "worklist.sendRequest": "Fråga dem som saknar {name}",
  "worklist.lastRequest.one": "Förfrågan {number} skickades {date} till {count} organisation.",
  "worklist.lastRequest.other": "Förfrågan {number} skickades {date} till {count} organisationer.",
  "worklist.empty": "Det finns inga specifikationer i bruk.",

  "worklistRequest.title": "Fråga dem som saknar {name}",
  "worklistRequest.intro":
    "En förfrågan i din organisations namn går till varje kommun (och regionen) som inte publicerar data enligt specifikationen, med en uppgift var och ett sista svarsdatum. Du ser mottagarna innan något skickas.",
  "worklistRequest.back": "Till arbetslistan",
  "worklistRequest.requestTitle": "Rubrik",
  "worklistRequest.body": "Vad efterfrågas",
  "worklistRequest.purpose": "Vad datan ska användas till",
  "worklistRequest.includeSameKind":
    "Fråga också dem som publicerar data av samma slag utan att ange specifikationen (matchningens bedömning)",
  "worklistRequest.dueDate": "Svara senast",
  "worklistRequest.dueDateHint": "Ett datum i formen ÅÅÅÅ-MM-DD, en arbetsdag från och med i dag.",
  "worklistRequest.review": "Visa mottagarna",
  "worklistRequest.confirmTitle": "Bekräfta mottagarna",
  "worklistRequest.confirmIntro.one": "Förfrågan ”{title}” går till {count} organisation med svar senast {date}:",
  "worklistRequest.confirmIntro.other": "Förfrågan ”{title}” går till {count} organisationer med svar senast {date}:",
  "worklistRequest.recipients": "Mottagare",
  "worklistRequest.send.one": "Skicka till {count} organisation",
  "worklistRequest.send.other": "Skicka till {count} organisationer",
  "worklistRequest.change": "Ändra förfrågan",
  "worklistRequest.sent.one": "Förfrågan {number} är skickad till {count} organisation med svar senast {date}.",
  "worklistRequest.sent.other": "Förfrågan {number} är skickad till {count} organisationer med svar senast {date}.",
  "worklistRequest.openRequest": "Öppna förfrågan {number}",
  "worklistRequest.lackingCount.one": "Just nu saknar {count} organisation data enligt specifikationen.",
  "worklistRequest.lackingCount.other": "Just nu saknar {count} organisationer data enligt specifikationen.",
  "worklistRequest.sameKindCount.one":
    "Ytterligare {count} publicerar data av samma slag utan att ange specifikationen (matchningens bedömning).",
  "worklistRequest.sameKindCount.other":
    "Ytterligare {count} publicerar data av samma slag utan att ange specifikationen (matchningens bedömning).",
  "worklistRequest.defaultTitle": "Data enligt specifikationen {name}",
  "worklistRequest.defaultBody":
    "Regionens forum för öppna data ber er publicera data enligt specifikationen {name} {version}{uri}. Publicera gärna datan i er katalog hos Dataportal Väst och ange specifikationen i dct:conformsTo, eller svara här om ni inte har datan.",
  "worklistRequest.defaultPurpose":
    "Flera har efterfrågat den här sortens data. När alla kommuner publicerar den på samma sätt kan den användas för hela Västra Götaland.",

  "errors.worklistSpecificationRetired": "Specifikationen har gått ut. Ingen förfrågan är skickad.",
  "errors.worklistNothingLacking": "Ingen kommun saknar data enligt specifikationen. Ingen förfrågan är skickad.",
  "errors.worklistLackingChanged":
    "Vilka som saknar data har ändrats sedan du såg listan. Se över de nya mottagarna och skicka igen; ingenting är skickat.",
};

const en: Record<keyof typeof sv, string> = {
  "title.specificationWorklist": "Most demanded, least covered",
  "title.specificationWorklistRequest": "Ask those who lack the data",
  "nav.worklist": "Specification work list",

  "worklist.link": "Most demanded, least covered – the forum's work list",
  "worklist.title": "Most demanded, least covered",
  "worklist.intro": "The forum's work list: the specifications most people ask for and fewest municipalities publish data to come first.",
  "worklist.formulaTitle": "How the order is counted",
  "worklist.formulaDemand":
    "Demand = the number of people who asked for the specification's data + the number of questions in sent surveys about it + the number of votes on the requests.",
  "worklist.formulaCoverage":
    "Coverage = the share of the 49 municipalities and the region that publish data declaring the specification (dct:conformsTo).",
  "worklist.formulaRank": "The list is ordered by demand × (1 − coverage). Where that is equal, the more demanded comes first.",
  "worklist.sameKindNote":
    "“Same kind” means the municipality publishes data of that kind without declaring the specification. That is the portal's matcher's judgement, not the municipality's own statement.",
  "worklist.caption": "Specifications, most demanded and least covered first",
  "worklist.rank": "Rank",
  "worklist.specification": "Specification",
  "worklist.demand": "Demand",
  "worklist.coverage": "Coverage",
  "worklist.lacking": "Lacking the data",
  "worklist.request": "Request",
  "worklist.requesters.one": "{count} person asked",
  "worklist.requesters.other": "{count} people asked",
  "worklist.surveyQuestions.one": "{count} survey question",
  "worklist.surveyQuestions.other": "{count} survey questions",
  "worklist.votes.one": "{count} vote",
  "worklist.votes.other": "{count} votes",
  "worklist.demandTotal": "Demand {total}",
  "worklist.share": "{percent} covered",
  "worklist.conforming.one": "{count} conforms",
  "worklist.conforming.other": "{count} conform",
  "worklist.sameKind.one": "{count} same kind, not declared (the matcher's judgement)",
  "worklist.sameKind.other": "{count} same kind, not declared (the matcher's judgement)",
  "worklist.none.one": "{count} no data",
  "worklist.none.other": "{count} no data",
  "worklist.lackingSummary.one": "{count} lacks",
  "worklist.lackingSummary.other": "{count} lack",
  "worklist.lackingNone": "All publish",
  "worklist.kind.same_kind": "same kind, not declared",
  "worklist.kind.none": "no data",
  "worklist.sendRequest": "Ask those who lack {name}",
  "worklist.lastRequest.one": "Request {number} was sent on {date} to {count} organisation.",
  "worklist.lastRequest.other": "Request {number} was sent on {date} to {count} organisations.",
  "worklist.empty": "No specification is in use.",

  "worklistRequest.title": "Ask those who lack {name}",
  "worklistRequest.intro":
    "One request in your organisation's name goes to every municipality (and the region) that does not publish data to the specification, with one task each and a due date. You see the recipients before anything is sent.",
  "worklistRequest.back": "Back to the work list",
  "worklistRequest.requestTitle": "Title",
  "worklistRequest.body": "What is asked for",
  "worklistRequest.purpose": "What the data will be used for",
  "worklistRequest.includeSameKind":
    "Also ask those who publish data of the same kind without declaring the specification (the matcher's judgement)",
  "worklistRequest.dueDate": "Answer by",
  "worklistRequest.dueDateHint": "A date as YYYY-MM-DD, a working day from today on.",
  "worklistRequest.review": "Show the recipients",
  "worklistRequest.confirmTitle": "Confirm the recipients",
  "worklistRequest.confirmIntro.one": "The request “{title}” goes to {count} organisation, to answer by {date}:",
  "worklistRequest.confirmIntro.other": "The request “{title}” goes to {count} organisations, to answer by {date}:",
  "worklistRequest.recipients": "Recipients",
  "worklistRequest.send.one": "Send to {count} organisation",
  "worklistRequest.send.other": "Send to {count} organisations",
  "worklistRequest.change": "Change the request",
  "worklistRequest.sent.one": "Request {number} has been sent to {count} organisation, to answer by {date}.",
  "worklistRequest.sent.other": "Request {number} has been sent to {count} organisations, to answer by {date}.",
  "worklistRequest.openRequest": "Open request {number}",
  "worklistRequest.lackingCount.one": "At present {count} organisation lacks data to the specification.",
  "worklistRequest.lackingCount.other": "At present {count} organisations lack data to the specification.",
  "worklistRequest.sameKindCount.one":
    "{count} more publishes data of the same kind without declaring the specification (the matcher's judgement).",
  "worklistRequest.sameKindCount.other":
    "{count} more publish data of the same kind without declaring the specification (the matcher's judgement).",
  "worklistRequest.defaultTitle": "Data to the specification {name}",
  "worklistRequest.defaultBody":
    "The region's open-data forum asks you to publish data to the specification {name} {version}{uri}. Please publish it in your catalogue at Dataportal Väst and declare the specification in dct:conformsTo, or answer here if you do not hold the data.",
  "worklistRequest.defaultPurpose":
    "Several people have asked for this kind of data. When every municipality publishes it the same way, it can be used for all of Västra Götaland.",

  "errors.worklistSpecificationRetired": "The specification has been retired. No request has been sent.",
  "errors.worklistNothingLacking": "No municipality lacks data to the specification. No request has been sent.",
  "errors.worklistLackingChanged":
    "Who lacks the data has changed since you saw the list. Review the new recipients and send again; nothing has been sent.",
};

export const specificationWorklistMessages = { sv, en };
