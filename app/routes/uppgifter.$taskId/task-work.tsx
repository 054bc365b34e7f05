import { Form } from "@remix-run/react";
import { SelectField, TextAreaField } from "../../components/forms";
import { canTransition } from "../../domain/lifecycle";
import { isTaskDone, TASK_TEXT_MAX_LENGTH } from "../../domain/tasks";
import { useTranslation } from "../../i18n/use-translation";
import { AnswerForm } from "./answer-form";
import { taskTextFields, type FormState, type LoaderData } from "./page-data";

type Props = Pick<
  LoaderData,
  "task" | "datasets" | "colleagues" | "suggestions" | "picker" | "declineReasons" | "datasetQuery" | "draft" | "survey"
> &
  FormState;

/** The forms for the steps the task's status allows: assign, start, answer, not held, decline, reopen. */
export function TaskWork(props: Props) {
  const { task, colleagues, declineReasons, version, failure, values } = props;
  const { t, locale } = useTranslation();
  const failedIntent = values.intent;
  const working = task.status === "in_progress";

  return (
    <section aria-labelledby="task-work">
      <h2 id="task-work">{t("task.work")}</h2>

      <Form method="post">
        <input type="hidden" name="version" value={version} />
        <SelectField
          name="assigneeUserId"
          label={t("task.assignee")}
          required={false}
          defaultValue={values.assigneeUserId ?? task.assignee?.id ?? ""}
          errors={failedIntent === "assign" ? failure?.fieldErrors.assigneeUserId : undefined}
        >
          <option value="">{t("taskInbox.unassigned")}</option>
          {colleagues.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name}
            </option>
          ))}
        </SelectField>
        <button type="submit" name="intent" value="assign">
          {t("task.assign")}
        </button>
      </Form>

      {canTransition("task", task.status, "in_progress") && task.status === "pending" ? (
        <Form method="post">
          <input type="hidden" name="version" value={version} />
          <button type="submit" name="intent" value="start">
            {t("task.start")}
          </button>
        </Form>
      ) : null}

      {working ? (
        <>
          {/* A survey's task is answered question by question (survey-answers.tsx), not with one text. */}
          {props.survey ? null : <AnswerForm {...props} />}

          <Form method="post" aria-labelledby="not-held-heading" noValidate>
            <h3 id="not-held-heading">{t("task.notHeldHeading")}</h3>
            <input type="hidden" name="version" value={version} />
            <TextAreaField
              name="text"
              id={taskTextFields.not_held.id}
              label={t(taskTextFields.not_held.label)}
              maxLength={TASK_TEXT_MAX_LENGTH}
              rows={3}
              defaultValue={failedIntent === "not_held" ? values.text : ""}
              errors={failedIntent === "not_held" ? failure?.fieldErrors.text : undefined}
            />
            <button type="submit" name="intent" value="not_held">
              {t("task.notHeld")}
            </button>
          </Form>

          <Form method="post" aria-labelledby="decline-heading" noValidate>
            <h3 id="decline-heading">{t("task.declineHeading")}</h3>
            <input type="hidden" name="version" value={version} />
            <SelectField
              name="reasonId"
              label={t("task.declineReason")}
              defaultValue={values.reasonId ?? ""}
              errors={failure?.fieldErrors.reasonId}
            >
              <option value="">{t("task.chooseReason")}</option>
              {declineReasons.map((r) => (
                <option key={r.id} value={r.id}>
                  {locale === "en" ? r.en : r.sv}
                </option>
              ))}
            </SelectField>
            <TextAreaField
              name="text"
              id={taskTextFields.decline.id}
              label={t(taskTextFields.decline.label)}
              required={false}
              maxLength={TASK_TEXT_MAX_LENGTH}
              rows={3}
              defaultValue={failedIntent === "decline" ? values.text : ""}
              errors={failedIntent === "decline" ? failure?.fieldErrors.text : undefined}
            />
            <button type="submit" name="intent" value="decline">
              {t("task.decline")}
            </button>
          </Form>
        </>
      ) : null}

      {isTaskDone(task.status) ? (
        <Form method="post" aria-labelledby="reopen-heading" noValidate>
          <h3 id="reopen-heading">{t("task.reopenHeading")}</h3>
          <input type="hidden" name="version" value={version} />
          <TextAreaField
            name="reason"
            label={t("task.reopenReason")}
            rows={3}
            defaultValue={values.reason ?? ""}
            errors={failure?.fieldErrors.reason}
          />
          <button type="submit" name="intent" value="reopen">
            {t("task.reopen")}
          </button>
        </Form>
      ) : null}
    </section>
  );
}
