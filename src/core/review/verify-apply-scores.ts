import type { VerifyCandidate } from "./verify-build-prompt.js";
import type { VerifyAnswer } from "./verify-schema.js";

export interface AppliedScores<F> {
  /** The findings kept, in their order: scored at or above the threshold, or not scored at all. */
  kept: F[];
  /** The findings scored under the threshold. */
  dropped: F[];
  /** Candidates the answer gave a score for. */
  scored: number;
}

/**
 * Drops the findings the verifier scored under `threshold`. A finding that was not a candidate,
 * or that the answer gave no score for, is kept: verification only removes what it judged.
 * Ids the prompt did not give are ignored; of repeated ids the first score counts.
 */
export function applyVerifyScores<F>(findings: readonly F[], candidates: readonly VerifyCandidate[], answer: VerifyAnswer, threshold: number): AppliedScores<F> {
  const scores = new Map<string, number>();
  for (const entry of answer.scores) if (!scores.has(entry.id)) scores.set(entry.id, entry.score);
  const scoreOf = new Map<number, number>();
  for (const candidate of candidates) {
    const score = scores.get(candidate.id);
    if (score !== undefined) scoreOf.set(candidate.index, score);
  }
  const result: AppliedScores<F> = { kept: [], dropped: [], scored: scoreOf.size };
  findings.forEach((finding, index) => {
    const score = scoreOf.get(index);
    (score !== undefined && score < threshold ? result.dropped : result.kept).push(finding);
  });
  return result;
}
