import type { Actor } from "../auth/permissions";
import type { MessageKey } from "../i18n/translate";
import { linkSurveyQuestionToSpecification, SpecificationNotFoundError, SpecificationRetiredError } from "../models/specification.server";
import { questionIdSchema } from "../schemas/survey.server";
import { linkSpecificationSchema, unlinkSpecificationSchema } from "../schemas/specification-link.server";
import { conflictFailure, formFailure, parseForm, type FormFailure } from "./form.server";

type Linked = { ok: true; message: MessageKey; values: Record<string, string> };

/**
 * One question's link or unlink form, read and decided the same way wherever it is posted: the
 * survey editor (its sender, a draft) and a sent survey's page (a coordinator). The model decides
 * who may (linkSurveyQuestionToSpecification); a bad or unknown id, a retired specification or a
 * withdrawn survey comes back as a 400 in the reader's words, tied to the question's form.
 */
export async function linkQuestionFromForm(
  request: Request,
  input: { actor: Actor; surveyId: string; intent: "link_specification" | "unlink_specification" },
): Promise<Linked | FormFailure> {
  const form =
    input.intent === "link_specification"
      ? await parseForm(request, linkSpecificationSchema.extend(questionIdSchema.shape))
      : await parseForm(request, unlinkSpecificationSchema.extend(questionIdSchema.shape)).then((f) =>
          f.ok ? { ...f, data: { ...f.data, specificationId: null } } : f,
        );
  if (!form.ok) return form;
  const { questionId, specificationId } = form.data;
  try {
    const { changed } = await linkSurveyQuestionToSpecification({
      actor: input.actor,
      surveyId: input.surveyId,
      questionId,
      specificationId,
    });
    const message: MessageKey = !changed
      ? "specificationLink.unchangedNotice"
      : specificationId
        ? "specificationLink.linkedNotice"
        : "specificationLink.removedNotice";
    return { ok: true, message, values: {} };
  } catch (error) {
    if (error instanceof SpecificationNotFoundError)
      return formFailure(form.values, { fields: { specificationId: ["errors.specificationUnknown"] } });
    if (error instanceof SpecificationRetiredError) return formFailure(form.values, { fields: { specificationId: [error.messageKey] } });
    return conflictFailure(error, form.values);
  }
}
