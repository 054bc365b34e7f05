import type { ReactNode } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import ReactMarkdown, { type Components } from "react-markdown";

/**
 * Markdown written by users (request texts, comments), rendered safely: raw HTML is dropped
 * (`skipHtml`, so a `<script>` neither runs nor shows), only the elements below are made, and
 * only http(s) and mailto links survive — `javascript:`, `data:` and relative links become
 * plain text. Images are left out: they would load from anywhere and carry no required alt text.
 */
const allowedElements = [
  "p",
  "br",
  "em",
  "strong",
  "a",
  "ul",
  "ol",
  "li",
  "blockquote",
  "code",
  "pre",
  "hr",
  "h1",
  "h2",
  "h3",
  "h4",
  "h5",
  "h6",
];

export function safeUrl(url: string): string | null {
  const trimmed = url.trim();
  return /^(https?:\/\/|mailto:)/i.test(trimmed) ? trimmed : null;
}

type HeadingLevel = 1 | 2 | 3 | 4 | 5 | 6;

function heading(level: HeadingLevel) {
  const Tag = `h${level}` as const;
  return function Heading({ children }: { children?: ReactNode }) {
    return <Tag>{children}</Tag>;
  };
}

function componentsFor(headingLevel: HeadingLevel): Components {
  // A "#" in a comment must not become a second h1 on the page: headings start at the level
  // below the section the text sits in.
  const shifted = (markdownLevel: number) => heading(Math.min(6, headingLevel + markdownLevel - 1) as HeadingLevel);
  return {
    h1: shifted(1),
    h2: shifted(2),
    h3: shifted(3),
    h4: shifted(4),
    h5: shifted(5),
    h6: shifted(6),
    a({ href, children }) {
      // urlTransform has already removed a link it does not allow; its text stays readable.
      if (!href) return <span>{children}</span>;
      return (
        <a href={href} rel="nofollow noopener noreferrer ugc">
          {children}
        </a>
      );
    },
  };
}

function MarkdownContent({ children, headingLevel }: { children: string; headingLevel: HeadingLevel }) {
  return (
    <ReactMarkdown
      skipHtml
      allowedElements={allowedElements}
      unwrapDisallowed
      urlTransform={safeUrl}
      components={componentsFor(headingLevel)}
    >
      {children}
    </ReactMarkdown>
  );
}

export function Markdown({ children, headingLevel = 3 }: { children: string; headingLevel?: HeadingLevel }) {
  return (
    <div className="markdown">
      <MarkdownContent headingLevel={headingLevel}>{children}</MarkdownContent>
    </div>
  );
}

/**
 * The same HTML as `<Markdown>` inside its `div`, made on the server for a loader to send:
 * the Markdown parser (some 40 KB gzipped) never reaches the browser (ADR 018), which shows it
 * with `<MarkdownHtml>` (app/components/markdown.tsx).
 */
export function markdownHtml(text: string, headingLevel: HeadingLevel = 3) {
  return renderToStaticMarkup(<MarkdownContent headingLevel={headingLevel}>{text}</MarkdownContent>);
}
