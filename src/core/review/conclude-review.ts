import type { RepoConfig } from "../config/repo-config-schema.js";
import type { Redaction } from "../redact/build-redaction.js";
import type { AddedLineSecret } from "../redact/redact-patches.js";
import type { Finding, LineMap } from "../types.js";
import { buildCredentialFindings } from "./build-credential-findings.js";
import { anchorFindings, type AnchoredFindings } from "./anchor-findings.js";
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
  /** What the summary says besides the findings: model, tokens, skipped files, config errors. */
  summary: Omit<SummaryInput, "answer" | "inlineCount" | "inline" | "outsideDiff" | "belowThreshold" | "overLimit" | "failure">;
}

export interface ConcludedReview {
  review: ReviewRequest;
  summary: string;
  inline: Finding[];
  /** Every finding, sorted into where it goes (the CLI reports them all). */
  anchored: AnchoredFindings;
  findingCount: number;
}

/** From the model's validated answers to the one review request and the summary comment. */
export function concludeReview(input: ConcludeReviewInput): ConcludedReview {
  const answers = input.answers.map((answer) => scrubAnswer(answer, input.redaction));
  const findings = [...buildCredentialFindings(input.committedSecrets), ...answers.flatMap((answer) => answer.findings)];
  const anchored = anchorFindings(findings, input.lineMap, input.config);
  const summary = renderSummary({
    ...input.summary,
    committedSecretTypes: input.committedSecrets.map((secret) => secret.type),
    failure: null,
    answer: {
      summary: answers.map((answer) => answer.summary.trim()).join("\n\n"),
      walkthrough: answers.flatMap((answer) => answer.walkthrough),
    },
    inlineCount: anchored.inline.length,
    inline: anchored.inline,
    outsideDiff: anchored.outsideDiff,
    belowThreshold: anchored.belowThreshold,
    overLimit: anchored.overLimit,
  });
  const review = buildReviewRequest({ headSha: input.headSha, inline: anchored.inline, body: reviewBody(input.headSha, anchored.inline.length) });
  return { review, summary, inline: anchored.inline, anchored, findingCount: findings.length };
}

function reviewBody(headSha: string, inlineCount: number): string {
  const text = inlineCount === 0 ? "Patchwise found nothing to comment on inline; see the summary comment." : "Patchwise review: details in the summary comment.";
  return `${text}\n\n${renderReviewMarker(headSha)}`;
}
