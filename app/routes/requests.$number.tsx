import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useActionData, useFetcher, useLoaderData, useLocation } from "@remix-run/react";
import { useEffect, useRef } from "react";
import { forbidden, getUser, requirePermission, requireUser, toActor } from "../auth/guard.server";
import { can, type RolePermission } from "../auth/permissions";
import { consumeUserLimit, type LimitedAction } from "../auth/rate-limit.server";
import { ErrorSummary, TextAreaField, type FormErrors } from "../components/forms";
import { Markdown } from "../components/markdown";
import { pickLanguage } from "../i18n/language-map";
import type { MessageKey } from "../i18n/messages";
import { useTranslation } from "../i18n/use-translation";
import { addComment, deleteComment, editComment, hideComment } from "../models/comment.server";
import { followRequest, unfollowRequest } from "../models/follow.server";
import { getRequestPage, type RequestPage, type ShownActor } from "../models/request-page.server";
import { getRequestIdByNumber } from "../models/request.server";
import { castVote, retractVote } from "../models/vote.server";
import {
  addCommentSchema,
  deleteCommentSchema,
  editCommentSchema,
  followSchema,
  hideCommentSchema,
  requestNumberParam,
  requestPageIntent,
  voteSchema,
  type RequestPageIntent,
} from "../schemas/request-page";
import { isRequestStatus, updateFrequencies } from "../domain/requests";
import { requestStatusLabel, taskStatusLabel } from "../i18n/status.messages";
import { formatTimestamp } from "../utils/dates";
import { formAction, formFailure, type FormFailure, parseForm, readFormData } from "../utils/form.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.request.title ?? "Förfrågan"} – Fråga en gång` },
];

function requestNumberOr404(raw: string | undefined) {
  const parsed = requestNumberParam.safeParse(raw);
  if (!parsed.success) throw new Response("Not Found", { status: 404 });
  return parsed.data;
}

function notFound(): never {
  throw new Response("Not Found", { status: 404 });
}

/**
 * Commands name a request by its id (ADR 011); the number in the address is looked up where a
 * command needs it, so a form's own validation and rate limit still come first.
 */
async function requestIdOr404(requestNumber: number) {
  const requestId = await getRequestIdByNumber(requestNumber);
  if (!requestId) notFound();
  return requestId;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const requestNumber = requestNumberOr404(params.number);
  const user = await getUser(request);
  const page = await getRequestPage({ requestNumber, viewerUserId: user?.id ?? null });
  if (!page) notFound();
  const actor = user ? toActor(user) : null;
  return {
    ...page,
    viewer: {
      ...page.viewer,
      signedIn: user !== null,
      // Components only hide buttons; the action checks again.
      canVote: can(actor, "vote:request:own"),
      canComment: can(actor, "comment:request:own"),
      canHide: can(actor, "hide:comment:any"),
    },
  };
}

/** The permission each form needs. */
const permissionFor: Record<RequestPageIntent, RolePermission> = {
  vote: "vote:request:own",
  unvote: "vote:request:own",
  follow: "follow:request:own",
  unfollow: "follow:request:own",
  comment: "comment:request:own",
  editComment: "comment:request:own",
  deleteComment: "comment:request:own",
  hideComment: "hide:comment:any",
};

type Answer = { intent: RequestPageIntent; commentId?: string };
type Failure = FormFailure & Answer & { minutes?: number };
type Success = { ok: true; intent: RequestPageIntent; commentId?: string; message: MessageKey; values: Record<string, string> };

function failed(answer: Answer, failure: FormFailure, minutes?: number): Failure {
  return { ...failure, ...answer, ...(minutes ? { minutes } : {}) };
}

function succeeded(answer: Answer, message: MessageKey): Success {
  return { ok: true, ...answer, message, values: {} };
}

async function rateLimited(action: LimitedAction, userId: string, answer: Answer, values: Record<string, string>) {
  const minutes = await consumeUserLimit(action, userId);
  return minutes > 0 ? failed(answer, formFailure(values, { form: ["errors.rateLimited"] }), minutes) : null;
}

export async function action(args: ActionFunctionArgs) {
  return formAction(runAction)(args);
}

