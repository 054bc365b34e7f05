import { useEffect, useId, useState } from "react";
import type { MessageKey } from "../i18n/translate";
import { useTranslation } from "../i18n/use-translation";
import { FieldError } from "./forms";

export interface Municipality {
  id: string;
  name: string;
}

const collator = new Intl.Collator("sv");

/**
 * The municipalities in alphabetical groups of about equal size, split where the initial letter
 * changes ("A–F", "G–K" …): without JavaScript 49 checkboxes are easier to scan under a few headings.
 */
export function alphabeticalGroups(municipalities: Municipality[], groups = 5) {
  const sorted = [...municipalities].sort((a, b) => collator.compare(a.name, b.name));
  const target = Math.ceil(sorted.length / groups);
  const result: { label: string; members: Municipality[] }[] = [];
  let current: Municipality[] = [];
  const close = () => {
    if (current.length === 0) return;
    const first = current[0].name[0].toLocaleUpperCase("sv");
    const last = current[current.length - 1].name[0].toLocaleUpperCase("sv");
    result.push({ label: first === last ? first : `${first}–${last}`, members: current });
    current = [];
  };
  // Whole initials only: a letter's names are never split over two groups.
  const runs: Municipality[][] = [];
  for (const municipality of sorted) {
    const run = runs[runs.length - 1];
    if (run && run[0].name[0] === municipality.name[0]) run.push(municipality);
    else runs.push([municipality]);
  }
  for (const run of runs) {
    if (current.length > 0 && current.length + run.length > target + 2) close();
    current.push(...run);
  }
  close();
  return result;
}

/** Whether a municipality's name holds what was typed in the filter, ignoring case (Swedish rules). */
export function matchesFilter(name: string, filter: string) {
  const needle = filter.trim().toLocaleLowerCase("sv");
  return needle === "" || name.toLocaleLowerCase("sv").includes(needle);
}

/**
 * The municipalities a request goes to. Without JavaScript: every checkbox, grouped by initial.
 * With JavaScript a search field filters the list; filtered-out boxes stay in the form (hidden),
 * so a choice made before filtering is still sent. The request form shows the picker only while
 * "some municipalities" is chosen (in CSS, so it holds without JavaScript too).
 */
export function MunicipalityPicker({
  municipalities,
  chosen,
  errors,
}: {
  municipalities: Municipality[];
  chosen: Set<string>;
  errors?: MessageKey[];
}) {
  const { t } = useTranslation();
  const [enhanced, setEnhanced] = useState(false);
  const [filter, setFilter] = useState("");
  const baseId = useId();
  useEffect(() => setEnhanced(true), []);
  const groups = alphabeticalGroups(municipalities);
  const shownCount = municipalities.filter((m) => matchesFilter(m.name, filter)).length;
  return (
    <fieldset
      className={errors ? "field field--error municipality-choice" : "field municipality-choice"}
      id="targetOrganisationIds"
      aria-describedby={errors ? `${baseId}-error` : undefined}
    >
      <legend>{t("newRequest.municipalities")}</legend>
      {errors ? <FieldError id={`${baseId}-error`}>{t(errors[0])}</FieldError> : null}
      {enhanced ? (
        <div className="field municipality-filter">
          <label htmlFor={`${baseId}-filter`}>{t("newRequest.municipalityFilter")}</label>
          <input
            id={`${baseId}-filter`}
            type="search"
            value={filter}
            autoComplete="off"
            onChange={(event) => setFilter(event.target.value)}
            // Enter in the filter would submit the whole request: it only filters.
            onKeyDown={(event) => {
              if (event.key === "Enter") event.preventDefault();
            }}
            aria-describedby={`${baseId}-count`}
          />
          <p className="hint" id={`${baseId}-count`} role="status">
            {filter.trim() ? t("newRequest.municipalityFilterCount", { count: shownCount }) : null}
          </p>
        </div>
      ) : null}
      {groups.map((group, index) => {
        const visible = group.members.filter((m) => matchesFilter(m.name, filter));
        return (
          <div
            key={group.label}
            className="municipality-group"
            role="group"
            aria-labelledby={`${baseId}-g${index}`}
            hidden={visible.length === 0}
          >
            <p className="municipality-group__title" id={`${baseId}-g${index}`}>
              {group.label}
            </p>
            <div className="checkbox-columns">
              {group.members.map((m) => (
                <label key={m.id} className="choice" hidden={!matchesFilter(m.name, filter)}>
                  <input type="checkbox" name="targetOrganisationIds" value={m.id} defaultChecked={chosen.has(m.id)} /> {m.name}
                </label>
              ))}
            </div>
          </div>
        );
      })}
    </fieldset>
  );
}
