/** Messages of the JSON APIs (/api/requests, /api/match), Swedish first; merged in messages.ts. */
const sv = {
  "api.page": "page måste vara ett heltal från 1 till {max}",
  "api.pageSize": "pageSize måste vara ett heltal från 1 till {max}",
  "api.status": "status måste vara något av {values}",
  "api.kind": "kind måste vara {values}",
  "api.sort": "sort måste vara något av {values}",
  "api.kommunkod": "kommunkod måste vara en kommunkod med fyra siffror (1490) eller länets kod med två (14)",
  "api.qTooLong": "q får vara högst {max} tecken",
  "api.tagTooLong": "tag får vara högst {max} tecken",
  "api.nul": "parametrarna innehåller ogiltiga tecken (NUL)",
  "api.readOnly": "API:t läser bara: det tar emot GET, HEAD och OPTIONS",
  "api.limit": "limit måste vara ett heltal från 1 till {max}",
  "api.qRequired": "q (frågans text) saknas",
  "api.or": "eller",
  "api.busy": "för många matchningar pågår just nu; försök igen om {seconds} s",
  "api.searchUnavailable": "sökningen svarar inte just nu; försök igen om {seconds} s",
};

const en: Record<keyof typeof sv, string> = {
  "api.page": "page must be a whole number from 1 to {max}",
  "api.pageSize": "pageSize must be a whole number from 1 to {max}",
  "api.status": "status must be one of {values}",
  "api.kind": "kind must be {values}",
  "api.sort": "sort must be one of {values}",
  "api.kommunkod": "kommunkod must be a four-digit municipality code (1490) or the two-digit county code (14)",
  "api.qTooLong": "q can be at most {max} characters",
  "api.tagTooLong": "tag can be at most {max} characters",
  "api.nul": "the parameters contain invalid characters (NUL)",
  "api.readOnly": "the API is read-only: it takes GET, HEAD and OPTIONS",
  "api.limit": "limit must be a whole number from 1 to {max}",
  "api.qRequired": "q, the request text, is required",
  "api.or": "or",
  "api.busy": "too many matches are running right now; try again in {seconds} s",
  "api.searchUnavailable": "search is not answering right now; try again in {seconds} s",
};

export const apiMessages = { sv, en };