async function runAction({ request, params }: ActionFunctionArgs): Promise<Failure | Success> {
  const intent = requestPageIntent.safeParse((await readFormData(request)).get("intent"));
  if (!intent.success) {
    await requireUser(request);
    throw new Response("Bad Request", { status: 400 });
  }
  const permission = permissionFor[intent.data];
  const user = await requirePermission(request, permission);
  const requestNumber = requestNumberOr404(params.number);

  switch (intent.data) {
    case "vote":
    case "unvote": {
      const answer = { intent: intent.data };
      const form = await parseForm(request, voteSchema);
      if (!form.ok) return failed(answer, form);
      const limited = await rateLimited("vote", user.id, answer, form.values);
      if (limited) return limited;
      const result = await (form.data.intent === "vote" ? castVote : retractVote)({ requestId: await requestIdOr404(requestNumber), userId: user.id });
      if (result.status === "not_found") notFound();
      if (result.status === "closed") return failed(answer, formFailure(form.values, { form: ["requestPage.errors.votesClosed"] }));
      return succeeded(answer, result.status === "voted" ? "requestPage.voted" : "requestPage.unvoted");
    }
    case "follow":
    case "unfollow": {
      const answer = { intent: intent.data };
      const form = await parseForm(request, followSchema);
      if (!form.ok) return failed(answer, form);
      const limited = await rateLimited("follow", user.id, answer, form.values);
      if (limited) return limited;
      const result = await (form.data.intent === "follow" ? followRequest : unfollowRequest)({ requestId: await requestIdOr404(requestNumber), userId: user.id });
      if (result.status === "not_found") notFound();
      return succeeded(answer, result.status === "following" ? "requestPage.following" : "requestPage.unfollowed");
    }
    case "comment": {
      const answer = { intent: intent.data };
      const form = await parseForm(request, addCommentSchema);
      if (!form.ok) return failed(answer, form);
      const limited = await rateLimited("comment", user.id, answer, form.values);
      if (limited) return limited;
      const result = await addComment({ requestId: await requestIdOr404(requestNumber), authorUserId: user.id, body: form.data.body });
      if (result.status === "not_found") notFound();
      return succeeded({ ...answer, commentId: result.commentId }, "requestPage.comment.added");
    }
    case "editComment": {
      const form = await parseForm(request, editCommentSchema);
      const answer = { intent: intent.data, commentId: form.values.commentId };
      if (!form.ok) return failed(answer, form);
      const limited = await rateLimited("comment", user.id, answer, form.values);
      if (limited) return limited;
      const result = await editComment({ requestId: await requestIdOr404(requestNumber), commentId: form.data.commentId, userId: user.id, body: form.data.body });
      if (result.status === "not_found") notFound();
      if (result.status === "forbidden") forbidden();
      if (result.status === "not_editable") {
        return failed(answer, formFailure(form.values, { form: ["requestPage.errors.commentNotEditable"] }));
      }
      return succeeded(answer, "requestPage.comment.saved");
    }
    case "deleteComment": {
      const form = await parseForm(request, deleteCommentSchema);
      const answer = { intent: intent.data, commentId: form.values.commentId };
      if (!form.ok) return failed(answer, form);
      const result = await deleteComment({ requestId: await requestIdOr404(requestNumber), commentId: form.data.commentId, userId: user.id });
      if (result.status === "not_found") notFound();
      if (result.status === "forbidden") forbidden();
      return succeeded(answer, "requestPage.comment.deletedNotice");
    }
    case "hideComment": {
      const form = await parseForm(request, hideCommentSchema);
      const answer = { intent: intent.data, commentId: form.values.commentId };
      if (!form.ok) return failed(answer, form);
      const result = await hideComment({
        requestId: await requestIdOr404(requestNumber),
        commentId: form.data.commentId,
        actorUserId: user.id,
        reason: form.data.reason,
      });
      if (result.status === "not_found") notFound();
      if (result.status === "not_editable") {
        return failed(answer, formFailure(form.values, { form: ["requestPage.errors.commentAlreadyDeleted"] }));
      }
      return succeeded(answer, "requestPage.comment.hiddenNotice");
    }
  }
}

// ---------------------------------------------------------------------------------------------
// The page

type ActionResult = Failure | Success;
type LoaderData = ReturnType<typeof useLoaderData<typeof loader>>;

