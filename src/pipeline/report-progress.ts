import { concludeCheckRun, type CheckOutcome, type PartialReview } from "../core/progress/conclude-check-run.js";
import { describeRateLimitWait, type RateLimitWait } from "../core/progress/describe-rate-limit-wait.js";
import { describeReviewProgress } from "../core/progress/describe-review-progress.js";
import type { ReviewRange } from "../core/review/plan-incremental-range.js";
import { renderReviewRange } from "../core/review/render-review-range.js";
import type { ReviewState } from "../core/review/review-state.js";
import type { Severity } from "../core/types.js";
import type { RetryEvent, SplitEvent } from "./ask-for-reviews.js";
import type { ProgressReporter } from "./ports.js";

/** The ending of a review, as `reviewPullRequest` returns it (the part the progress needs). */
export type ProgressResult = { status: "posted"; reviewUrl: string } | { status: "skipped"; reason: string } | { status: "failed"; stage: string; reason: string };

/** What one review tells its progress reporter as it goes; every method is safe to call without one. */
export interface ProgressTracker {
  /** The commit under review (the job's, then the pull request's once read). */
  setHead(headSha: string): void;
  setFailOn(severity: Severity | undefined): void;
  setRange(range: ReviewRange, earlier: ReviewState | null): void;
  /** The files are read and the requests planned: the review is in progress. */
  filesRead(files: number, requests: number): void;
  requestDone(): void;
  /** A request the server refused as too long was split: shown at once, with the parts counted in. */
  requestSplit(event: SplitEvent): void;
  /** A request is being sent again after a failure: shown within the update interval. */
  requestRetried(event: RetryEvent): void;
  /** A call of the review waits out a rate limit: shown at once (the next progress update replaces it). */
  rateLimitWait(wait: RateLimitWait): void;
  /** The commit already has a review of ours: its check result stands. */
  alreadyReviewed(): void;
  /** What the posted review (or an incremental run with nothing new) found, for the conclusion. */
  concluded(found: Found): void;
  /** The review is on the pull request: its result can be shown before the summary comment is written. */
  reviewPosted(reviewUrl: string): void;
  /** Shows how the review ended, unless the posted review already did; resolves when the reporter is done (it never throws). */
  finish(result: ProgressResult): Promise<void>;
}

/** What a review found, and whether files went unreviewed because their model requests failed. */
type Found = { reported: Severity[]; worstOpen: Severity | null; partial?: PartialReview };

export interface ProgressOptions {
  /** Least time between two progress updates of one review, so that they do not eat GitHub's write budget. */
  minIntervalMs?: number;
  now?: () => number;
}

const DEFAULT_MIN_INTERVAL_MS = 10_000;

/**
 * Turns the pipeline's steps into progress updates: in progress once the files are read, again
 * as model requests finish (at most once per `minIntervalMs`), and the conclusion at the end.
 */
export function trackProgress(reporter: ProgressReporter | undefined, options: ProgressOptions = {}): ProgressTracker {
  const now = options.now ?? (() => performance.now());
  const minInterval = options.minIntervalMs ?? DEFAULT_MIN_INTERVAL_MS;
  let headSha: string | null = null;
  let failOn: Severity | undefined;
  let range: ReviewRange | null = null;
  let earlier: ReviewState | null = null;
  let progress: { files: number; requestsDone: number; requestsTotal: number; events?: string[] } = { files: 0, requestsDone: 0, requestsTotal: 0 };
  let lastShown = -Infinity;
  let alreadyReviewed = false;
  let found: Found | null = null;
  let shownResult: Promise<void> | undefined;
  const conclude = (result: ProgressResult) => {
    if (!reporter || headSha === null) return Promise.resolve();
    return reporter.report(headSha, concludeCheckRun(toOutcome(result), failOn));
  };

  // Splits and retries are told in the progress text, at most once per interval like the rest.
  const note = (event: string) => {
    progress.events = [...(progress.events ?? []), event];
    if (now() - lastShown >= minInterval) show();
  };

  const show = (update = describeReviewProgress({ ...progress, range })) => {
    if (!reporter || headSha === null) return;
    lastShown = now();
    void reporter.report(headSha, update);
  };

  return {
    setHead: (sha) => void (headSha = sha),
    setFailOn: (severity) => void (failOn = severity),
    setRange(next, before) {
      range = next;
      earlier = before;
    },
    filesRead(files, requests) {
      progress = { files, requestsDone: 0, requestsTotal: requests };
      show();
    },
    requestDone() {
      progress.requestsDone += 1;
      // The last request is followed by the conclusion at once.
      if (progress.requestsDone < progress.requestsTotal && now() - lastShown >= minInterval) show();
    },
    requestSplit({ request, of, parts, window }) {
      // The refused request becomes `parts` requests still to answer.
      progress.requestsTotal += parts - 1;
      const limit = window === null ? "after the server refused it as too long" : `after the server's ${window.toLocaleString("en-US")}-token limit`;
      note(`request ${request} of ${of} split in ${parts === 2 ? "two" : parts} ${limit}`);
    },
    requestRetried({ request, of, attempt, attempts, reason }) {
      note(`request ${request} of ${of}: ${reason}; sending it again (attempt ${attempt} of ${attempts})`);
    },
    rateLimitWait: (wait) => show(describeRateLimitWait(wait)),
    alreadyReviewed: () => void (alreadyReviewed = true),
    concluded: (result) => void (found = result),
    reviewPosted(reviewUrl) {
      shownResult = conclude({ status: "posted", reviewUrl });
    },
    // A review already posted stands, even if writing the summary failed afterwards.
    finish: (result) => shownResult ?? conclude(result),
  };

  function toOutcome(result: ProgressResult): CheckOutcome {
    if (found !== null && result.status !== "failed") {
      const rangeLine = range ? renderReviewRange(range, earlier) : "";
      return { status: "posted", ...found, reviewUrl: result.status === "posted" ? result.reviewUrl : null, rangeLine };
    }
    if (result.status === "skipped") return { status: "skipped", reason: result.reason, alreadyReviewed };
    if (result.status === "failed") return result;
    return { status: "posted", reported: [], worstOpen: null, reviewUrl: result.reviewUrl, rangeLine: "" };
  }
}
