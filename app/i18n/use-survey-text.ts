import { useMatches } from "@remix-run/react";
import type { SurveyTextKey, SurveyTexts } from "./survey-texts.server";

/**
 * The survey pages' texts in the reader's language, as the page's loader handed them over
 * (`surveyTexts`, app/i18n/survey-texts.server.ts); the key itself where a page has none.
 */
export function useSurveyText() {
  const texts = useMatches()
    .map((match) => (match.data as { surveyTexts?: SurveyTexts } | undefined)?.surveyTexts)
    .find((found) => found !== undefined);
  return (key: SurveyTextKey, params: Record<string, string | number> = {}) =>
    (texts?.[key] ?? key).replace(/\{(\w+)\}/g, (match, name: string) => (name in params ? String(params[name]) : match));
}