/**
 * The result meant for one form: its fetcher's (with JavaScript), or the page's action data when
 * the form was posted without JavaScript and the answer names this form.
 */
function useFormResult(fetcherData: ActionResult | undefined, intents: RequestPageIntent[], commentId?: string) {
  const actionData = useActionData<typeof action>() as ActionResult | undefined;
  if (fetcherData) return fetcherData;
  if (actionData && intents.includes(actionData.intent) && (commentId === undefined || actionData.commentId === commentId)) {
    return actionData;
  }
  return undefined;
}

function isoOf(value: Date | string) {
  return new Date(value).toISOString();
}

function RateLimitOrSummary({ result, fieldLabels }: { result: ActionResult | undefined; fieldLabels: Record<string, string> }) {
  const { t } = useTranslation();
  const failure = result && !result.ok ? result : undefined;
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (failure?.minutes) ref.current?.focus();
  }, [failure]);
  if (failure?.minutes) {
    return (
      <div className="error-summary" role="alert" tabIndex={-1} ref={ref}>
        <p>{t("errors.rateLimited", { minutes: failure.minutes })}</p>
      </div>
    );
  }
  return <ErrorSummary errors={failure} fieldLabels={fieldLabels} />;
}

/** Field errors keyed by the field's id on this page, so the summary's links land on it. */
function errorsFor(result: ActionResult | undefined, fields: Record<string, string>): FormErrors | undefined {
  if (!result || result.ok) return undefined;
  const fieldErrors: FormErrors["fieldErrors"] = {};
  for (const [name, id] of Object.entries(fields)) {
    if (result.fieldErrors[name]) fieldErrors[id] = result.fieldErrors[name];
  }
  return { formErrors: result.formErrors, fieldErrors };
}

function ActorName({ actor }: { actor: ShownActor }) {
  const { t } = useTranslation();
  switch (actor.kind) {
    case "requester":
      return <>{actor.name ?? t("requestPage.actor.requester")}</>;
    case "coordinator":
      return <>{t("requestPage.actor.coordinator")}</>;
    case "system":
      return <>{t("requestPage.actor.system")}</>;
    case "person":
      return <>{actor.name}</>;
    case "former_user":
      return <>{t("requestPage.actor.formerUser")}</>;
  }
}

function signInLink(pathname: string) {
  return `/login?${new URLSearchParams({ redirectTo: pathname })}`;
}

function VoteForm({ data }: { data: LoaderData }) {
  const { t } = useTranslation();
  const fetcher = useFetcher<typeof action>();
  const result = useFormResult(fetcher.data as ActionResult | undefined, ["vote", "unvote"]);
  const pending = fetcher.formData?.get("intent");
  // Shown at once while the vote is being saved; the loader's answer replaces it.
  const voted = pending ? pending === "vote" : data.viewer.hasVoted;
  const voteCount = data.request.voteCount + (voted === data.viewer.hasVoted ? 0 : voted ? 1 : -1);
  return (
    <div className="vote">
      <p aria-live="polite">
        <strong>{voteCount === 1 ? t("requestPage.votes.one") : t("requestPage.votes.other", { count: voteCount })}</strong>
        {voted ? <> – {t("requestPage.voted")}</> : null}
      </p>
      <RateLimitOrSummary result={result} fieldLabels={{}} />
      {!data.request.openForVotes ? (
        <p className="notice">{t("requestPage.votesClosed")}</p>
      ) : data.viewer.canVote ? (
        <fetcher.Form method="post" preventScrollReset>
          {/* The text says what the button will do, so it needs no pressed state to be understood. */}
          <button type="submit" name="intent" value={voted ? "unvote" : "vote"}>
            {voted ? t("requestPage.unvote") : t("requestPage.vote")}
          </button>
        </fetcher.Form>
      ) : null}
    </div>
  );
}

