import { SpecificationChoice, specificationSelectId } from "./specification-choice";
import type { SpecificationStatus } from "../domain/specifications";
import type { MessageKey } from "../i18n/translate";
import { useTranslation } from "../i18n/use-translation";

type Named = { id: string; name: string; version: string };

/**
 * The page's address that opens one question's choice: its matcher's suggestions are asked for
 * (`?fraga=`), the register's search kept, and the browser taken to it.
 */
export function questionChoiceHref(questionId: string, number: number, query: string) {
  const params = new URLSearchParams(query ? { specifikation: query, fraga: questionId } : { fraga: questionId });
  return `?${params.toString()}#${questionSpecificationPrefix(number)}-heading`;
}

const questionSpecificationPrefix = (number: number) => `q${number}-specification`;

/** The id of question `number`'s choice of specification, for the error summary of a choice that failed. */
export const questionSpecificationSelectId = (number: number) => specificationSelectId(questionSpecificationPrefix(number));

/**
 * Which specification one question asks for: in the survey editor (its sender, a draft) and on a
 * sent survey's page (coordinators). The search keeps this question open (`?fraga=`); the matcher's
 * suggestions are shown for the open question only, the others link to them.
 */
export function QuestionSpecificationForm({
  questionId,
  number,
  choice,
  register,
  query,
  errors,
  chosen,
  intro,
}: {
  questionId: string;
  number: number;
  choice: { current: (Named & { status: SpecificationStatus }) | null; suggestions: (Named & { datasets: number })[] | null } | undefined;
  register: (Named & { status: SpecificationStatus })[];
  query: string;
  errors?: MessageKey[];
  chosen?: string;
  intro?: string;
}) {
  const { t } = useTranslation();
  return (
    <SpecificationChoice
      idPrefix={questionSpecificationPrefix(number)}
      level={3}
      title={t("specificationLink.questionLabel", { number })}
      intro={intro ?? t("specificationLink.questionIntro")}
      current={choice?.current ?? null}
      suggestions={choice?.suggestions ?? null}
      suggestionsHref={questionChoiceHref(questionId, number, query)}
      suggestionsLinkLabel={t("specificationLink.showSuggestionsLabel", { number })}
      register={register}
      query={query}
      hidden={{ questionId }}
      searchHidden={{ fraga: questionId }}
      errors={errors}
      chosen={chosen}
    />
  );
}
