import type { Migration } from "kysely";
import * as foundation from "./2026-11-22T1200_foundation";
import * as catalogue from "./2026-11-22T1300_catalogue";
import * as search from "./2026-11-22T1400_search";
import * as requests from "./2026-11-22T1500_requests";
import * as harvestGuard from "./2026-11-30T1000_harvest-guard";
import * as datasetUntaggedLanguage from "./2026-11-30T1100_dataset-untagged-language";
import * as outboxRetries from "./2026-11-30T1200_outbox-retries";
import * as accounts from "./2026-11-30T1300_accounts";
import * as accountsReview from "./2026-11-30T1600_accounts-review";
import * as catalogueSourceDemoFlag from "./2026-11-30T1700_catalogue-source-demo-flag";
import * as harvestMessageKeys from "./2026-11-30T2000_harvest-message-keys";
import * as tasksWorkflow from "./2026-12-01T0900_tasks-workflow";
import * as mailPreferences from "./2026-12-02T0900_mail-preferences";
import * as taskDeadlines from "./2026-12-02T1000_task-deadlines";
import * as publishedDatasetCredit from "./2026-12-02T1100_published-dataset-credit";
import * as organisationStatistics from "./2026-12-02T1200_organisation-statistics";
import * as taskSwedishDays from "./2026-12-02T1210_task-swedish-days";
import * as timeSavedCredit from "./2026-12-03T0900_time-saved-credit";
import * as surveys from "./2026-12-03T1000_surveys";
import * as meaning from "./2026-12-04T0900_meaning";
import * as matchEvidence from "./2026-12-05T0900_match_evidence";
import * as meaningTranslations from "./2026-12-05T0930_meaning-translations";
import * as specifications from "./2026-12-05T1300_specifications";
import * as specificationKindMatches from "./2026-12-05T1301_specification-kind-matches";
import * as datasetSpecificationKeys from "./2026-12-05T1302_dataset-specification-keys";
import * as matchEvidenceWriter from "./2026-12-05T1400_match-evidence-writer";
import * as moderation from "./2026-12-06T0800_moderation";
import * as specificationBenefit from "./2026-12-06T0900_specification-benefit";
import * as scopedLexemesIndex from "./2026-12-07T0800_scoped-lexemes-index";
import * as surveyRequestsUnnamed from "./2026-12-07T0900_survey-requests-unnamed";
import * as sampleSlots from "./2026-12-08T0800_sample-slots";
import * as requestTextUnaccented from "./2026-12-08T0900_request-text-unaccented";
import * as surveyTaskText from "./2026-12-08T1000_survey-task-text";
import * as meaningRecomputeFailures from "./2026-12-09T0800_meaning-recompute-failures";

/**
 * Every migration, by its dated name. A static list rather than a folder scan, so the same
 * migrations run under tsx, Vitest and the Remix server bundle alike.
 */
export const migrations: Record<string, Migration> = {
  "2026-11-22T1200_foundation": foundation,
  "2026-11-22T1300_catalogue": catalogue,
  "2026-11-22T1400_search": search,
  "2026-11-22T1500_requests": requests,
  "2026-11-30T1000_harvest-guard": harvestGuard,
  "2026-11-30T1100_dataset-untagged-language": datasetUntaggedLanguage,
  "2026-11-30T1200_outbox-retries": outboxRetries,
  "2026-11-30T1300_accounts": accounts,
  "2026-11-30T1600_accounts-review": accountsReview,
  "2026-11-30T1700_catalogue-source-demo-flag": catalogueSourceDemoFlag,
  "2026-11-30T2000_harvest-message-keys": harvestMessageKeys,
  "2026-12-01T0900_tasks-workflow": tasksWorkflow,
  "2026-12-02T0900_mail-preferences": mailPreferences,
  "2026-12-02T1000_task-deadlines": taskDeadlines,
  "2026-12-02T1100_published-dataset-credit": publishedDatasetCredit,
  "2026-12-02T1200_organisation-statistics": organisationStatistics,
  "2026-12-02T1210_task-swedish-days": taskSwedishDays,
  "2026-12-03T0900_time-saved-credit": timeSavedCredit,
  "2026-12-03T1000_surveys": surveys,
  "2026-12-04T0900_meaning": meaning,
  "2026-12-05T0900_match_evidence": matchEvidence,
  "2026-12-05T0930_meaning-translations": meaningTranslations,
  "2026-12-05T1300_specifications": specifications,
  "2026-12-05T1301_specification-kind-matches": specificationKindMatches,
  "2026-12-05T1302_dataset-specification-keys": datasetSpecificationKeys,
  "2026-12-05T1400_match-evidence-writer": matchEvidenceWriter,
  "2026-12-06T0800_moderation": moderation,
  "2026-12-06T0900_specification-benefit": specificationBenefit,
  "2026-12-07T0800_scoped-lexemes-index": scopedLexemesIndex,
  "2026-12-07T0900_survey-requests-unnamed": surveyRequestsUnnamed,
  "2026-12-08T0800_sample-slots": sampleSlots,
  "2026-12-08T0900_request-text-unaccented": requestTextUnaccented,
  "2026-12-08T1000_survey-task-text": surveyTaskText,
  "2026-12-09T0800_meaning-recompute-failures": meaningRecomputeFailures,
};
