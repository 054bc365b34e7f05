/**
 * The two plain matchers issue 11 measures the portal's matcher against, as SQL on the bench
 * database's datasets table: what a developer gets from PostgreSQL without a matcher of their own.
 * Each document is a dataset's titles, descriptions and keywords in every language plus its
 * publisher's name (so a request naming a municipality can reach datasets whose title does not).
 * Neither has a "no good match" threshold: it says no match when it returns nothing.
 */
import pg from "pg";

export interface AnchorHit {
  uri: string;
  score: number;
}

export type Anchor = (text: string, limit: number) => Promise<AnchorHit[]>;

const documents = `
  SELECT d.uri, concat_ws(' ',
           (SELECT string_agg(value, ' ') FROM jsonb_each_text(d.title)),
           (SELECT string_agg(value, ' ') FROM jsonb_each_text(coalesce(d.description, '{}'::jsonb))),
           (SELECT string_agg(keyword, ' ') FROM jsonb_each(coalesce(d.keywords, '{}'::jsonb)) AS lang,
                   jsonb_array_elements_text(lang.value) AS keyword),
           o.name) AS body,
         (SELECT string_agg(value, ' ') FROM jsonb_each_text(d.title)) AS title
    FROM datasets d LEFT JOIN organisations o ON o.id = d.publisher_organisation_id
   WHERE d.removed_at IS NULL`;

export function matchAnchors(databaseUrl: string) {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 1 });

  /** `websearch_to_tsquery('swedish', text)` (every word required) ranked by `ts_rank_cd`. */
  const websearchTsRankCd: Anchor = async (text, limit) => {
    const { rows } = await pool.query<{ uri: string; score: number }>(
      `WITH docs AS (${documents}), q AS (SELECT websearch_to_tsquery('swedish', $1) AS query)
       SELECT uri, ts_rank_cd(to_tsvector('swedish', body), q.query)::float8 AS score
         FROM docs, q WHERE to_tsvector('swedish', body) @@ q.query
        ORDER BY score DESC, uri LIMIT $2`,
      [text, limit],
    );
    return rows;
  };

  /**
   * Every word of the request `ILIKE '%word%'` somewhere in the document; the matches ordered by
   * how many of the words the title holds (score = that share).
   */
  const ilikeEveryWord: Anchor = async (text, limit) => {
    const words = [...new Set(text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [])];
    if (!words.length) return [];
    const { rows } = await pool.query<{ uri: string; score: number }>(
      `WITH docs AS (${documents})
       SELECT uri, (SELECT count(*) FROM unnest($1::text[]) w WHERE title ILIKE '%' || w || '%')::float8 / cardinality($1::text[]) AS score
         FROM docs
        WHERE NOT EXISTS (SELECT 1 FROM unnest($1::text[]) w WHERE body NOT ILIKE '%' || w || '%')
        ORDER BY score DESC, uri LIMIT $2`,
      [words, limit],
    );
    return rows;
  };

  return { websearchTsRankCd, ilikeEveryWord, close: () => pool.end() };
}
