import { SpecificationChoice } from "../../components/specification-choice";
import { useTranslation } from "../../i18n/use-translation";
import type { SpecificationChoice as Choice } from "../../models/specification-choice.server";
import type { FormState } from "./page-data";

export const SPECIFICATION_ID_PREFIX = "specification";

/** Which specification the request asks for: the matcher's suggestions, the register, or none. */
export function SpecificationForm({ choice, failure, values }: FormState & { choice: Choice }) {
  const { t } = useTranslation();
  const mine = values.intent === "link_specification";
  return (
    <SpecificationChoice
      idPrefix={SPECIFICATION_ID_PREFIX}
      level={2}
      intro={t("specificationLink.intro")}
      current={choice.current}
      suggestions={choice.suggestions}
      register={choice.register}
      query={choice.query}
      errors={mine ? failure?.fieldErrors.specificationId : undefined}
      chosen={mine ? values.specificationId : undefined}
    />
  );
}
