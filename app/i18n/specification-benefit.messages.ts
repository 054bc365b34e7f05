/** A specification's demand and its "nyttobeskrivning" (issue 14, ADR 043). */
const sv = {
  "title.specificationBenefit": "Nyttobeskrivning",
  "title.specificationBenefitEdit": "Ändra nyttobeskrivningens sammanfattning",

  "specificationBenefit.section": "Efterfrågan och nytta",
  "specificationBenefit.heading": "Nyttobeskrivning: {name}",
  "specificationBenefit.intro":
    "Hur många som efterfrågar specifikationen och vad de vill använda data till, med den sammanfattning som regionens samordnare har skrivit.",
  "specificationBenefit.backToSpecification": "Tillbaka till specifikationen",
  "specificationBenefit.demand": "Efterfrågan",
  "specificationBenefit.requests": "Förfrågningar",
  "specificationBenefit.surveyQuestions": "Enkätfrågor",
  "specificationBenefit.requesters": "Personer som frågar",
  "specificationBenefit.organisations": "Organisationer som frågar",
  "specificationBenefit.voters": "Personer som röstat",
  "specificationBenefit.followers": "Personer som följer",
  "specificationBenefit.byTypeCaption": "Vilka som frågar",
  "specificationBenefit.requesterType": "Slag av frågande",
  "specificationBenefit.whatCounts":
    "Räknas gör förfrågningar som samordnarna har kopplat till specifikationen och frågor i skickade enkäter; inte förfrågningar som slagits ihop med en annan, avvisats eller återkallats. Varje person och organisation räknas en gång, hur många förfrågningar de än skrivit.",
  "specificationBenefit.summary": "Sammanfattning",
  "specificationBenefit.noSummary": "Ingen sammanfattning är skriven ännu.",
  "specificationBenefit.lastEdited": "Senast ändrad {date} av {who}.",
  "specificationBenefit.sources": "Källor",
  "specificationBenefit.hiddenSources.one":
    "{count} källa visas inte: förfrågan efterfrågar inte längre specifikationen, eller är inte offentlig.",
  "specificationBenefit.hiddenSources.other":
    "{count} källor visas inte: förfrågningarna efterfrågar inte längre specifikationen, eller är inte offentliga.",
  "specificationBenefit.texts": "Vad de som frågar vill använda data till",
  "specificationBenefit.noTexts": "Ingen som efterfrågar specifikationen har beskrivit nyttan ännu.",
  "specificationBenefit.readAll.one": "Läs beskrivningen av nyttan ({count} beskrivning)",
  "specificationBenefit.readAll.other": "Läs beskrivningarna av nyttan ({count} beskrivningar)",
  "specificationBenefit.readMore": "Hela nyttobeskrivningen",
  "specificationBenefit.shownOf.one": "Visar de {shown} senaste av {count} beskrivning.",
  "specificationBenefit.shownOf.other": "Visar de {shown} senaste av {count} beskrivningar.",
  "specificationBenefit.requestLabel": "Förfrågan {number}: {title}",
  "specificationBenefit.edit": "Ändra sammanfattningen",
  "specificationBenefit.write": "Skriv en sammanfattning",
  "specificationBenefit.text": "Sammanfattning",
  "specificationBenefit.textHint":
    "Sammanfatta med egna ord vad data används till och vilken nytta det ger. Högst 4 000 tecken. Lämna tomt för att ta bort sammanfattningen.",
  "specificationBenefit.sourcesLegend": "Källor",
  "specificationBenefit.sourcesHint":
    "Kryssa för de beskrivningar som sammanfattningen bygger på. De visas som länkar till förfrågningarna.",
  "specificationBenefit.noLongerShown":
    "Visas inte offentligt: förfrågan efterfrågar inte längre specifikationen, eller är inte offentlig.",
  "specificationBenefit.save": "Spara sammanfattningen",
  "specificationBenefit.saved": "Sammanfattningen är sparad.",
  "specificationBenefit.unchanged": "Inget var ändrat, så inget sparades.",
  "specificationBenefit.editedBy": "Senast ändrad {date} av {name}.",
  "specificationBenefit.savedMeanwhile": "Sammanfattningen som den är sparad nu",
  "specifications.history.benefitSummary": "Nyttobeskrivningens sammanfattning ändrades",
  "apiDoc.specifications.field.benefitSummary":
    "Samordnarnas sammanfattning av nyttan, skriven utifrån vad de som frågar vill använda data till; null om ingen är skriven. Källorna finns på specifikationens sida /nytta.",

  "errors.benefitSummaryTooLong": "Sammanfattningen får vara högst 4 000 tecken. Korta den och spara igen; ingenting är sparat.",
  "errors.benefitSourceUnknown":
    "En vald källa är inte en av specifikationens beskrivningar av nyttan. Välj bland dem som visas; ingenting är sparat.",
  "errors.benefitSummaryChanged":
    "Någon annan har sparat sammanfattningen sedan du öppnade sidan. Din text står kvar nedan: jämför med den sparade och spara igen.",
};

