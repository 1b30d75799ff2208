import type { FeedbackCounts } from "../core/findings/count-feedback.js";
import type { PartialReview } from "../core/progress/conclude-check-run.js";
import type { ReviewJob, Severity } from "../core/types.js";
import type { ModelAnswerCount } from "../core/review/count-model-answers.js";

// What one review reports to its shell: the result, its timings and counts (never content).

/** A job whose head sha may still be unknown (a `/review` comment names only the PR). */
export type PipelineJob = Omit<ReviewJob, "headSha"> & { headSha: string | null };

export type ReviewOutcome = ReviewResult &
  ReviewTimings & { modelRequests: ModelRequestCounts; sent: SentCounts; secretsRedacted: Record<string, number>; feedback?: FeedbackCounts };

/** What reached the model: files and changed lines (counts only). */
export interface SentCounts {
  files: number;
  lines: number;
  relatedLines: number;
}

/** Wall time of the whole review and of its model phase; the rest is time outside the model. */
export interface ReviewTimings {
  durationMs: number;
  modelMs: number;
}

export interface ModelRequestCounts {
  provider: string;
  model: string;
  requests: number;
  inputTokens: number;
  outputTokens: number;
  /** Which model answered how many requests of each part (a fallback shows here), in the order they first answered. */
  answeredBy: ModelAnswerCount[];
}

export type ReviewResult =
  | {
      status: "posted";
      headSha: string;
      inlineComments: number;
      findings: number;
      /** Severities of the findings reported (inline or in the summary), for a fail-on check. */
      severities: Severity[];
      reviewUrl: string;
      /** An open finding (this review's, or an earlier one an incremental review could not clear) reaches the fail-on severity. */
      failing: boolean;
      /** Some model requests failed (or answered unusably) for good: their files were not reviewed, the rest was posted. */
      partial?: PartialReview;
    }
  | { status: "skipped"; reason: string }
  | { status: "failed"; stage: string; reason: string };
