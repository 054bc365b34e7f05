import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useNavigation } from "@remix-run/react";
import { Pager, useSubmitOnChange } from "../components/list-navigation";
import { requestKinds, requestStatuses, type RequestStatus } from "../domain/requests";
import { useTranslation } from "../i18n/use-translation";
import { requestStatusLabel } from "../i18n/status.messages";
import { getRequestRegister, registerSorts, type RegisterEntry } from "../models/request-register.server";
import { registerSearchParamsSchema } from "../schemas/request.server";
import { formatDate } from "../utils/dates";
import { assertWellFormedQuery } from "../utils/form.server";
import { pageTitle } from "../i18n/page-title";
import { feedLink } from "../utils/feed-link";
import { registerFilterQuery } from "../schemas/open-data.server";

export const meta: MetaFunction<typeof loader> = (args) => [
  ...pageTitle(args, "title.requests"),
  feedLink(args, "feed.linkTitle", {}, `/requests.atom${args.data?.feedQuery ?? ""}`),
];

const PAGE_SIZE = 20;

export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  assertWellFormedQuery(url);
  const input = registerSearchParamsSchema.parse({
    q: url.searchParams.get("q") ?? undefined,
    sort: url.searchParams.get("sort") || undefined,
    page: url.searchParams.get("page") ?? undefined,
    status: url.searchParams.getAll("status"),
    kommunkod: url.searchParams.getAll("kommunkod").filter(Boolean),
    kind: url.searchParams.getAll("kind").filter(Boolean),
    tag: url.searchParams.getAll("tag"),
  });
  const register = await getRequestRegister({
    text: input.q,
    statuses: input.status,
    kommunkoder: input.kommunkod,
    kinds: input.kind,
    tags: input.tag,
    sort: input.sort,
    page: input.page,
    pageSize: PAGE_SIZE,
  });
  return {
    input,
    // The feed and the file of this selection carry its filter (not its sort or page).
    feedQuery: registerFilterQuery(input),
    // The choices travel with the data: a component cannot read values from a .server module
    // (the browser build empties it).
    sorts: registerSorts,
    kinds: requestKinds,
    ...register,
    // Dates as ISO strings: the page formats them in Swedish time on the server and in the browser alike.
    requests: register.requests.map((entry) => ({
      ...entry,
      // A request to every municipality says so in words; its 49 names would only weigh down the page.
      targets: entry.targetScope === "all" ? [] : entry.targets,
      createdAt: entry.createdAt.toISOString(),
      answeredAt: entry.answeredAt?.toISOString() ?? null,
    })),
  };
}

type Entry = Omit<RegisterEntry, "createdAt" | "answeredAt"> & { createdAt: string; answeredAt: string | null };

