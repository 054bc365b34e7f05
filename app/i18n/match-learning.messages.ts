/** Interface texts of what the matcher learned from use (`/admin/inlarning`, ADR 032), Swedish first; merged in messages.ts. */
const sv = {
  "nav.matchLearning": "Inlärda matchningar",
  "title.matchLearning": "Inlärt från användning",
  "matchLearning.title": "Inlärt från användning",
  "matchLearning.intro":
    "Matchningen lär sig av hur portalen används: när en frågeställare godtar en datamängd som svar, när en kommun länkar en datamängd i sitt svar och när en samordnare slår ihop en dubblett är det belägg för att förfrågans ord betyder den datamängden. Ett ord lär sig något först när minst två olika personer har lärt ut det, en person som upprepar sig räknas en gång, och belägg väger hälften så mycket efter ett år.",
  "matchLearning.none": "Inget har lärts in ännu.",
  "matchLearning.tableTitle": "Datamängder som användningen har lärt matchningen",
  "matchLearning.dataset": "Datamängd",
  "matchLearning.publisher": "Utgivare",
  "matchLearning.learnedFrom": "Inlärt från",
  "matchLearning.answers.one": "{count} svar",
  "matchLearning.answers.other": "{count} svar",
  "matchLearning.people.one": "{count} person",
  "matchLearning.people.other": "{count} personer",
  "matchLearning.sources": "Varav",
  "matchLearning.source.accepted_match": "godtagna av frågeställare: {count}",
  "matchLearning.source.task_link": "länkade i kommuners svar: {count}",
  "matchLearning.source.duplicate_merged": "sammanslagna dubbletter: {count}",
  "matchLearning.words": "Inlärda ord (personer)",
  "matchLearning.noWords": "Inget ord ännu från två personer",
  "matchLearning.latest": "Senast",
};

const en: Record<keyof typeof sv, string> = {
  "nav.matchLearning": "Learned matches",
  "title.matchLearning": "Learned from use",
  "matchLearning.title": "Learned from use",
  "matchLearning.intro":
    "The matcher learns from how the portal is used: when a requester accepts a dataset as the answer, when a municipality links a dataset in its answer and when a coordinator merges a duplicate, that is evidence that the request's words mean that dataset. A word learns something only once at least two different people have taught it, a person repeating themselves counts once, and evidence weighs half as much after a year.",
  "matchLearning.none": "Nothing has been learned yet.",
  "matchLearning.tableTitle": "Datasets use has taught the matcher",
  "matchLearning.dataset": "Dataset",
  "matchLearning.publisher": "Publisher",
  "matchLearning.learnedFrom": "Learned from",
  "matchLearning.answers.one": "{count} answer",
  "matchLearning.answers.other": "{count} answers",
  "matchLearning.people.one": "{count} person",
  "matchLearning.people.other": "{count} people",
  "matchLearning.sources": "Of which",
  "matchLearning.source.accepted_match": "accepted by requesters: {count}",
  "matchLearning.source.task_link": "linked in municipalities' answers: {count}",
  "matchLearning.source.duplicate_merged": "merged duplicates: {count}",
  "matchLearning.words": "Words learned (people)",
  "matchLearning.noWords": "No word from two people yet",
  "matchLearning.latest": "Latest",
};

export const matchLearningMessages = { sv, en };
