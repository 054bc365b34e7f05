/** Interface texts of the search index admin page (`/admin/search`), Swedish first; merged in messages.ts. */
const sv = {
  "nav.searchIndex": "Sökindex",
  "adminSearch.title": "Sökindexet",
  "adminSearch.intro":
    "Ändringar i datamängder och förfrågningar förs till sökmotorn genom en kö. En post som sökmotorn vägrar att ta emot försöks igen med allt längre uppehåll och ställs till sist åt sidan här, med felet, så att allt annat fortsätter att indexeras. Rätta orsaken (till exempel en för stor datamängd i källkatalogen) och försök igen.",
  "adminSearch.engine": "Sökmotor: {engine}",
  "adminSearch.pending": "Poster i kö: {count}",
  "adminSearch.deadTitle": "Poster som sökmotorn inte tog emot",
  "adminSearch.none": "Inga poster väntar på åtgärd.",
  "adminSearch.kind": "Typ",
  "adminSearch.kind.dataset": "Datamängd",
  "adminSearch.kind.request": "Förfrågan",
  "adminSearch.kind.answer": "Svar",
  "adminSearch.item": "Post",
  "adminSearch.gone": "(finns inte längre)",
  "adminSearch.attempts": "Försök",
  "adminSearch.error": "Sökmotorns fel",
  "adminSearch.deadAt": "Ställd åt sidan",
  "adminSearch.retry": "Försök igen",
  "adminSearch.retryLabel": "Försök igen att indexera {item}",
  "adminSearch.retryAll": "Försök igen med alla",
  "adminSearch.retried": "Köade för ett nytt försök: {count}.",
  "adminSearch.nothingRetried": "Ingen post behövde ett nytt försök.",
  "adminSearch.invalidRow": "Posten finns inte. Ladda om sidan och försök igen.",
};

const en: Record<keyof typeof sv, string> = {
  "nav.searchIndex": "Search index",
  "adminSearch.title": "The search index",
  "adminSearch.intro":
    "Changes to datasets and requests reach the search engine through a queue. An entry the search engine refuses is retried with growing pauses and finally set aside here, with its error, so that everything else goes on being indexed. Fix the cause (for example an oversized dataset in the source catalogue) and retry.",
  "adminSearch.engine": "Search engine: {engine}",
  "adminSearch.pending": "Entries queued: {count}",
  "adminSearch.deadTitle": "Entries the search engine refused",
  "adminSearch.none": "No entries need attention.",
  "adminSearch.kind": "Kind",
  "adminSearch.kind.dataset": "Dataset",
  "adminSearch.kind.request": "Request",
  "adminSearch.kind.answer": "Answer",
  "adminSearch.item": "Entry",
  "adminSearch.gone": "(no longer exists)",
  "adminSearch.attempts": "Attempts",
  "adminSearch.error": "Search engine's error",
  "adminSearch.deadAt": "Set aside",
  "adminSearch.retry": "Retry",
  "adminSearch.retryLabel": "Retry indexing {item}",
  "adminSearch.retryAll": "Retry all",
  "adminSearch.retried": "Queued for another attempt: {count}.",
  "adminSearch.nothingRetried": "No entry needed another attempt.",
  "adminSearch.invalidRow": "The entry does not exist. Reload the page and try again.",
};

export const adminSearchMessages = { sv, en };
