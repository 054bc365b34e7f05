import { useTranslation } from "../i18n/use-translation";

/** The `/api/match` answer as the panel reads it (requests may carry more fields). */
export interface MatchPanelData {
  datasets: { uri: string; title: string; publisher: string | null; score: number }[];
  requests: { id: string; title: string; score: number; number?: number; votes?: number }[];
  threshold: number;
}

/** The words of the request (four letters or more) that the title shares, as a reader would see it. */
function sharedWords(query: string, title: string) {
  const titleText = title.toLowerCase();
  const words = [...new Set(query.toLowerCase().match(/[\p{L}\d]{4,}/gu) ?? [])];
  return words.filter((word) => titleText.includes(word.slice(0, Math.max(4, word.length - 2)))).slice(0, 4);
}

/**
 * What already exists for the request being written. Its buttons submit the surrounding form, so
 * accepting a dataset or supporting a request keeps everything the requester wrote.
 */
export function MatchPanel({ data, query, busy }: { data: MatchPanelData | undefined; query: string; busy: boolean }) {
  const { t } = useTranslation();
  // An error body (a 400, or a 503 when too many matches are in flight) has no lists: not "nothing exists".
  const unavailable = data !== undefined && !Array.isArray(data.datasets);
  const datasets = (data?.datasets ?? []).filter((d) => d.score >= data!.threshold).slice(0, 5);
  const requests = (data?.requests ?? []).filter((r) => r.score >= data!.threshold).slice(0, 5);
  const strong = (score: number) => (score >= 0.7 ? t("matches.strong") : t("matches.partial"));
  return (
    <section className="match-panel" aria-labelledby="matches-heading">
      <h2 id="matches-heading">{t("matches.title")}</h2>
      <p role="status">
        {busy
          ? t("matches.searching")
          : !data
            ? t("matches.intro")
            : unavailable
              ? t("matches.unavailable")
              : datasets.length + requests.length === 0
                ? t("matches.empty")
                : t("matches.intro")}
      </p>
      {datasets.length > 0 ? (
        <>
          <h3>{t("matches.datasets")}</h3>
          <ul className="match-list">
            {datasets.map((dataset) => {
              const words = sharedWords(query, dataset.title);
              return (
                <li key={dataset.uri}>
                  <strong>{dataset.title}</strong> <span className="badge">{strong(dataset.score)}</span>
                  <br />
                  <span className="muted">
                    {dataset.publisher ? t("matches.whyPublisher", { publisher: dataset.publisher }) : null}
                    {dataset.publisher && words.length ? " · " : null}
                    {words.length ? t("matches.why", { words: words.join(", ") }) : null}
                  </span>
                  <br />
                  <button
                    type="submit"
                    name="intent"
                    value={`accept:${dataset.uri}`}
                    className="button--secondary"
                    aria-label={t("matches.acceptLabel", { title: dataset.title })}
                  >
                    {t("matches.accept")}
                  </button>
                </li>
              );
            })}
          </ul>
        </>
      ) : null}
      {requests.length > 0 ? (
        <>
          <h3>{t("matches.requests")}</h3>
          <ul className="match-list">
            {requests.map((request) => (
              <li key={request.id}>
                <strong>
                  {request.number ? `#${request.number} ` : null}
                  {request.title}
                </strong>{" "}
                <span className="badge">{strong(request.score)}</span>
                {request.votes !== undefined ? <span className="muted"> · {t("matches.votes", { count: request.votes })}</span> : null}
                <br />
                <button
                  type="submit"
                  name="intent"
                  value={`support:${request.id}`}
                  className="button--secondary"
                  aria-label={t("matches.supportLabel", { number: request.number ?? "", title: request.title })}
                >
                  {t("matches.support")}
                </button>
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}
