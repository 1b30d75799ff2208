import { chooseReviewRange, planIncrementalRange, type CommitComparison, type ReviewRange } from "../core/review/plan-incremental-range.js";
import type { ReviewState } from "../core/review/review-state.js";
import type { ChangedFile, ReviewTrigger } from "../core/types.js";
import type { Logger } from "../log.js";
import { describeFailure } from "./describe-failure.js";
import type { PullRequestSource } from "./ports.js";

export interface PlanReviewRangeInput {
  trigger: ReviewTrigger;
  fullRequested: boolean;
  headSha: string;
  /** The pull request's changed files (its diff, base → head). */
  files: ChangedFile[];
  /** What the summary comment recorded of earlier reviews. */
  earlier: ReviewState | null;
  source: PullRequestSource;
  log: Logger;
  ids: object;
}

/**
 * Decides what a review sends: after an earlier review, a push (or a plain `/review`) sends only
 * the pull request's hunks that changed since, found with GitHub's compare of the two commits; the
 * rest, and any comparison that fails or cannot be trusted, reviews the whole pull request.
 */
export async function planReviewRange(input: PlanReviewRangeInput): Promise<{ range: ReviewRange; files: ChangedFile[] }> {
  const choice = chooseReviewRange({ trigger: input.trigger, fullRequested: input.fullRequested, earlier: input.earlier, headSha: input.headSha });
  if ("full" in choice) return log(input, { range: choice.full, files: input.files });
  const base = choice.compareFrom;
  const unavailable = { range: { kind: "full", headSha: input.headSha, reason: "comparison unavailable", lastReviewedSha: base } as const, files: input.files };
  if (!input.source.compareCommits) return log(input, unavailable);
  let comparison: CommitComparison;
  try {
    comparison = base === input.headSha ? { status: "identical", files: [] } : await input.source.compareCommits(base, input.headSha);
  } catch (error) {
    input.log.warn({ ...input.ids, error: describeFailure(error) }, "could not compare with the last reviewed commit; reviewing the whole pull request");
    return log(input, unavailable);
  }
  return log(input, planIncrementalRange({ files: input.files, baseSha: base, headSha: input.headSha, comparison }));
}

function log(input: PlanReviewRangeInput, planned: { range: ReviewRange; files: ChangedFile[] }) {
  const { range } = planned;
  const detail = range.kind === "incremental" ? { files: range.files, ofFiles: range.ofFiles, hunks: range.hunks, ofHunks: range.ofHunks } : { reason: range.reason };
  input.log.info({ ...input.ids, range: range.kind, ...detail }, "review range planned");
  return planned;
}
