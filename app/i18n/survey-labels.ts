import type { ReuseKind, SurveyAnswerSource, SurveyAnswerType, SurveyStatus } from "../domain/surveys";

/** One label per word of the domain (app/i18n/survey-texts.server.ts has the texts), keyed by its type. */
export const surveyStatusLabel = (status: SurveyStatus) => `surveyStatus.${status}` as const;
export const surveyAnswerTypeLabel = (type: SurveyAnswerType) => `surveyAnswerType.${type}` as const;
export const surveySourceLabel = (source: SurveyAnswerSource) => `surveySource.${source}` as const;
export const reuseKindLabel = (kind: ReuseKind) => `survey.reuse.kind.${kind}` as const;
