/**
 * The specification a request or a survey question asks for: suggested by the matcher, confirmed
 * in triage or in the survey editor, shown on the request page and its timeline (issue 14, ADR 042).
 */
const sv = {
  "errors.specificationChoose": "Välj en specifikation ur listan.",
  "errors.specificationUnknown": "Specifikationen finns inte i registret. Välj en ur listan.",
  "errors.specificationRetired": "Specifikationen har gått ut och kan inte kopplas. Välj en som gäller, till exempel den som ersätter den.",

  "specificationLink.title": "Specifikation",
  "specificationLink.intro":
    "Vilken specifikation efterfrågar förfrågan? Kopplingen räknas som efterfrågan på specifikationen och visas på förfrågans sida.",
  "specificationLink.questionIntro": "Vilken specifikation efterfrågar frågan? Kopplingen räknas som efterfrågan när enkäten har skickats.",
  "specificationLink.current": "Kopplad till",
  "specificationLink.none": "Ingen specifikation är kopplad.",
  "specificationLink.remove": "Ta bort kopplingen",
  "specificationLink.removeLabel": "Ta bort kopplingen till {name}",
  "specificationLink.suggestions": "Matcharens förslag",
  "specificationLink.suggestionsHint":
    "Från de datamängder som matchar texten (och de som redan är kopplade) och vilken specifikation de anger att de följer (dct:conformsTo).",
  "specificationLink.noSuggestions": "Matcharen hittade inga datamängder som anger en specifikation för den här texten.",
  "specificationLink.why.one": "{count} matchad datamängd anger den",
  "specificationLink.why.other": "{count} matchade datamängder anger den",
  "specificationLink.confirm": "Koppla",
  "specificationLink.confirmLabel": "Koppla {name}",
  "specificationLink.linked": "kopplad",
  "specificationLink.register": "Välj ur registret",
  "specificationLink.search": "Sök i registret",
  "specificationLink.searchHint": "Skriv en del av namnet och välj Sök; listan nedan visar då bara de som passar.",
  "specificationLink.searchSubmit": "Sök",
  "specificationLink.choose": "Specifikation",
  "specificationLink.chooseHint": "Antagna och föreslagna specifikationer; de som har gått ut kan inte kopplas.",
  "specificationLink.choosePlaceholder": "Välj en specifikation",
  "specificationLink.noMatchInRegister": "Ingen specifikation i registret passar sökningen.",
  "specificationLink.chooseSubmit": "Koppla vald specifikation",
  "specificationLink.linkedNotice": "Specifikationen är kopplad.",
  "specificationLink.removedNotice": "Kopplingen till specifikationen är borttagen.",
  "specificationLink.unchangedNotice": "Specifikationen var redan kopplad; inget ändrades.",
  "specificationLink.questionLabel": "Specifikation för fråga {number}",
  "specificationLink.showSuggestions": "Visa matcharens förslag",
  "specificationLink.showSuggestionsLabel": "Visa matcharens förslag för fråga {number}",
  "specificationLink.sentQuestionIntro":
    "Vilken specifikation efterfrågar frågan? Kopplingen räknas som efterfrågan på specifikationen; frågans text ändras inte.",
  "specificationLink.questionCurrent": "Efterfrågad specifikation",
  "specificationLink.questionNone": "ingen kopplad",
  "specificationLink.openQuestion": "Koppla specifikation",
  "specificationLink.openQuestionLabel": "Koppla specifikation till fråga {number}",
  "errors.surveyWithdrawnNoLink": "Enkäten är återkallad och efterfrågar ingenting längre, så ingen specifikation kan kopplas.",

  "requestPage.specification": "Efterfrågad specifikation",
  "requestPage.timeline.specification": "Förfrågan kopplades till specifikationen {name}",
  "requestPage.timeline.specificationRemoved": "Kopplingen till specifikationen {name} togs bort",
};

const en: Record<keyof typeof sv, string> = {
  "errors.specificationChoose": "Choose a specification from the list.",
  "errors.specificationUnknown": "The specification is not in the register. Choose one from the list.",
  "errors.specificationRetired":
    "The specification is retired and cannot be linked. Choose one in force, such as the one that replaces it.",

  "specificationLink.title": "Specification",
  "specificationLink.intro":
    "Which specification does the request ask for? The link counts as demand for the specification and is shown on the request's page.",
  "specificationLink.questionIntro": "Which specification does the question ask for? The link counts as demand once the survey is sent.",
  "specificationLink.current": "Linked to",
  "specificationLink.none": "No specification is linked.",
  "specificationLink.remove": "Remove the link",
  "specificationLink.removeLabel": "Remove the link to {name}",
  "specificationLink.suggestions": "The matcher's suggestions",
  "specificationLink.suggestionsHint":
    "From the datasets that match the text (and those already linked) and the specification they declare they follow (dct:conformsTo).",
  "specificationLink.noSuggestions": "The matcher found no datasets declaring a specification for this text.",
  "specificationLink.why.one": "{count} matched dataset declares it",
  "specificationLink.why.other": "{count} matched datasets declare it",
  "specificationLink.confirm": "Link",
  "specificationLink.confirmLabel": "Link {name}",
  "specificationLink.linked": "linked",
  "specificationLink.register": "Choose from the register",
  "specificationLink.search": "Search the register",
  "specificationLink.searchHint": "Type part of the name and choose Search; the list below then shows only those that fit.",
  "specificationLink.searchSubmit": "Search",
  "specificationLink.choose": "Specification",
  "specificationLink.chooseHint": "Adopted and proposed specifications; retired ones cannot be linked.",
  "specificationLink.choosePlaceholder": "Choose a specification",
  "specificationLink.noMatchInRegister": "No specification in the register fits the search.",
  "specificationLink.chooseSubmit": "Link the chosen specification",
  "specificationLink.linkedNotice": "The specification is linked.",
  "specificationLink.removedNotice": "The link to the specification is removed.",
  "specificationLink.unchangedNotice": "The specification was already linked; nothing changed.",
  "specificationLink.questionLabel": "Specification for question {number}",
  "specificationLink.showSuggestions": "Show the matcher's suggestions",
  "specificationLink.showSuggestionsLabel": "Show the matcher's suggestions for question {number}",
  "specificationLink.sentQuestionIntro":
    "Which specification does the question ask for? The link counts as demand for the specification; the question's text does not change.",
  "specificationLink.questionCurrent": "Specification asked for",
  "specificationLink.questionNone": "none linked",
  "specificationLink.openQuestion": "Link a specification",
  "specificationLink.openQuestionLabel": "Link a specification to question {number}",
  "errors.surveyWithdrawnNoLink": "The survey was withdrawn and no longer asks for anything, so no specification can be linked.",

  "requestPage.specification": "Specification asked for",
  "requestPage.timeline.specification": "The request was linked to the specification {name}",
  "requestPage.timeline.specificationRemoved": "The link to the specification {name} was removed",
};

export const specificationLinkMessages = { sv, en };
