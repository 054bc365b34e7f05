import { useFetcher } from "@remix-run/react";
import { useTranslation } from "../../i18n/use-translation";
import { RateLimitOrSummary, useFormResult } from "./form-feedback";
import type { ActionResult, LoaderData } from "./page-data";
import type { action } from "./route";

export function signInLink(pathname: string) {
  return `/login?${new URLSearchParams({ redirectTo: pathname })}`;
}

export function VoteForm({ data }: { data: LoaderData }) {
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
        <strong>{t("requestPage.votes", { count: voteCount })}</strong>
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

export function FollowForm({ data }: { data: LoaderData }) {
  const { t } = useTranslation();
  const fetcher = useFetcher<typeof action>();
  const result = useFormResult(fetcher.data as ActionResult | undefined, ["follow", "unfollow"]);
  const pending = fetcher.formData?.get("intent");
  const following = pending ? pending === "follow" : data.viewer.isFollowing;
  const followerCount = data.request.followerCount + (following === data.viewer.isFollowing ? 0 : following ? 1 : -1);
  return (
    <div className="follow">
      <p aria-live="polite">
        <strong>{t("requestPage.followers", { count: followerCount })}</strong>
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
