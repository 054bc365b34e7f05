import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useLocation } from "@remix-run/react";
import { getUser, requirePermission, requireUser, toActor } from "../../auth/guard.server";
import { can, type RolePermission } from "../../auth/permissions";
import { canTransition } from "../../domain/lifecycle";
import { consumeUserLimit, type LimitedAction } from "../../auth/rate-limit.server";
import { MarkdownHtml } from "../../components/markdown";
import { markdownHtml } from "../../components/markdown.server";
import type { MessageKey } from "../../i18n/translate";
import { pageTitle } from "../../i18n/page-title";
import { feedLink } from "../../utils/feed-link";
import { requestStatusLabel } from "../../i18n/status.messages";
import { useTranslation } from "../../i18n/use-translation";
import { addComment, deleteComment, editComment, hideComment } from "../../models/comment.server";
import { followRequest, unfollowRequest } from "../../models/follow.server";
import { getRequestPage } from "../../models/request-page.server";
import { reportContent } from "../../models/content-report.server";
import { getVisibleRequestId, withdrawRequest } from "../../models/request.server";
import { reportSchema } from "../../schemas/moderation.server";
import { castVote, retractVote } from "../../models/vote.server";
import {
  addCommentSchema,
  deleteCommentSchema,
  editCommentSchema,
  followSchema,
  hideCommentSchema,
  requestNumberParam,
  requestPageIntents,
  voteSchema,
  withdrawSchema,
  type RequestPageIntent,
} from "../../schemas/request-page.server";
import { conflictFailure, formAction, formFailure, type FormFailure, parseForm, parseIntent } from "../../utils/form.server";
import { invariantResponse, notFound } from "../../utils/http.server";
import { Comments } from "./comments";
import type { Answer, Failure, Success } from "./page-data";
import { LinkedDatasets, RequestFacts, TaskTable } from "./request-facts";
import { FollowForm, signInLink, VoteForm } from "./support-forms";
import { ReportForm } from "./report-form";
import { WithdrawForm } from "./withdraw-form";
import { Timeline } from "./timeline";

/*
 * The request page, /requests/<number>: this module is the route (loader, action, the page's
 * outline); its parts live beside it — the support forms, the comments, the timeline, the facts.
 */

export const meta: MetaFunction<typeof loader> = (args) => [
  ...pageTitle(args, { text: args.data?.request.title, fallback: "title.request" }),
  ...(args.data
    ? [feedLink(args, "feed.requestLinkTitle", { number: args.data.request.number }, `/requests/${args.data.request.number}/events.atom`)]
    : []),
];

function requestNumberOr404(raw: string | undefined) {
  const parsed = requestNumberParam.safeParse(raw);
  if (!parsed.success) notFound();
  return parsed.data;
}

/**
 * Commands name a request by its id (ADR 011); the number in the address is looked up where a
 * command needs it, so a form's own validation and rate limit still come first. A request held for
 * review is not there for anyone who may not see it (ADR 040).
 */
