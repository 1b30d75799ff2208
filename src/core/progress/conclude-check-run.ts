import { formatSeverity } from "../review/format-severity.js";
import { reachesSeverity } from "../review/reaches-severity.js";
import { SEVERITIES, type Severity } from "../types.js";
import type { CheckRunUpdate } from "./check-run-update.js";

/** A posted review some of whose model requests failed for good: how many (of all), and the files they held. */
export interface PartialReview {
  requests: number;
  of: number;
  files: number;
}

/** How a review ended, in the terms its check run needs (counts and our own texts; never code). */
export type CheckOutcome =
  | {
      status: "posted";
      /** Severities of every finding this review reported. */
      reported: readonly Severity[];
      /** The most severe finding taken as open after this review (see `ReviewState.worstOpen`). */
      worstOpen: Severity | null;
      /** The posted review; null when an incremental run found nothing new to send, and posted none. */
      reviewUrl: string | null;
      /** Which changes the review covered ("Reviewed changes `a..b` (incremental ...)"), or empty. */
      rangeLine: string;
      /** Set when files went unreviewed because their model requests failed. */
      partial?: PartialReview;
    }
  | { status: "skipped"; reason: string; alreadyReviewed: boolean }
  | { status: "failed"; stage: string; reason: string };

/**
 * The finished check run: `success` with no finding, `neutral` with findings, when the review is
 * partial or could not finish, `failure` only when an open finding reaches `failOn`, `skipped` when
 * the commit was not reviewed (an earlier review of it stands, or a newer commit replaced it).
 */
export function concludeCheckRun(outcome: CheckOutcome, failOn: Severity | undefined): CheckRunUpdate {
  if (outcome.status === "skipped") {
    return { status: "completed", conclusion: "skipped", title: `Not reviewed: ${outcome.reason}`, summary: `Not reviewed: ${outcome.reason}.`, ...(outcome.alreadyReviewed ? { keepEarlierResult: true } : {}) };
  }
  if (outcome.status === "failed") {
    return {
      status: "completed",
      conclusion: "neutral",
      title: `Review failed at ${outcome.stage}`,
      summary: `The review failed at ${outcome.stage}: ${outcome.reason}.\n\nComment \`/review\` on the pull request to try again.`,
    };
  }
  const failing = outcome.worstOpen !== null && reachesSeverity([outcome.worstOpen], failOn);
  const count = outcome.reported.length;
  const counts = outcome.reviewUrl === null ? "Nothing new to review" : count === 0 ? "No findings" : `${count} finding${count === 1 ? "" : "s"}: ${describeCounts(outcome.reported)}`;
  const gate = failing ? ` · fail-on ${failOn}: ${formatSeverity(outcome.worstOpen!)} open` : "";
  const { partial } = outcome;
  const summary = [
    partial ? describePartial(partial) : "",
    outcome.rangeLine,
    outcome.reviewUrl === null
      ? "No line of the pull request's diff changed since the last review, so no new review was posted."
      : count === 0
        ? "This review found nothing to report."
        : `This review reported ${counts.charAt(0).toLowerCase()}${counts.slice(1)}.`,
    failing
      ? `This check fails at \`${failOn}\` or worse (\`failOn\` in \`.github/patchwise.yml\`, or the Action's \`fail-on\`), and a ${formatSeverity(outcome.worstOpen!)} finding is open. ` +
        "A review of later pushes looks only at what changed, so it cannot clear an earlier finding: once it is fixed, comment `/review full`."
      : "",
    outcome.reviewUrl === null ? "" : `[Open the review](${outcome.reviewUrl}); the summary comment on the pull request lists every finding.`,
  ];
  return {
    status: "completed",
    conclusion: failing ? "failure" : count === 0 && !partial ? "success" : "neutral",
    title: `${partial ? `Partial review, ${partial.files} file${partial.files === 1 ? "" : "s"} not reviewed · ` : ""}${counts}${gate}`,
    summary: summary.filter((part) => part !== "").join("\n\n"),
    ...(outcome.reviewUrl === null ? {} : { detailsUrl: outcome.reviewUrl }),
  };
}

function describePartial(partial: PartialReview): string {
  const requests = `${partial.requests} of ${partial.of} model request${partial.of === 1 ? "" : "s"}`;
  return `**This review is partial**: ${requests} failed for good, so ${partial.files} file${partial.files === 1 ? " was" : "s were"} not reviewed; the summary comment names ${partial.files === 1 ? "it" : "them"} with the reason. The findings of every request that answered were posted. Comment \`/review full\` to try the whole pull request again.`;
}

function describeCounts(severities: readonly Severity[]): string {
  return SEVERITIES.filter((severity) => severities.includes(severity))
    .map((severity) => `${severities.filter((each) => each === severity).length} ${formatSeverity(severity)}`)
    .join(", ");
}
