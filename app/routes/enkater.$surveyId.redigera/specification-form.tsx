import { SpecificationChoice } from "../../components/specification-choice";
import type { SpecificationStatus } from "../../domain/specifications";
import type { MessageKey } from "../../i18n/translate";
import { useTranslation } from "../../i18n/use-translation";

type Named = { id: string; name: string; version: string };

/** Which specification one question asks for; the search keeps this question open (`?fraga=`). */
export function QuestionSpecificationForm({
  questionId,
  number,
  choice,
  register,
  query,
  errors,
  chosen,
}: {
  questionId: string;
  number: number;
  choice: { current: (Named & { status: SpecificationStatus }) | null; suggestions: (Named & { datasets: number })[] } | undefined;
  register: (Named & { status: SpecificationStatus })[];
  query: string;
  errors?: MessageKey[];
  chosen?: string;
}) {
  const { t } = useTranslation();
  return (
    <SpecificationChoice
      idPrefix={`q${number}-specification`}
      level={3}
      title={t("specificationLink.questionLabel", { number })}
      intro={t("specificationLink.questionIntro")}
      current={choice?.current ?? null}
      suggestions={choice?.suggestions ?? []}
      register={register}
      query={query}
      hidden={{ questionId }}
      searchHidden={{ fraga: questionId }}
      errors={errors}
      chosen={chosen}
    />
  );
}
