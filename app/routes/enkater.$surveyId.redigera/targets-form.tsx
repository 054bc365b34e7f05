import { Form } from "@remix-run/react";
import { targetScopes } from "../../domain/requests";
import { useTranslation } from "../../i18n/use-translation";

/** Whom the survey asks: every municipality, the region, or the ones chosen (checkboxes, no JavaScript needed). */
export function TargetsForm({
  scope,
  chosen,
  organisations,
  count,
}: {
  scope: string;
  chosen: string[];
  organisations: { id: string; name: string; type: string }[];
  count: number;
}) {
  const { t } = useTranslation();
  return (
    <Form method="post" className="stack" noValidate>
      <input type="hidden" name="intent" value="targets" />
      <p>{t("survey.targetsCount", { count })}</p>
      <fieldset className="field">
        <legend>{t("survey.targetScope")}</legend>
        {targetScopes.map((value) => (
          <label key={value} className="choice">
            <input type="radio" name="targetScope" value={value} defaultChecked={scope === value} />{" "}
            {t(`survey.scope.${value}` as "survey.scope.all")}
          </label>
        ))}
      </fieldset>
      <details open={scope === "chosen"}>
        <summary>{t("survey.chooseTargets")}</summary>
        <fieldset className="field checkbox-columns">
          <legend className="visually-hidden">{t("survey.chooseTargets")}</legend>
          {organisations.map((organisation) => (
            <label key={organisation.id} className="choice">
              <input type="checkbox" name="organisationIds" value={organisation.id} defaultChecked={chosen.includes(organisation.id)} />{" "}
              {organisation.name}
            </label>
          ))}
        </fieldset>
      </details>
      <div>
        <button type="submit">{t("survey.saveTargets")}</button>
      </div>
    </Form>
  );
}