async function requestIdOr404(requestNumber: number, viewer: { userId: string; seesHeld: boolean }) {
  return invariantResponse(await getVisibleRequestId({ number: requestNumber, viewer }), 404);
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const requestNumber = requestNumberOr404(params.number);
  const user = await getUser(request);
  const actor = user ? toActor(user) : null;
  const page = invariantResponse(
    await getRequestPage({ requestNumber, viewerUserId: user?.id ?? null, viewerSeesHeld: can(actor, "triage:request:any") }),
    404,
  );
  return {
    ...page,
    // Markdown becomes HTML here, so the browser loads no Markdown parser (ADR 018); headings
    // start below the section each text sits in (h2 for the request, h3 for a comment).
    request: { ...page.request, bodyHtml: markdownHtml(page.request.body, 3), purposeHtml: markdownHtml(page.request.purpose, 3) },
    comments: page.comments.map((comment) => ({ ...comment, bodyHtml: comment.body === null ? null : markdownHtml(comment.body, 4) })),
    viewer: {
      ...page.viewer,
      signedIn: user !== null,
      // Components only hide buttons; the action checks again.
      canVote: can(actor, "vote:request:own"),
      canComment: can(actor, "comment:request:own"),
      canHide: can(actor, "hide:comment:any"),
      canReport: can(actor, "report:content:own"),
      seesHeld: can(actor, "triage:request:any"),
      // The requester's own step, while no municipality has answered (the model checks again).
      canWithdraw:
        page.viewer.isRequester &&
        page.request.kind === "data" &&
        canTransition("request", page.request.status, "withdrawn") &&
        can(actor, "withdraw:request:own"),
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
  report: "report:content:own",
  withdraw: "withdraw:request:own",
};

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
  // A visitor is sent to sign in before any form of theirs is judged.
  await requireUser(request);
  const intent = await parseIntent(request, requestPageIntents);
  const user = await requirePermission(request, permissionFor[intent]);
  const requestNumber = requestNumberOr404(params.number);
  const viewer = { userId: user.id, seesHeld: can(toActor(user), "triage:request:any") };

  // A command's conflict (votes closed, comment gone) is told in the form that sent it; a request
  // or comment that is not there is the 404 page, someone else's comment the 403 (ADR 016).
  switch (intent) {
    case "vote":
    case "unvote": {
      const answer = { intent };
      const form = await parseForm(request, voteSchema);
      if (!form.ok) return failed(answer, form);
      const limited = await rateLimited("vote", user.id, answer, form.values);
      if (limited) return limited;
      try {
        const result = await (form.data.intent === "vote" ? castVote : retractVote)({
          requestId: await requestIdOr404(requestNumber, viewer),
          userId: user.id,
        });
        return succeeded(answer, result.status === "voted" ? "requestPage.voted" : "requestPage.unvoted");
      } catch (error) {
        return failed(answer, conflictFailure(error, form.values));
      }
    }
    case "follow":
    case "unfollow": {
      const answer = { intent };
      const form = await parseForm(request, followSchema);
      if (!form.ok) return failed(answer, form);
      const limited = await rateLimited("follow", user.id, answer, form.values);
      if (limited) return limited;
      const result = await (form.data.intent === "follow" ? followRequest : unfollowRequest)({
        requestId: await requestIdOr404(requestNumber, viewer),
        userId: user.id,
      });
      return succeeded(answer, result.status === "following" ? "requestPage.following" : "requestPage.unfollowed");
    }
    case "comment": {
      const answer = { intent };
      const form = await parseForm(request, addCommentSchema);
      if (!form.ok) return failed(answer, form);
      const limited = await rateLimited("comment", user.id, answer, form.values);
      if (limited) return limited;
      const result = await addComment({
        requestId: await requestIdOr404(requestNumber, viewer),
        authorUserId: user.id,
        body: form.data.body,
      });
      return succeeded({ ...answer, commentId: result.commentId }, "requestPage.comment.added");
    }
    case "editComment": {
      const form = await parseForm(request, editCommentSchema);
      const answer = { intent, commentId: form.values.commentId };
      if (!form.ok) return failed(answer, form);
      const limited = await rateLimited("comment", user.id, answer, form.values);
      if (limited) return limited;
      try {
        await editComment({
          requestId: await requestIdOr404(requestNumber, viewer),
          commentId: form.data.commentId,
          userId: user.id,
          body: form.data.body,
        });
        return succeeded(answer, "requestPage.comment.saved");
      } catch (error) {
        return failed(answer, conflictFailure(error, form.values));
      }
    }
    case "deleteComment": {
      const form = await parseForm(request, deleteCommentSchema);
      const answer = { intent, commentId: form.values.commentId };
      if (!form.ok) return failed(answer, form);
      await deleteComment({ requestId: await requestIdOr404(requestNumber, viewer), commentId: form.data.commentId, userId: user.id });
      return succeeded(answer, "requestPage.comment.deletedNotice");
    }
    case "hideComment": {
      const form = await parseForm(request, hideCommentSchema);
      const answer = { intent, commentId: form.values.commentId };
      if (!form.ok) return failed(answer, form);
      try {
        await hideComment({
          requestId: await requestIdOr404(requestNumber, viewer),
          commentId: form.data.commentId,
          actorUserId: user.id,
          reason: form.data.reason,
        });
        return succeeded(answer, "requestPage.comment.hiddenNotice");
      } catch (error) {
        return failed(answer, conflictFailure(error, form.values));
      }
    }
    case "withdraw": {
      const answer = { intent };
      const form = await parseForm(request, withdrawSchema);
      if (!form.ok) return failed(answer, form);
      try {
        await withdrawRequest({ actor: user, requestId: await requestIdOr404(requestNumber, viewer), reason: form.data.reason });
        return succeeded(answer, "requestPage.withdraw.done");
      } catch (error) {
        return failed(answer, conflictFailure(error, form.values));
      }
    }
    case "report": {
      const form = await parseForm(request, reportSchema);
      const answer = { intent, ...(form.values.commentId ? { commentId: form.values.commentId } : {}) };
      if (!form.ok) return failed(answer, form);
      const limited = await rateLimited("report", user.id, answer, form.values);
      if (limited) return limited;
      try {
        await reportContent({
          requestId: await requestIdOr404(requestNumber, viewer),
          commentId: form.data.commentId,
          reporterUserId: user.id,
          reason: form.data.reason,
          note: form.data.note,
        });
        return succeeded(answer, "moderation.report.sent");
      } catch (error) {
        return failed(answer, conflictFailure(error, form.values));
      }
    }
  }
}

// ---------------------------------------------------------------------------------------------
// The page

export default function RequestPageRoute() {
  const { t } = useTranslation();
  const data = useLoaderData<typeof loader>();
  const location = useLocation();
  const { request, viewer } = data;
  return (
    <article aria-labelledby="request-title">
      <p>
        <Link to="/requests">{t("requestPage.back")}</Link>
      </p>
      <p className="muted">
        {t("requestPage.number", { number: request.number })} · {t(`requestPage.kind.${request.kind}`)}
      </p>
      <h1 id="request-title">{request.title}</h1>
      {request.heldForReview ? (
        <div className="notice" role="note">
          <p>{viewer.seesHeld ? t("moderation.heldNoticeCoordinator") : t("moderation.heldNotice")}</p>
        </div>
      ) : null}
      {request.surveyId ? (
        <p>
          <Link to={`/enkater/${request.surveyId}`}>{t("survey.openSurvey")}</Link>
        </p>
      ) : null}
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

      <RequestFacts data={data} />
      <h2>{t("requestPage.body")}</h2>
      <MarkdownHtml html={request.bodyHtml} />
      <h2>{t("requestPage.purpose")}</h2>
      <MarkdownHtml html={request.purposeHtml} />
      {viewer.canReport && !viewer.seesHeld && !viewer.isRequester && !request.heldForReview ? (
        <ReportForm alreadyReported={viewer.reportedRequest} />
      ) : null}

      {viewer.isRequester ? <WithdrawForm canWithdraw={viewer.canWithdraw} /> : null}

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

      <LinkedDatasets data={data} />
      <TaskTable data={data} />
      <section aria-labelledby="timeline-title">
        <h2 id="timeline-title">{t("requestPage.timeline")}</h2>
        <Timeline data={data} />
      </section>

      <Comments data={data} />
    </article>
  );
}
