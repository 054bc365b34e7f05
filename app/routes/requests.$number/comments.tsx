import { Link, useFetcher, useLocation } from "@remix-run/react";
import { useEffect, useRef } from "react";
import { TextAreaField } from "../../components/forms";
import { MarkdownHtml } from "../../components/markdown";
import { useTranslation } from "../../i18n/use-translation";
import { formatTimestamp } from "../../utils/dates";
import { ActorName } from "./actor-name";
import { ErrorSummaryFor, RateLimitOrSummary, useFormResult } from "./form-feedback";
import { isoOf, type ActionResult, type LoaderData } from "./page-data";
import type { action } from "./route";
import { ReportForm } from "./report-form";
import { signInLink } from "./support-forms";

/** The comments, each with its own forms, and the form for a new one (or a way to sign in). */
export function Comments({ data }: { data: LoaderData }) {
  const { t } = useTranslation();
  const location = useLocation();
  const { request, comments, viewer } = data;
  return (
    <section aria-labelledby="comments-title">
      <h2 id="comments-title">{t("requestPage.comments", { count: request.commentCount })}</h2>
      {comments.length === 0 ? (
        <p>{t("requestPage.comments.none")}</p>
      ) : (
        <ol className="comment-list">
          {comments.map((comment) => (
            <CommentItem key={comment.id} comment={comment} data={data} />
          ))}
        </ol>
      )}
      {viewer.canComment ? (
        <NewCommentForm />
      ) : !viewer.signedIn ? (
        <p>
          <Link to={signInLink(location.pathname)}>{t("requestPage.signInToComment")}</Link>
        </p>
      ) : null}
    </section>
  );
}

function NewCommentForm() {
  const { t } = useTranslation();
  const fetcher = useFetcher<typeof action>();
  const result = useFormResult(fetcher.data as ActionResult | undefined, ["comment"]);
  const formRef = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (fetcher.state === "idle" && fetcher.data?.ok) formRef.current?.reset();
  }, [fetcher.state, fetcher.data]);
  const failure = result && !result.ok ? result : undefined;
  const label = t("requestPage.comment.body");
  return (
    <section aria-labelledby="new-comment-title">
      <h3 id="new-comment-title">{t("requestPage.comment.newTitle")}</h3>
      <ErrorSummaryFor result={result} fields={{ body: ["comment-body", label] }} />
      <p role="status">{result?.ok ? t(result.message) : ""}</p>
      <fetcher.Form method="post" className="stack" noValidate ref={formRef} preventScrollReset>
        <input type="hidden" name="intent" value="comment" />
        <TextAreaField
          id="comment-body"
          name="body"
          label={label}
          hint={t("requestPage.comment.hint")}
          errors={failure?.fieldErrors.body}
          // With fetchers the form keeps the text itself; without, the refused text comes back here.
          defaultValue={failure?.values.body}
        />
        <div>
          <button type="submit">{t("requestPage.comment.submit")}</button>
        </div>
      </fetcher.Form>
    </section>
  );
}

type PageComment = LoaderData["comments"][number];