function FollowForm({ data }: { data: LoaderData }) {
  const { t } = useTranslation();
  const fetcher = useFetcher<typeof action>();
  const result = useFormResult(fetcher.data as ActionResult | undefined, ["follow", "unfollow"]);
  const pending = fetcher.formData?.get("intent");
  const following = pending ? pending === "follow" : data.viewer.isFollowing;
  const followerCount = data.request.followerCount + (following === data.viewer.isFollowing ? 0 : following ? 1 : -1);
  return (
    <div className="follow">
      <p aria-live="polite">
        <strong>
          {followerCount === 1 ? t("requestPage.followers.one") : t("requestPage.followers.other", { count: followerCount })}
        </strong>
        {following ? <> – {t("requestPage.following")}</> : null}
      </p>
      <RateLimitOrSummary result={result} fieldLabels={{}} />
      {data.viewer.signedIn ? (
        <fetcher.Form method="post" preventScrollReset>
          <button type="submit" name="intent" value={following ? "unfollow" : "follow"}>
            {following ? t("requestPage.unfollow") : t("requestPage.follow")}
          </button>
        </fetcher.Form>
      ) : null}
    </div>
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

/** The error summary of one form, its field links pointing at the ids the fields have on this page. */
function ErrorSummaryFor({ result, fields }: { result: ActionResult | undefined; fields: Record<string, [id: string, label: string]> }) {
  const ids = Object.fromEntries(Object.entries(fields).map(([name, [id]]) => [name, id]));
  const labels = Object.fromEntries(Object.values(fields));
  const failure = result && !result.ok ? result : undefined;
  if (failure?.minutes) return <RateLimitOrSummary result={failure} fieldLabels={labels} />;
  return <ErrorSummary errors={errorsFor(result, ids)} fieldLabels={labels} />;
}

type PageComment = RequestPage["comments"][number];

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
        {comment.state === "visible" && comment.body !== null ? (
          <Markdown headingLevel={4}>{comment.body}</Markdown>
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

function Timeline({ data }: { data: LoaderData }) {
  const { t } = useTranslation();
  const status = (value: string | null) => (isRequestStatus(value) ? t(requestStatusLabel(value)) : (value ?? ""));
  if (data.timeline.length === 0) return <p>{t("requestPage.timeline.none")}</p>;
  return (
    <ol className="timeline">
      {data.timeline.map((event) => (
        <li key={event.id}>
          <time dateTime={isoOf(event.occurredAt)}>{formatTimestamp(event.occurredAt)}</time> –{" "}
          <strong>
            <ActorName actor={event.actor} />
          </strong>
          :{" "}
          {event.fromState && event.toState && event.fromState !== event.toState
            ? t("requestPage.timeline.changed", { from: status(event.fromState), to: status(event.toState) })
            : event.toState
              ? t("requestPage.timeline.set", { to: status(event.toState) })
              : event.mergedDuplicateNumber !== null
                ? t("requestPage.timeline.merged", { number: event.mergedDuplicateNumber })
                : t("requestPage.timeline.updated")}
          .
          {event.reason ? <> {t("requestPage.timeline.reason", { reason: event.reason })}</> : null}
        </li>
      ))}
    </ol>
  );
}

function isUpdateFrequency(value: string | null): value is (typeof updateFrequencies)[number] {
  return (updateFrequencies as readonly (string | null)[]).includes(value);
}


export default function RequestPageRoute() {
  const { t, locale } = useTranslation();
  const data = useLoaderData<typeof loader>();
  const location = useLocation();
  const { request, targets, linkedDatasets, tasks, comments, viewer } = data;
  return (
    <article aria-labelledby="request-title">
      <p>
        <Link to="/requests">{t("requestPage.back")}</Link>
      </p>
      <p className="muted">
        {t("requestPage.number", { number: request.number })} · {t(`requestPage.kind.${request.kind}`)}
      </p>
      <h1 id="request-title">{request.title}</h1>
      <p>
        {t("requestPage.statusLabel")}: <strong>{t(requestStatusLabel(request.status))}</strong>
        {request.statusReason ? (
          <>
            {" "}
            ({t("requestPage.statusReason")}: {request.statusReason})
          </>
        ) : null}
      </p>

      {request.duplicateOf ? (
        <div className="notice" role="note">
          <p>
            {t("requestPage.duplicateNotice")}{" "}
            <Link to={`/requests/${request.duplicateOf.number}`}>
              {t("requestPage.duplicateLink", { number: request.duplicateOf.number, title: request.duplicateOf.title })}
            </Link>
          </p>
        </div>
      ) : null}

      <h2 className="visually-hidden">{t("requestPage.facts")}</h2>
      <dl className="facts">
        <dt>{t("requestPage.requester")}</dt>
        <dd>{request.requester.name ?? t("requestPage.requesterAnonymous")}</dd>
        <dt>{t("requestPage.submittedAt")}</dt>
        <dd>
          <time dateTime={isoOf(request.createdAt)}>{formatTimestamp(request.createdAt)}</time>
        </dd>
        <dt>{t("requestPage.targets")}</dt>
        <dd>
          {request.targetScope === "all"
            ? t("requestPage.targets.all")
            : request.targetScope === "region"
              ? t("requestPage.targets.region")
              : targets.length > 0
                ? targets.map((target) => target.name).join(", ")
                : t("requestPage.targets.chosenNone")}
        </dd>
        <dt>{t("requestPage.wishedFormat")}</dt>
        <dd>{request.wishedFormat || t("requestPage.notGiven")}</dd>
        <dt>{t("requestPage.updateFrequency")}</dt>
        <dd>
          {/* Stored as the submit form's code; said in the form's own words. */}
          {isUpdateFrequency(request.updateFrequency)
            ? t(`newRequest.updateFrequency.${request.updateFrequency}`)
            : request.updateFrequency || t("requestPage.notGiven")}
        </dd>
        <dt>{t("requestPage.dueDate")}</dt>
        <dd>{request.dueDate ?? t("requestPage.notGiven")}</dd>
        {request.tags.length > 0 ? (
          <>
            <dt>{t("requestPage.tags")}</dt>
            <dd>{request.tags.join(", ")}</dd>
          </>
        ) : null}
      </dl>

      <h2>{t("requestPage.body")}</h2>
      <Markdown headingLevel={3}>{request.body}</Markdown>
      <h2>{t("requestPage.purpose")}</h2>
      <Markdown headingLevel={3}>{request.purpose}</Markdown>

      <section aria-labelledby="support-title">
        <h2 id="support-title">{t("requestPage.support")}</h2>
        <VoteForm data={data} />
        <FollowForm data={data} />
        {!viewer.signedIn ? (
          <p>
            <Link to={signInLink(location.pathname)}>{t("requestPage.signIn")}</Link>
          </p>
        ) : null}
      </section>

      <section aria-labelledby="datasets-title">
        <h2 id="datasets-title">{t("requestPage.datasets")}</h2>
        {linkedDatasets.length === 0 ? (
          <p>{t("requestPage.datasets.none")}</p>
        ) : (
          <ul>
            {linkedDatasets.map((dataset) => {
              const title = pickLanguage(dataset.title, locale);
              return (
                <li key={dataset.id}>
                  <Link to={`/datasets/${dataset.id}`} lang={title.lang}>
                    {title.text}
                  </Link>{" "}
                  – {dataset.publisherName ?? t("requestPage.datasets.unknownPublisher")}
                  {dataset.reason === "accepted_answer" ? (
                    <>
                      {" "}
                      <strong className="badge">{t("requestPage.datasets.accepted")}</strong>
                    </>
                  ) : null}
                  {dataset.removedAt ? <> ({t("requestPage.datasets.removed")})</> : null}
                </li>
              );
            })}
          </ul>
        )}
      </section>

      <section aria-labelledby="tasks-title">
        <h2 id="tasks-title">{t("requestPage.tasks")}</h2>
        {tasks.length === 0 ? (
          <p>{t("requestPage.tasks.none")}</p>
        ) : (
          <div className="table-scroll">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t("requestPage.tasks.organisation")}</th>
                  <th scope="col">{t("requestPage.tasks.status")}</th>
                  <th scope="col">{t("requestPage.tasks.dueDate")}</th>
                </tr>
              </thead>
              <tbody>
                {tasks.map((task) => (
                  <tr key={task.id}>
                    <th scope="row">{task.organisationName}</th>
                    <td>{t(taskStatusLabel(task.status))}</td>
                    <td>
                      {task.dueDate}
                      {task.overdue ? (
                        <>
                          {" "}
                          <strong>({t("requestPage.tasks.overdue")})</strong>
                        </>
                      ) : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section aria-labelledby="timeline-title">
        <h2 id="timeline-title">{t("requestPage.timeline")}</h2>
        <Timeline data={data} />
      </section>

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
    </article>
  );
}
