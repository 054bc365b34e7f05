/** The home page's search box, ask button and answer-time figures (issue 13), Swedish first; merged in messages.ts. */
const sv = {
  "home.search.label": "Sök bland datamängderna",
  "home.search.hint": "Kanske finns det du behöver redan, till exempel ”badplatser Borås”.",
  "home.search.submit": "Sök",
  "home.ask": "Fråga efter data",
  "home.askIntro": "Hittar du inte det du behöver? Fråga en gång, så svarar kommunerna en gång.",
  "home.answerTimes.title": "Kommunernas svar",
  "home.answerTimes.tasksAnswered": "svar från kommunerna",
  "home.answerTimes.municipalities": "kommuner har svarat",
  "home.answerTimes.shareInTime": "av svaren kom i tid",
  "home.answerTimes.none": "Inga svar ännu.",
  "home.answerTimes.quickest": "Snabbast svarar",
  "home.answerTimes.median.one": "median {count} arbetsdag",
  "home.answerTimes.median.other": "median {count} arbetsdagar",
  "home.answerTimes.all": "Alla kommuners svarstider",
  "home.votes.one": "{count} röst",
  "home.votes.other": "{count} röster",
};

const en: Record<keyof typeof sv, string> = {
  "home.search.label": "Search the datasets",
  "home.search.hint": "What you need may already exist, for example “bathing sites Borås”.",
  "home.search.submit": "Search",
  "home.ask": "Ask for data",
  "home.askIntro": "Cannot find what you need? Ask once, and the municipalities answer once.",
  "home.answerTimes.title": "The municipalities' answers",
  "home.answerTimes.tasksAnswered": "answers from the municipalities",
  "home.answerTimes.municipalities": "municipalities have answered",
  "home.answerTimes.shareInTime": "of the answers came in time",
  "home.answerTimes.none": "No answers yet.",
  "home.answerTimes.quickest": "Quickest to answer",
  "home.answerTimes.median.one": "median {count} working day",
  "home.answerTimes.median.other": "median {count} working days",
  "home.answerTimes.all": "Every municipality's answer times",
  "home.votes.one": "{count} vote",
  "home.votes.other": "{count} votes",
};

export const homeMessages = { sv, en };