function CommentItem({ comment, data }: { comment: PageComment; data: LoaderData }) {
  const { t } = useTranslation();
  const articleRef = useRef<HTMLElement>(null);
  const titleId = `comment-${comment.id}-title`;
  const editFetcher = useFetcher<typeof action>();
  const deleteFetcher = useFetcher<typeof action>();
  const hideFetcher = useFetcher<typeof action>();
  const editResult = useFormResult(editFetcher.data as ActionResult | undefined, ["editComment"], comment.id);
  const deleteResult = useFormResult(deleteFetcher.data as ActionResult | undefined, ["deleteComment"], comment.id);
  const hideResult = useFormResult(hideFetcher.data as ActionResult | undefined, ["hideComment"], comment.id);
  const editRef = useRef<HTMLDetailsElement>(null);

  // The buttons that were pressed are gone once the comment is deleted or hidden: keep the
  // keyboard user's place by moving focus to the comment, which now says what happened.
  useEffect(() => {
    if (deleteFetcher.state === "idle" && deleteFetcher.data?.ok) articleRef.current?.focus();
  }, [deleteFetcher.state, deleteFetcher.data]);
  useEffect(() => {
    if (hideFetcher.state === "idle" && hideFetcher.data?.ok) articleRef.current?.focus();
  }, [hideFetcher.state, hideFetcher.data]);
  useEffect(() => {
    if (editFetcher.state === "idle" && editFetcher.data?.ok && editRef.current) {
      editRef.current.open = false;
      articleRef.current?.focus();
    }
  }, [editFetcher.state, editFetcher.data]);

  const editFailure = editResult && !editResult.ok ? editResult : undefined;
  const hideFailure = hideResult && !hideResult.ok ? hideResult : undefined;
  const editId = `comment-${comment.id}-edit`;
  const reasonId = `comment-${comment.id}-reason`;
  const author = comment.author;
  const notice = [editResult, deleteResult, hideResult].find((r) => r?.ok);

  return (
    <li>
      <article aria-labelledby={titleId} id={`comment-${comment.id}`} tabIndex={-1} ref={articleRef} className="comment">
        <h3 id={titleId}>
          <ActorName actor={author} />
          {/* An anonymous requester is already called "Frågeställaren" by name. */}
          {author.kind === "requester" && author.name ? <span className="badge">{t("requestPage.comment.requesterBadge")}</span> : null}
        </h3>
        <p className="muted">
          <time dateTime={isoOf(comment.createdAt)}>{formatTimestamp(comment.createdAt)}</time>
          {comment.edited ? <> ({t("requestPage.comment.edited")})</> : null}
        </p>
        {comment.state === "visible" && comment.bodyHtml !== null ? (
          <MarkdownHtml html={comment.bodyHtml} />
        ) : comment.state === "hidden" ? (
          <p>
            <em>{t("requestPage.comment.hidden", { reason: comment.hiddenReason ?? "" })}</em>
          </p>
        ) : (
          <p>
            <em>{t("requestPage.comment.deleted")}</em>
          </p>
        )}
        {notice?.ok ? (
          <p role="status" className="visually-hidden">
            {t(notice.message)}
          </p>
        ) : null}
        <RateLimitOrSummary result={deleteResult} fieldLabels={{}} />

        {comment.mine && comment.state === "visible" ? (
          <>
            <details ref={editRef} open={Boolean(editFailure)}>
              <summary>{t("requestPage.comment.edit")}</summary>
              <ErrorSummaryFor result={editResult} fields={{ body: [editId, t("requestPage.comment.editBody")] }} />
              <editFetcher.Form method="post" className="stack" noValidate preventScrollReset>
                <input type="hidden" name="intent" value="editComment" />
                <input type="hidden" name="commentId" value={comment.id} />
                <TextAreaField
                  id={editId}
                  name="body"
                  label={t("requestPage.comment.editBody")}
                  hint={t("requestPage.comment.hint")}
                  errors={editFailure?.fieldErrors.body}
                  defaultValue={editFailure?.values.body ?? comment.body ?? ""}
                />
                <div>
                  <button type="submit">{t("requestPage.comment.save")}</button>
                </div>
              </editFetcher.Form>
            </details>
            <deleteFetcher.Form method="post" preventScrollReset>
              <input type="hidden" name="intent" value="deleteComment" />
              <input type="hidden" name="commentId" value={comment.id} />
              <button type="submit" className="link-button">
                {t("requestPage.comment.delete")}
              </button>
            </deleteFetcher.Form>
          </>
        ) : null}

        {/* A coordinator hides a comment directly rather than reporting it to themselves. */}
        {data.viewer.canReport && !data.viewer.canHide && !comment.mine && comment.state === "visible" ? (
          <ReportForm commentId={comment.id} alreadyReported={data.viewer.reportedCommentIds.includes(comment.id)} />
        ) : null}
        {data.viewer.canHide && comment.state === "visible" ? (
          <details open={Boolean(hideFailure)}>
            <summary>{t("requestPage.comment.hide")}</summary>
            <ErrorSummaryFor result={hideResult} fields={{ reason: [reasonId, t("requestPage.comment.hideReason")] }} />
            <hideFetcher.Form method="post" className="stack" noValidate preventScrollReset>
              <input type="hidden" name="intent" value="hideComment" />
              <input type="hidden" name="commentId" value={comment.id} />
              <TextAreaField
                id={reasonId}
                name="reason"
                rows={2}
                label={t("requestPage.comment.hideReason")}
                hint={t("requestPage.comment.hideReasonHint")}
                errors={hideFailure?.fieldErrors.reason}
                defaultValue={hideFailure?.values.reason}
              />
              <div>
                <button type="submit">{t("requestPage.comment.hideSubmit")}</button>
              </div>
            </hideFetcher.Form>
          </details>
        ) : null}
      </article>
    </li>
  );
}
