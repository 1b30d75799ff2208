import type { AnchorLimits } from "../review/anchor-findings.js";
import { reachesSeverity } from "../review/reaches-severity.js";
import { SEVERITIES, type Finding } from "../types.js";

/** The repository's limits (`minSeverity`, `maxComments`, `excludeCategories`) and the least confidence posted inline. */
export interface InlineRules extends AnchorLimits {
  minConfidence?: number;
}

/** Findings the model is less sure of than this stay out of the inline comments. */
export const DEFAULT_MIN_CONFIDENCE = 0.5;

/**
 * `anchorFindings` limits that turn its thresholds and cap off, leaving only the anchoring; needed
 * until those rules leave `anchorFindings` for `selectInlineFindings`.
 */
export const ANCHOR_ONLY: AnchorLimits = { minSeverity: "nit", maxComments: Number.MAX_SAFE_INTEGER, excludeCategories: [] };

export interface SelectedFindings<C extends Finding, O extends Finding = Finding> {
  /** Posted inline: most severe first, then most confident, at most `maxComments`. */
  inline: C[];
  /** Inline candidates past `maxComments`, in the same order, for the summary. */
  overLimit: C[];
  outsideDiff: O[];
  /** Below `minSeverity` or in an excluded category. */
  belowThreshold: Array<C | O>;
  /** Below `minConfidence`. */
  lowConfidence: Array<C | O>;
}

/** Applies the noise rules: thresholds to every finding, then ranking and the cap to those that can go inline. */
export function selectInlineFindings<C extends Finding, O extends Finding = Finding>(
  anchored: { commentable: readonly C[]; outsideDiff: readonly O[] },
  rules: InlineRules,
): SelectedFindings<C, O> {
  const minConfidence = rules.minConfidence ?? DEFAULT_MIN_CONFIDENCE;
  const result: SelectedFindings<C, O> = { inline: [], overLimit: [], outsideDiff: [], belowThreshold: [], lowConfidence: [] };
  const sort = <F extends C | O>(finding: F, passed: F[]): void => {
    if (rules.excludeCategories.includes(finding.category) || !reachesSeverity([finding.severity], rules.minSeverity)) result.belowThreshold.push(finding);
    else if (confidenceOf(finding) < minConfidence) result.lowConfidence.push(finding);
    else passed.push(finding);
  };
  const candidates: C[] = [];
  for (const finding of anchored.commentable) sort(finding, candidates);
  for (const finding of anchored.outsideDiff) sort(finding, result.outsideDiff);
  candidates.sort(compareFindings);
  const limit = Math.max(0, rules.maxComments);
  result.inline = candidates.slice(0, limit);
  result.overLimit = candidates.slice(limit);
  return result;
}

function confidenceOf(finding: Finding): number {
  return typeof finding.confidence === "number" ? finding.confidence : 1;
}

function compareFindings(a: Finding, b: Finding): number {
  return (
    SEVERITIES.indexOf(a.severity) - SEVERITIES.indexOf(b.severity) ||
    confidenceOf(b) - confidenceOf(a) ||
    (a.path < b.path ? -1 : a.path > b.path ? 1 : 0) ||
    a.line - b.line
  );
}
