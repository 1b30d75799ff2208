import { SEVERITIES } from "../types.js";
import { formatSeverity } from "./format-severity.js";
import type { FullReviewReason, ReviewRange } from "./plan-incremental-range.js";
import { countStateFindings, type ReviewState } from "./review-state.js";

const WHY_FULL: Record<Exclude<FullReviewReason, "no earlier review">, (last: string) => string> = {
  "full review requested": () => "full, as `/review full` asked",
  "pull request opened or ready": () => "full: the pull request was opened, reopened or marked ready for review",
  "history rewritten": (last) => `full: the branch's history changed since the last review at \`${last}\`, by a force-push or rebase`,
  "earlier commit unknown": (last) => `full: the last reviewed commit \`${last}\` is no longer in the repository`,
  "too many changes": (last) => `full: too many files changed since the last review at \`${last}\` to compare`,
  "comparison unavailable": (last) => `full: GitHub could not compare with the last reviewed commit \`${last}\``,
};

/**
 * The line that says which changes a review covered and what earlier reviews found, e.g.
 * "Reviewed changes `abc1234..def5678` (incremental: ...); earlier reviews: 3 findings (...)."
 * Empty for a first review, which needs no such line.
 */
export function renderReviewRange(range: ReviewRange, earlier: ReviewState | null): string {
  const history = earlier ? `; earlier reviews: ${describeFindings(earlier)}` : "";
  if (range.kind === "incremental") {
    const scope = `incremental: ${range.files} of ${range.ofFiles} changed file${range.ofFiles === 1 ? "" : "s"}, ${range.hunks} of ${range.ofHunks} hunk${range.ofHunks === 1 ? "" : "s"}`;
    return `Reviewed changes \`${short(range.baseSha)}..${short(range.headSha)}\` (${scope})${history}.`;
  }
  if (range.reason === "no earlier review") return "";
  return `Reviewed the whole pull request at \`${short(range.headSha)}\` (${WHY_FULL[range.reason](short(range.lastReviewedSha ?? ""))})${history}.`;
}

function describeFindings(state: ReviewState): string {
  const total = countStateFindings(state);
  if (total === 0) return "no findings";
  const parts = SEVERITIES.filter((severity) => state.findings[severity] > 0).map((severity) => `${state.findings[severity]} ${formatSeverity(severity)}`);
  return `${total} finding${total === 1 ? "" : "s"} (${parts.join(", ")})`;
}

function short(sha: string): string {
  return sha.slice(0, 7);
}
