import type { RepoConfig } from "../config/repo-config-schema.js";
import type { Redaction } from "../redact/build-redaction.js";
import type { AddedLineSecret } from "../redact/redact-patches.js";
import type { ExistingComment } from "../findings/read-fingerprints.js";
import { renderInlineExtras } from "../findings/render-inline-extras.js";
import type { ParseCheck } from "../findings/check-suggestion.js";
import { siftFindings } from "../findings/sift-findings.js";
import type { FilePatch, Finding, LineMap } from "../types.js";
import { buildCredentialFindings } from "./build-credential-findings.js";
import type { ReviewRange } from "./plan-incremental-range.js";
import { advanceReviewState, type ReviewState } from "./review-state.js";
import type { AnchoredFindings } from "./anchor-findings.js";
import { buildReviewRequest, renderReviewMarker, type ReviewRequest } from "./build-review-request.js";
import { renderSummary, type SummaryInput } from "./render-summary.js";
import type { ReviewAnswer } from "./review-schema.js";
import { scrubAnswer } from "./scrub-answer.js";

export interface ConcludeReviewInput {
  headSha: string;
  /** The valid answers, one per model request. */
  answers: ReviewAnswer[];
  lineMap: LineMap;
  config: RepoConfig;
  /** What was redacted from the prompts: the answer may not bring any of it back. */
  redaction: Pick<Redaction, "secrets" | "total">;
  /** Credentials the pull request adds; each becomes a critical security finding. */
  committedSecrets: readonly AddedLineSecret[];
  /** The patches as sent (redacted), for the text of commented lines: fingerprints and suggestion checks. */
  patches: readonly FilePatch[];
  /** Patchwise's inline comments already on the pull request: their findings are not posted again. */
  existingComments: readonly ExistingComment[];
  /** The new text of a changed file, when the shell has it (indentation and parse checks of suggestions). */
  fileTextOf?: (path: string) => string | undefined;
  /** Counts syntax errors in a file (tree-sitter in the shell): a suggestion may not add any. */
  parseCheck?: ParseCheck;
  /** What the summary says besides the findings: model, tokens, skipped files, config errors. */
  summary: Omit<SummaryInput, "answer" | "inlineCount" | "inline" | "outsideDiff" | "belowThreshold" | "lowConfidence" | "overLimit" | "failure" | "notRepeated" | "merged" | "reviewRange" | "reviewState">;
  /** What earlier reviews of the pull request recorded, and which changes this one covered; the summary then records the new state. */
  history?: { earlier: ReviewState | null; range: ReviewRange };
}

export interface ConcludedReview {
  review: ReviewRequest;
  summary: string;
  inline: Finding[];
  /** Every finding, sorted into where it goes (the CLI reports them all). */
  anchored: AnchoredFindings;
  findingCount: number;
  /** The state the summary records for the next review; null without `history`. */
  state: ReviewState | null;
}

/** From the model's validated answers to the one review request and the summary comment. */
export function concludeReview(input: ConcludeReviewInput): ConcludedReview {
  const answers = input.answers.map((answer) => scrubAnswer(answer, input.redaction));
  const findings = [...buildCredentialFindings(input.committedSecrets), ...answers.flatMap((answer) => answer.findings)];
  const sifted = siftFindings({
    findings,
    patches: input.patches,
    lineMap: input.lineMap,
    rules: input.config,
    existingComments: input.existingComments,
    ...(input.fileTextOf ? { fileTextOf: input.fileTextOf } : {}),
    ...(input.parseCheck ? { parseCheck: input.parseCheck } : {}),
  });
  const anchored: AnchoredFindings = {
    inline: sifted.inline,
    outsideDiff: sifted.outsideDiff,
    belowThreshold: [...sifted.belowThreshold, ...sifted.lowConfidence],
    overLimit: sifted.overLimit,
  };
  const state = input.history ? nextState(input.history, input.headSha, anchored, sifted.suppressed) : null;
  const summary = renderSummary({
    ...input.summary,
    ...(input.history ? { reviewRange: input.history, reviewState: state } : {}),
    committedSecretTypes: input.committedSecrets.map((secret) => secret.type),
    failure: null,
    answer: {
      summary: answers.map((answer) => answer.summary.trim()).join("\n\n"),
      walkthrough: answers.flatMap((answer) => answer.walkthrough),
    },
    inlineCount: anchored.inline.length,
    inline: anchored.inline,
    outsideDiff: anchored.outsideDiff,
    belowThreshold: sifted.belowThreshold,
    lowConfidence: sifted.lowConfidence,
    overLimit: anchored.overLimit,
    notRepeated: sifted.suppressed.length,
    merged: sifted.mergedAway,
  });
  const inline = sifted.inline.map((finding) => ({ ...finding, extras: renderInlineExtras(finding) }));
  const rules = { githubHost: input.summary.githubHost ?? "github.com" };
  const review = buildReviewRequest({ headSha: input.headSha, inline, body: reviewBody(input.headSha, inline.length), rules });
  return { review, summary, inline: anchored.inline, anchored, findingCount: findings.length, state };
}

// Every finding reported counts towards the totals; what is posted or listed as outside the diff or
// over the limit, and earlier findings found again that nobody resolved or dismissed, stay open.
function nextState(history: { earlier: ReviewState | null; range: ReviewRange }, headSha: string, anchored: AnchoredFindings, suppressed: ReturnType<typeof siftFindings>["suppressed"]): ReviewState {
  const severities = (findings: readonly Finding[]) => findings.map((finding) => finding.severity);
  return advanceReviewState({
    earlier: history.earlier,
    headSha,
    incremental: history.range.kind === "incremental",
    reported: severities([...anchored.inline, ...anchored.outsideDiff, ...anchored.belowThreshold, ...anchored.overLimit]),
    open: [...severities([...anchored.inline, ...anchored.outsideDiff, ...anchored.overLimit]), ...suppressed.filter((entry) => entry.reason === "already reported").map((entry) => entry.finding.severity)],
  });
}

function reviewBody(headSha: string, inlineCount: number): string {
  const text = inlineCount === 0 ? "Patchwise found nothing to comment on inline; see the summary comment." : "Patchwise review: details in the summary comment.";
  return `${text}\n\n${renderReviewMarker(headSha)}`;
}
