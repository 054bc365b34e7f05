import { Form } from "@remix-run/react";
import { TextAreaField } from "../../components/forms";
import { TASK_TEXT_MAX_LENGTH } from "../../domain/tasks";
import { pickLanguage } from "../../i18n/language-map";
import { useTranslation } from "../../i18n/use-translation";
import { keptList } from "../../utils/kept-values";
import { taskTextFields, type FormState, type LoaderData } from "./page-data";

type Props = Pick<LoaderData, "task" | "datasets" | "suggestions" | "picker" | "datasetQuery" | "draft"> & FormState;

/** The answer: a text, datasets chosen from the linked, the suggested and the searched ones, and addresses. */
export function AnswerForm({ task, datasets, suggestions, picker, datasetQuery, draft, version, failure, values }: Props) {
  const { t, locale } = useTranslation();
  const failedIntent = values.intent;
  // An answer replaces the task's links: the form starts from the linked datasets and addresses.
  const linkedIds = datasets.flatMap((d) => (d.datasetId ? [d.datasetId] : []));
  const linkedUrls = datasets.flatMap((d) => (d.pendingUri ? [d.pendingUri] : [])).join("\n");
  const fresh = !failure && draft.datasetIds.length === 0 && !draft.datasetUrls;
  const checked = new Set([...draft.datasetIds, ...(keptList(values, "datasetIds") ?? []), ...(fresh ? linkedIds : [])]);
  const linked = datasets.flatMap((d) =>
    d.datasetId ? [{ id: d.datasetId, title: pickLanguage(d.title, locale).text, publisher: null, own: false }] : [],
  );
  const listed = [...linked, ...suggestions, ...(picker?.hits ?? [])];
  const seen = new Set<string>();
  const choices = listed.filter((d) => !seen.has(d.id) && seen.add(d.id));

  return (
    <Form method="post" aria-labelledby="answer-heading">
      <h3 id="answer-heading">{t("task.answerHeading")}</h3>
      <input type="hidden" name="version" value={version} />
      <TextAreaField
        name="text"
        id={taskTextFields.answer.id}
        label={t(taskTextFields.answer.label)}
        hint={t("task.answerTextHint")}
        required={false}
        maxLength={TASK_TEXT_MAX_LENGTH}
        defaultValue={failedIntent === "answer" || failedIntent === "publish" ? values.text : draft.text || (task.answerText ?? "")}
        errors={failedIntent === "answer" || failedIntent === "publish" ? failure?.fieldErrors.text : undefined}
      />
      <fieldset className="field">
        <legend>{t("task.datasets")}</legend>
        <p className="hint">{t("task.datasetsHint")}</p>
        {choices.length === 0 ? <p>{t("task.noSuggestions")}</p> : null}
        {choices.map((d) => (
          <label key={d.id} className="choice">
            <input type="checkbox" name="datasetIds" value={d.id} defaultChecked={checked.has(d.id)} />
            <span>
              {d.title}
              {d.publisher ? <span className="muted"> — {d.publisher}</span> : null}
              {d.own ? <span className="badge">{t("task.ownDataset")}</span> : null}
            </span>
          </label>
        ))}
        <div className="field">
          <label htmlFor="dq">{t("task.searchCatalogue")}</label>
          <div className="search-row">
            <input id="dq" name="dq" type="search" defaultValue={datasetQuery} maxLength={500} />
            {/* A GET of this form: the search keeps what was typed and checked, with or without JavaScript. */}
            <button type="submit" formMethod="get" name="intent" value="search">
              {t("task.search")}
            </button>
          </div>
          {picker?.failed ? <p role="status">{t("datasets.searchUnavailable")}</p> : null}
          {picker && !picker.failed && picker.hits.length === 0 ? <p role="status">{t("task.noHits")}</p> : null}
        </div>
      </fieldset>
      <TextAreaField
        name="datasetUrls"
        label={t("task.datasetUrls")}
        hint={t("task.datasetUrlsHint")}
        required={false}
        rows={3}
        defaultValue={values.datasetUrls ?? (fresh ? linkedUrls : draft.datasetUrls)}
        errors={failure?.fieldErrors.datasetUrls}
      />
      <div className="search-row">
        <button type="submit" name="intent" value="answer">
          {t("task.answer")}
        </button>
        <button type="submit" name="intent" value="publish">
          {t("task.publish")}
        </button>
      </div>
    </Form>
  );
}