const en: Record<keyof typeof sv, string> = {
  "title.specificationBenefit": "Benefit description",
  "title.specificationBenefitEdit": "Edit the benefit summary",

  "specificationBenefit.section": "Demand and benefit",
  "specificationBenefit.heading": "Benefit description: {name}",
  "specificationBenefit.intro":
    "How many ask for the specification and what they want to use the data for, with the summary the region's coordinators have written.",
  "specificationBenefit.backToSpecification": "Back to the specification",
  "specificationBenefit.demand": "Demand",
  "specificationBenefit.requests": "Requests",
  "specificationBenefit.surveyQuestions": "Survey questions",
  "specificationBenefit.requesters": "People asking",
  "specificationBenefit.organisations": "Organisations asking",
  "specificationBenefit.voters": "People who voted",
  "specificationBenefit.followers": "People following",
  "specificationBenefit.byTypeCaption": "Who asks",
  "specificationBenefit.requesterType": "Kind of requester",
  "specificationBenefit.whatCounts":
    "Counted are requests the coordinators linked to the specification and questions of sent surveys; not requests merged into another, rejected or withdrawn. Each person and organisation counts once, however many requests they wrote.",
  "specificationBenefit.summary": "Summary",
  "specificationBenefit.noSummary": "No summary has been written yet.",
  "specificationBenefit.lastEdited": "Last changed {date} by {who}.",
  "specificationBenefit.sources": "Sources",
  "specificationBenefit.hiddenSources.one":
    "{count} source is not shown: its request no longer asks for the specification, or is not public.",
  "specificationBenefit.hiddenSources.other":
    "{count} sources are not shown: their requests no longer ask for the specification, or are not public.",
  "specificationBenefit.texts": "What those who ask want to use the data for",
  "specificationBenefit.noTexts": "Nobody asking for the specification has described the benefit yet.",
  "specificationBenefit.readAll.one": "Read the description of the benefit ({count} description)",
  "specificationBenefit.readAll.other": "Read the descriptions of the benefit ({count} descriptions)",
  "specificationBenefit.readMore": "The whole benefit description",
  "specificationBenefit.shownOf.one": "Showing the {shown} latest of {count} description.",
  "specificationBenefit.shownOf.other": "Showing the {shown} latest of {count} descriptions.",
  "specificationBenefit.requestLabel": "Request {number}: {title}",
  "specificationBenefit.edit": "Edit the summary",
  "specificationBenefit.write": "Write a summary",
  "specificationBenefit.text": "Summary",
  "specificationBenefit.textHint":
    "Sum up in your own words what the data is used for and what good it does. At most 4,000 characters. Leave it empty to remove the summary.",
  "specificationBenefit.sourcesLegend": "Sources",
  "specificationBenefit.sourcesHint": "Tick the descriptions the summary is based on. They are shown as links to the requests.",
  "specificationBenefit.noLongerShown": "Not shown publicly: the request no longer asks for the specification, or is not public.",
  "specificationBenefit.save": "Save the summary",
  "specificationBenefit.saved": "The summary is saved.",
  "specificationBenefit.unchanged": "Nothing had changed, so nothing was saved.",
  "specificationBenefit.editedBy": "Last changed {date} by {name}.",
  "specificationBenefit.savedMeanwhile": "The summary as it is saved now",
  "specifications.history.benefitSummary": "The benefit summary was changed",
  "apiDoc.specifications.field.benefitSummary":
    "The coordinators' summary of the benefit, written from what those who ask want to use the data for; null when none is written. Its sources are on the specification's /nytta page.",

  "errors.benefitSummaryTooLong": "The summary may be at most 4,000 characters. Shorten it and save again; nothing has been saved.",
  "errors.benefitSourceUnknown":
    "A chosen source is not one of the specification's descriptions of the benefit. Choose among those shown; nothing has been saved.",
  "errors.benefitSummaryChanged":
    "Someone else has saved the summary since you opened the page. Your text is kept below: compare it with the saved one and save again.",
};

export const specificationBenefitMessages = { sv, en };
