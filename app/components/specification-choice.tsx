import { Form, Link } from "@remix-run/react";
import { SelectField, TextField } from "./forms";
import type { MessageKey } from "../i18n/translate";
import { specificationStatusLabel } from "../i18n/status.messages";
import { useTranslation } from "../i18n/use-translation";
import type { SpecificationStatus } from "../domain/specifications";

interface Named {
  id: string;
  name: string;
  version: string;
}

/** "Badplatser 1.0", or the name alone when the specification names no version. */
export function specificationTitle(spec: { name: string; version: string }) {
  return [spec.name, spec.version].filter(Boolean).join(" ");
}

function Hidden({ fields }: { fields: Record<string, string> }) {
  return (
    <>
      {Object.entries(fields).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
    </>
  );
}

/** The id of a choice's select, for the error summary of a choice that failed. */
export const specificationSelectId = (idPrefix: string) => `${idPrefix}-specificationId`;

/**
 * The specification a request (triage) or a survey question (survey editor) asks for: what it is
 * linked to, the matcher's suggestions with why, and the register to pick another from. Works
 * without JavaScript: each choice is its own form, and searching the register is a GET form whose
 * words (`?specifikation=`) the loader filters the select's options by. `hidden` names what the
 * forms act on (a question's id); `searchHidden` is kept in the address by the search.
 */
export function SpecificationChoice({
  idPrefix,
  level,
  title,
  intro,
  current,
  suggestions,
  suggestionsHref,
  suggestionsLinkLabel,
  register,
  query,
  hidden = {},
  searchHidden = {},
  errors,
  chosen,
}: {
  idPrefix: string;
  level: 2 | 3 | 4;
  /** The section's heading, and so its name: unique on a page with several (a survey's questions). */
  title?: string;
  intro: string;
  current: (Named & { status?: SpecificationStatus }) | null;
  /** Null: the matcher was not asked for this one (a survey's other questions); `suggestionsHref` asks it. */
  suggestions: (Named & { datasets: number })[] | null;
  /** Where the matcher's suggestions are shown when `suggestions` is null: the page with this question open. */
  suggestionsHref?: string;
  /** The link's accessible name, unique on a page with several. */
  suggestionsLinkLabel?: string;
  register: (Named & { status: SpecificationStatus })[];
  query: string;
  hidden?: Record<string, string>;
  searchHidden?: Record<string, string>;
  errors?: MessageKey[];
  /** The register's choice sent back with an error, to show again. */
  chosen?: string;
}) {
  const { t, tc } = useTranslation();
  const Heading = `h${level}` as "h2";
  const Sub = `h${level + 1}` as "h3";
  const headingId = `${idPrefix}-heading`;
  return (
    <section aria-labelledby={headingId}>
      <Heading id={headingId}>{title ?? t("specificationLink.title")}</Heading>
      <p>{intro}</p>
      {current ? (
        <>
          <p>
            {t("specificationLink.current")}: <Link to={`/specifikationer/${current.id}`}>{specificationTitle(current)}</Link>
            {current.status === "retired" ? ` (${t(specificationStatusLabel("retired"))})` : null}
          </p>
          <Form method="post">
            <input type="hidden" name="intent" value="unlink_specification" />
            <Hidden fields={hidden} />
            <button type="submit" aria-label={t("specificationLink.removeLabel", { name: specificationTitle(current) })}>
              {t("specificationLink.remove")}
            </button>
          </Form>
        </>
      ) : (
        <p>{t("specificationLink.none")}</p>
      )}

      <Sub id={`${idPrefix}-suggestions`}>{t("specificationLink.suggestions")}</Sub>
      <p className="hint">{t("specificationLink.suggestionsHint")}</p>
      {suggestions === null ? (
        suggestionsHref ? (
          <p>
            <Link to={suggestionsHref} preventScrollReset aria-label={suggestionsLinkLabel}>
              {t("specificationLink.showSuggestions")}
            </Link>
          </p>
        ) : null
      ) : suggestions.length === 0 ? (
        <p>{t("specificationLink.noSuggestions")}</p>
      ) : (
        <ul aria-labelledby={`${idPrefix}-suggestions`}>
          {suggestions.map((suggestion) => (
            <li key={suggestion.id}>
              <Link to={`/specifikationer/${suggestion.id}`}>{specificationTitle(suggestion)}</Link> –{" "}
              {tc("specificationLink.why", suggestion.datasets)}.{" "}
              {current?.id === suggestion.id ? (
                <strong>({t("specificationLink.linked")})</strong>
              ) : (
                <Form method="post" className="inline-form">
                  <input type="hidden" name="intent" value="link_specification" />
                  <input type="hidden" name="specificationId" value={suggestion.id} />
                  <Hidden fields={hidden} />
                  <button type="submit" aria-label={t("specificationLink.confirmLabel", { name: specificationTitle(suggestion) })}>
                    {t("specificationLink.confirm")}
                  </button>
                </Form>
              )}
            </li>
          ))}
        </ul>
      )}

      <Sub id={`${idPrefix}-register`}>{t("specificationLink.register")}</Sub>
      <Form method="get" className="stack" preventScrollReset role="search" aria-labelledby={`${idPrefix}-register ${headingId}`}>
        <Hidden fields={searchHidden} />
        <TextField
          type="search"
          id={`${idPrefix}-search`}
          name="specifikation"
          label={t("specificationLink.search")}
          hint={t("specificationLink.searchHint")}
          defaultValue={query}
          required={false}
        />
        <div>
          <button type="submit">{t("specificationLink.searchSubmit")}</button>
        </div>
      </Form>
      {register.length === 0 ? (
        <p role="status">{t("specificationLink.noMatchInRegister")}</p>
      ) : (
        // Keyed by the search and the link: a new list (or a new link) is a new choice, not the old one kept.
        <Form key={`${query} ${current?.id ?? ""}`} method="post" className="stack" noValidate>
          <input type="hidden" name="intent" value="link_specification" />
          <Hidden fields={hidden} />
          <SelectField
            id={specificationSelectId(idPrefix)}
            name="specificationId"
            label={t("specificationLink.choose")}
            hint={t("specificationLink.chooseHint")}
            defaultValue={chosen ?? (register.length === 1 ? register[0].id : (current?.id ?? ""))}
            errors={errors}
          >
            <option value="">{t("specificationLink.choosePlaceholder")}</option>
            {register.map((spec) => (
              <option key={spec.id} value={spec.id}>
                {specificationTitle(spec)} ({t(specificationStatusLabel(spec.status))})
              </option>
            ))}
          </SelectField>
          <div>
            <button type="submit">{t("specificationLink.chooseSubmit")}</button>
          </div>
        </Form>
      )}
    </section>
  );
}
