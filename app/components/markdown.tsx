/**
 * A user's Markdown as HTML that the server made and made safe (`markdownHtml` in
 * markdown.server.tsx: raw HTML dropped, only a few elements, only http(s) and mailto links).
 * Only that HTML may come here; the browser gets no Markdown parser (ADR 018).
 */
export function MarkdownHtml({ html }: { html: string }) {
  return <div className="markdown" dangerouslySetInnerHTML={{ __html: html }} />;
}
