import { anchorFindings } from "../review/anchor-findings.js";
import type { FilePatch, Finding, LineMap } from "../types.js";
import { checkSuggestion, type ParseCheck, type SuggestionCheck } from "./check-suggestion.js";
import { dropRepeatedFindings, type SuppressedFinding } from "./drop-repeated-findings.js";
import { mergeRepeatedFindings, type MergedFinding } from "./merge-repeated-findings.js";
import type { ExistingComment } from "./read-fingerprints.js";
import { readCommentedLines } from "./read-commented-lines.js";
import { ANCHOR_ONLY, selectInlineFindings, type InlineRules } from "./select-inline-findings.js";

export interface SiftFindingsInput {
  /** Every finding of the model's valid answers. */
  findings: readonly Finding[];
  patches: readonly FilePatch[];
  lineMap: LineMap;
  rules: InlineRules;
  /** Patchwise's own inline comments already on the pull request. */
  existingComments?: readonly ExistingComment[];
  /** The new text of a changed file (e.g. the snapshot's `readText`), for indentation and the parse check. */
  fileTextOf?: (path: string) => string | undefined;
  parseCheck?: ParseCheck;
}

/** A finding after the repeat check and the merge: its fingerprint, the other places, the findings folded into it. */
export type MergedCandidate = MergedFinding<Finding & { fingerprint: string }>;

/** A finding that gets an inline comment: every fingerprint its comment carries, and how its suggestion is shown. */
export type InlineFinding = MergedCandidate & { fingerprints: string[]; suggestionCheck: SuggestionCheck };

/** Where every finding went; the lists `renderSummary` takes, plus what was left out and why. */
export interface SiftedFindings {
  inline: InlineFinding[];
  overLimit: MergedCandidate[];
  outsideDiff: Finding[];
  belowThreshold: Finding[];
  lowConfidence: Finding[];
  /** Findings an earlier run already posted, with the reason they are not posted again. */
  suppressed: SuppressedFinding[];
  /** Findings folded into another finding's comment. */
  mergedAway: number;
  /** Exact repeats (same path, line and title) within this run's answers. */
  duplicates: number;
}

/**
 * The deterministic half of "findings worth acting on", in order: anchor to the diff, leave out
 * what earlier runs already posted, merge one problem found at several places, apply the
 * thresholds and the cap, then check each posted suggestion.
 */
export function siftFindings(input: SiftFindingsInput): SiftedFindings {
  const anchored = anchorFindings([...input.findings], input.lineMap, ANCHOR_ONLY);
  const linesOf = readCommentedLines(input.patches);
  const previousPaths = new Map(input.patches.flatMap((patch) => (patch.previousPath === undefined ? [] : [[patch.path, patch.previousPath] as const])));
  const fresh = dropRepeatedFindings(anchored.inline, input.existingComments ?? [], (finding) => linesOf(finding)?.join("\n") ?? null, previousPaths);
  const { merged, mergedAway } = mergeRepeatedFindings(fresh.kept);
  const selected = selectInlineFindings({ commentable: merged, outsideDiff: anchored.outsideDiff }, input.rules);
  const inline = selected.inline.map((finding) => ({
    ...finding,
    fingerprints: [finding.fingerprint, ...finding.mergedFrom.map((member) => member.fingerprint)],
    suggestionCheck: checkSuggestion({ finding, originalLines: linesOf(finding) ?? [], fileText: input.fileTextOf?.(finding.path), parseCheck: input.parseCheck }),
  }));
  const duplicates = input.findings.length - anchored.inline.length - anchored.outsideDiff.length;
  return { ...selected, inline, suppressed: fresh.suppressed, mergedAway, duplicates };
}
