import type { Locale } from "../../db/schema";

/** The EU data themes (DCAT-AP's controlled vocabulary) that DCAT-AP-SE catalogues use. */
const EU_THEMES: Record<string, { sv: string; en: string }> = {
  AGRI: { sv: "Jordbruk, fiske, skogsbruk och livsmedel", en: "Agriculture, fisheries, forestry and food" },
  ECON: { sv: "Ekonomi och finans", en: "Economy and finance" },
  EDUC: { sv: "Utbildning, kultur och sport", en: "Education, culture and sport" },
  ENER: { sv: "Energi", en: "Energy" },
  ENVI: { sv: "Miljö", en: "Environment" },
  GOVE: { sv: "Regeringen och den offentliga sektorn", en: "Government and public sector" },
  HEAL: { sv: "Hälsa", en: "Health" },
  INTR: { sv: "Internationella frågor", en: "International issues" },
  JUST: { sv: "Rättvisa, rättsliga system och allmän säkerhet", en: "Justice, legal system and public safety" },
  REGI: { sv: "Regioner och städer", en: "Regions and cities" },
  SOCI: { sv: "Befolkning och samhälle", en: "Population and society" },
  TECH: { sv: "Vetenskap och teknik", en: "Science and technology" },
  TRAN: { sv: "Transport", en: "Transport" },
};

/** A readable name for a theme URI; an unknown theme shows its last path segment. */
export function themeLabel(uri: string, locale: Locale) {
  const code = /data-theme\/([A-Z]{4})$/.exec(uri)?.[1];
  if (code && EU_THEMES[code]) return EU_THEMES[code][locale];
  return decodeURIComponent(uri.split(/[/#]/).filter(Boolean).pop() ?? uri);
}
