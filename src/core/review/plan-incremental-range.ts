import type { ChangedFile, ReviewTrigger } from "../types.js";
import type { ReviewState } from "./review-state.js";
import { selectChangedHunks } from "./select-changed-hunks.js";

/** GitHub's comparison of two commits, as the pull request source reads it. */
export type CommitComparison =
  | {
      /** `ahead`: the head descends from the base; `behind`/`diverged`: the branch's history was rewritten. */
      status: "ahead" | "identical" | "behind" | "diverged";
      /** The files changed from base to head, with GitHub's per-file patch where it has one. */
      files: ChangedFile[];
    }
  /** GitHub does not know the base commit any more (a force-push dropped it, and it was collected). */
  | { status: "unknown" };

/** GitHub's compare lists at most this many files; a comparison that reaches it may be missing some. */
export const COMPARE_FILE_LIMIT = 300;

/** Why a review looks at the whole pull request. */
export type FullReviewReason =
  | "no earlier review"
  | "full review requested"
  | "pull request opened or ready"
  | "history rewritten"
  | "earlier commit unknown"
  | "too many changes"
  | "comparison unavailable";

/** Which changes a review covers. */
export type ReviewRange =
  | { kind: "full"; headSha: string; reason: FullReviewReason; lastReviewedSha: string | null }
  | {
      kind: "incremental";
      baseSha: string;
      headSha: string;
      /** Files of the pull request's diff with changes since `baseSha`, of all its files. */
      files: number;
      ofFiles: number;
      /** Hunks of the pull request's diff sent to the model, of all its hunks. */
      hunks: number;
      ofHunks: number;
    };

export interface ReviewRangeRequest {
  trigger: ReviewTrigger;
  /** `/review full` */
  fullRequested: boolean;
  earlier: ReviewState | null;
  headSha: string;
}

/**
 * Whether a review may be incremental: only a push (`synchronize`) or a plain `/review`, and only
 * after an earlier review whose commit is known. Opening, reopening or marking a pull request ready
 * and `/review full` look at the whole pull request.
 */
export function chooseReviewRange(request: ReviewRangeRequest): { compareFrom: string } | { full: ReviewRange } {
  const full = (reason: FullReviewReason) => ({ full: { kind: "full", headSha: request.headSha, reason, lastReviewedSha: request.earlier?.reviewedSha ?? null } as const });
  if (request.earlier === null) return full("no earlier review");
  if (request.trigger === "command" && request.fullRequested) return full("full review requested");
  if (request.trigger !== "synchronize" && request.trigger !== "command") return full("pull request opened or ready");
  return { compareFrom: request.earlier.reviewedSha };
}

/**
 * From GitHub's comparison of the last reviewed commit with the head to what this review sends:
 * the pull request's own hunks (its diff stays the line map) that touch what changed since. A
 * rewritten history, an unknown earlier commit or a comparison that may be cut short reviews the
 * whole pull request instead.
 */
export function planIncrementalRange(input: { files: ChangedFile[]; baseSha: string; headSha: string; comparison: CommitComparison }): { range: ReviewRange; files: ChangedFile[] } {
  const full = (reason: FullReviewReason) => ({ range: { kind: "full", headSha: input.headSha, reason, lastReviewedSha: input.baseSha } as const, files: input.files });
  const { comparison } = input;
  if (comparison.status === "unknown") return full("earlier commit unknown");
  if (comparison.status === "behind" || comparison.status === "diverged") return full("history rewritten");
  if (comparison.files.length >= COMPARE_FILE_LIMIT) return full("too many changes");
  const selected = selectChangedHunks(input.files, comparison.files);
  return {
    range: { kind: "incremental", baseSha: input.baseSha, headSha: input.headSha, files: selected.files.length, ofFiles: input.files.length, hunks: selected.hunks, ofHunks: selected.ofHunks },
    files: selected.files,
  };
}