export default function RequestRegister() {
  const { t } = useTranslation();
  const { input, sorts, kinds, requests, total, page, pageSize, facets, organisations, feedQuery } = useLoaderData<typeof loader>();
  const navigation = useNavigation();
  const submitOnChange = useSubmitOnChange();
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const statusLabel = (status: RequestStatus) => t(requestStatusLabel(status));

  const hasFilters = input.status.length + input.kommunkod.length + input.kind.length + input.tag.length > 0;
  const statusCount = (status: string) => facets.status.find((c) => c.value === status)?.count ?? 0;
  // Chosen tags stay listed even when the other filters find none of them.
  const tags = [
    ...facets.tag,
    ...input.tag.filter((tag) => !facets.tag.some((c) => c.value === tag)).map((value) => ({ value, count: 0 })),
  ];
  const countKey = input.q ? "requestRegister.countFor" : "requestRegister.count";

  return (
    <>
      <h1>{t("requestRegister.title")}</h1>
      <p>{t("requestRegister.intro")}</p>
      <Form method="get" role="search" onChange={(event) => submitOnChange(event.currentTarget)}>
        <div className="field">
          <label htmlFor="q">{t("requestRegister.search")}</label>
          <p className="hint" id="q-hint">
            {t("requestRegister.searchHint")}
          </p>
          <div className="search-row">
            <input id="q" name="q" type="search" defaultValue={input.q} aria-describedby="q-hint" maxLength={1000} />
            <button type="submit">{t("requestRegister.submit")}</button>
          </div>
        </div>

        <div className="dataset-layout">
          <section aria-labelledby="filters-heading" className="facets">
            <h2 id="filters-heading">{t("requestRegister.filters")}</h2>

            <fieldset className="facet" aria-describedby="status-hint">
              <legend>{t("requestRegister.status")}</legend>
              <p className="hint" id="status-hint">
                {t("requestRegister.statusHint")}
              </p>
              {requestStatuses.map((status) => (
                <label key={status} className="choice">
                  <input type="checkbox" name="status" value={status} defaultChecked={input.status.includes(status)} />
                  <span>
                    {statusLabel(status)} <span className="muted">({statusCount(status)})</span>
                  </span>
                </label>
              ))}
            </fieldset>

            <div className="field facet">
              <label htmlFor="kommunkod">{t("requestRegister.organisation")}</label>
              <p className="hint" id="kommunkod-hint">
                {t("requestRegister.organisationHint")}
              </p>
              <select id="kommunkod" name="kommunkod" defaultValue={input.kommunkod[0] ?? ""} aria-describedby="kommunkod-hint">
                <option value="">{t("requestRegister.organisationAny")}</option>
                {organisations.map((organisation) => (
                  <option key={organisation.kommunkod} value={organisation.kommunkod}>
                    {organisation.name}
                  </option>
                ))}
              </select>
            </div>

            <fieldset className="facet">
              <legend>{t("requestRegister.kind")}</legend>
              {[
                { value: "", label: t("requestRegister.kindAny") },
                ...kinds.map((kind) => ({ value: kind, label: t(`requestRegister.kind.${kind}`) })),
              ].map((option) => (
                <label key={option.value || "any"} className="choice">
                  <input type="radio" name="kind" value={option.value} defaultChecked={(input.kind[0] ?? "") === option.value} />
                  <span>{option.label}</span>
                </label>
              ))}
            </fieldset>

            {tags.length > 0 ? (
              <fieldset className="facet">
                <legend>{t("requestRegister.tags")}</legend>
                {tags.slice(0, 15).map(({ value, count }) => (
                  <label key={value} className="choice">
                    <input type="checkbox" name="tag" value={value} defaultChecked={input.tag.includes(value)} />
                    <span>
                      {value} <span className="muted">({count})</span>
                    </span>
                  </label>
                ))}
              </fieldset>
            ) : null}

            <noscript>
              <button type="submit">{t("requestRegister.applyFilters")}</button>
            </noscript>
            {hasFilters ? (
              <p>
                <Link to={input.q ? `?${new URLSearchParams({ q: input.q })}` : "."}>{t("requestRegister.clearFilters")}</Link>
              </p>
            ) : null}
          </section>

          <section aria-labelledby="results-heading" className="results" aria-busy={navigation.state === "loading"}>
            <h2 id="results-heading" className="visually-hidden">
              {t("requestRegister.results")}
            </h2>
            <div className="field">
              <label htmlFor="sort">{t("requestRegister.sort")}</label>
              <div className="search-row">
                <select id="sort" name="sort" defaultValue={input.sort}>
                  {sorts.map((sort) => (
                    <option key={sort} value={sort}>
                      {t(`requestRegister.sort.${sort}`)}
                    </option>
                  ))}
                </select>
                <noscript>
                  <button type="submit">{t("requestRegister.applyFilters")}</button>
                </noscript>
              </div>
            </div>
            <p role="status">{t(countKey, { count: total, q: input.q })}</p>
            {requests.length === 0 ? <p>{t("requestRegister.none")}</p> : null}
            <ol className="result-list">
              {requests.map((entry) => (
                <RegisterRow key={entry.number} entry={entry} statusLabel={statusLabel} />
              ))}
            </ol>
            <Pager page={page} pages={pages} hasNext={page < pages} />
            <p className="muted">
              {/* Plain links: a feed or a file is a download, not a page the router renders. */}
              <a href={`/requests.atom${feedQuery}`} type="application/atom+xml">
                {t("feed.link")}
              </a>
              {" · "}
              <a href={`/requests.csv${feedQuery}`} download>
                {t("csv.registerLink")}
              </a>
            </p>
          </section>
        </div>
      </Form>
    </>
  );
}

function RegisterRow({ entry, statusLabel }: { entry: Entry; statusLabel: (status: RequestStatus) => string }) {
  const { t, locale } = useTranslation();
  const askedOf =
    entry.targetScope === "all"
      ? t("requestRegister.askedOfAll")
      : entry.targets.length > 0
        ? entry.targets.map((target) => target.name).join(", ")
        : t("requestRegister.askedOfNone");
  return (
    <li className="request-entry">
      <Link to={`/requests/${entry.number}`} className="result-title">
        {entry.title}
      </Link>
      <p className="muted">
        {t("requestRegister.number", { number: entry.number })} · {t("requestRegister.statusIs", { status: statusLabel(entry.status) })} ·{" "}
        {t("requestRegister.kindIs", { kind: t(`requestRegister.kind.${entry.kind}`) })}
        <br />
        {t("requestRegister.votes", { count: entry.votes })} · {t("requestRegister.comments", { count: entry.comments })} ·{" "}
        {t("requestRegister.askedOf", { targets: askedOf })}
        <br />
        <time dateTime={entry.createdAt}>{t("requestRegister.created", { date: formatDate(entry.createdAt, locale, "longDate") })}</time>
        {entry.answeredAt ? (
          <>
            {" · "}
            <time dateTime={entry.answeredAt}>
              {t("requestRegister.answered", { date: formatDate(entry.answeredAt, locale, "longDate") })}
            </time>
          </>
        ) : null}
        {entry.requester ? <> · {t("requestRegister.askedBy", { name: entry.requester })}</> : null}
      </p>
    </li>
  );
}
