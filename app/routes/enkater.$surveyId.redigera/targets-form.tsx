import { Form } from "@remix-run/react";
import { targetScopes } from "../../domain/requests";
import { useSurveyText } from "../../i18n/use-survey-text";

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
  const st = useSurveyText();
  return (
    <Form method="post" className="stack" noValidate>
      <input type="hidden" name="intent" value="targets" />
      <p>{st("survey.targetsCount", { count })}</p>
      <fieldset className="field">
        <legend>{st("survey.targetScope")}</legend>
        {targetScopes.map((value) => (
          <label key={value} className="choice">
            <input type="radio" name="targetScope" value={value} defaultChecked={scope === value} />{" "}
            {st(`survey.scope.${value}` as "survey.scope.all")}
          </label>
        ))}
      </fieldset>
      <details open={scope === "chosen"}>
        <summary>{st("survey.chooseTargets")}</summary>
        <fieldset className="field checkbox-columns">
          <legend className="visually-hidden">{st("survey.chooseTargets")}</legend>
          {organisations.map((organisation) => (
            <label key={organisation.id} className="choice">
              <input type="checkbox" name="organisationIds" value={organisation.id} defaultChecked={chosen.includes(organisation.id)} />{" "}
              {organisation.name}
            </label>
          ))}
        </fieldset>
      </details>
      <div>
        <button type="submit">{st("survey.saveTargets")}</button>
      </div>
    </Form>
  );
}
