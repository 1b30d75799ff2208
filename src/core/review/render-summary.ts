import { countShownLines } from "../context/count-shown-lines.js";
import type { LineSpan } from "../context/types.js";
import { capPostedLength } from "../sanitize/cap-posted-length.js";
import { GITHUB_COMMENT_MAX_LENGTH } from "../sanitize/sanitize-posted-text.js";
import { SEVERITIES, type Finding, type Severity, type SkippedFile } from "../types.js";
import type { FeedbackCounts } from "../findings/count-feedback.js";
import type { PartialReview } from "../progress/conclude-check-run.js";
import { formatSeverity } from "./format-severity.js";
import { renderFeedback } from "./render-feedback.js";
import { renderInstructionFiles, type InstructionFilesNote } from "./render-instruction-files.js";
import type { ReviewRange } from "./plan-incremental-range.js";
import { renderCost } from "../tokens/render-token-cost.js";
import { renderCodeSpan } from "./render-code-span.js";
import type { ModelAnswerCount } from "./count-model-answers.js";
import { renderFallbackAnswers } from "./render-fallback-answers.js";
import { renderReviewRange } from "./render-review-range.js";
import { renderReviewStateMarker, type ReviewState } from "./review-state.js";
import { renderVerificationCost, renderVerificationNote, type VerificationSummary } from "./verify-render-note.js";
import { postedBlock, postedLine, type PostedTextRules } from "./posted-text.js";

/** The hidden marker that finds the one summary comment of a pull request again. */
export const SUMMARY_MARKER = "<!-- patchwise:summary -->";

const MAX_LISTED_SKIPPED_OPEN = 5;
/** Most files the summary names as not reviewed; the rest are counted. */
export const MAX_LISTED_SKIPPED_FILES = 200;
const SHORT_BODY_CHARS = 200;
const SUMMARY_CHARS = 4_000;
const TITLE_CHARS = 300;
const WALKTHROUGH_CHARS = 600;
const PROBLEM_CHARS = 1_000;
const MAX_LISTED_CONFIG_ERRORS = 20;

export interface SummaryInput {
  headSha: string;
  model: string;
  provider: string;
  tokens: { input: number; output: number };
  /** What the tokens cost at the model's price (catalog or operator); null or absent when the price is unknown. */
  costUsd?: number | null;
  /** The model's overview, or null when no valid answer came back. */
  answer: { summary: string; walkthrough: Array<{ path: string; change: string }> } | null;
  /** Inline comments posted in the review. */
  inlineCount: number;
  /** The posted inline findings, so the severity table can count them too; without it the table counts only the findings listed here. */
  inline?: Finding[];
  outsideDiff: Finding[];
  belowThreshold: Finding[];
  /** Findings the model was less sure of than `minConfidence`: listed here, not posted inline. */
  lowConfidence?: Finding[];
  overLimit: Finding[];
  skippedFiles: SkippedFile[];
  /** Readable problems of `.github/patchwise.yml`, each saying what became of its key. */
  configErrors: string[];
  failure: { stage: string; message: string } | null;
  /** A short note on why this run did nothing new (e.g. the commit already has a review). */
  notice?: string;
  /** Model requests that failed for good (of all), and how many files they held: the review is partial. */
  partial?: PartialReview;
  /** Findings an earlier Patchwise review already posted (or a person resolved or dismissed), not repeated. */
  notRepeated?: number;
  /** Findings folded into another comment because they are the same problem at another place. */
  merged?: number;
  /** The related code the model saw besides the diff (where, not what). */
  relatedCode?: { snippets: Array<{ path: string; startLine: number; endLine: number; gaps?: LineSpan[] }>; dropped: { count: number; lines: number }; signaturesOnly: number };
  /** Types of the credentials the pull request adds (never their values). */
  committedSecretTypes?: string[];
  /** 👍/👎 on Patchwise's earlier inline comments of this pull request. */
  feedback?: FeedbackCounts;
  /** What the verify pass (`verify: true`) scored and dropped, and its token cost. */
  verification?: VerificationSummary;
  /** The model the verify pass asked (PATCHWISE_MODEL_LIGHT or `modelLight`); the review's model when not given. */
  lightModel?: string;
  /** Which model answered how many requests of each part: fallback models are named in the footer. */
  answeredBy?: readonly ModelAnswerCount[];
  /** The GitHub web host (`github.com` when not given): the only host the model's text may link to. */
  githubHost?: string;
  /** Which changes this review covered, and what earlier reviews found (a line under the title). */
  reviewRange?: { range: ReviewRange; earlier: ReviewState | null };
  /** The instruction files (`.github/copilot-instructions.md`, `.github/instructions/`) the review followed, cut or left out. */
  instructionFiles?: InstructionFilesNote;
  /** Where the next review starts and the totals so far, kept in a hidden marker (counts and a sha, never code). */
  reviewState?: ReviewState | null;
}

/**
 * The one summary comment: overview, counts, findings that could not go inline, skipped files and
 * problems. Every text the model or the pull request wrote is sanitised on its way in (no mention,
 * image, outside link or HTML), and the whole fits in one GitHub comment with its marker kept.
 */
export function renderSummary(input: SummaryInput): string {
  const rules: PostedTextRules = { githubHost: input.githubHost ?? "github.com" };
  const sections = [
    `${SUMMARY_MARKER}\n## Patchwise review`,
    input.configErrors.length > 0 ? renderConfigErrors(input.configErrors, rules) : "",
    input.failure ? renderFailure(input.failure, rules) : "",
    input.partial ? renderPartial(input.partial) : "",
    input.notice ? `ℹ️ ${input.notice}` : "",
    input.reviewRange ? renderReviewRange(input.reviewRange.range, input.reviewRange.earlier) : "",
    input.committedSecretTypes?.length ? renderCommittedSecrets(input.committedSecretTypes) : "",
    input.answer ? `### Summary\n${postedBlock(input.answer.summary.trim(), rules, SUMMARY_CHARS)}` : "",
    input.answer ? renderFindings(input, rules) : "",
    input.answer ? renderVerificationNote(input.verification) : "",
    input.answer && input.answer.walkthrough.length > 0 ? renderWalkthrough(input.answer.walkthrough, rules) : "",
    input.skippedFiles.length > 0 ? renderSkipped(input.skippedFiles) : "",
    renderInstructionFiles(input.instructionFiles),
    renderFeedback(input.feedback),
  ];
  // The footer (model, tokens, cost) and the state marker are kept whole: a cut falls in the body.
  const tail = [renderFooter(input), input.reviewState ? renderReviewStateMarker(input.reviewState) : ""].filter((part) => part !== "").join("\n\n");
  const body = capPostedLength(sections.filter((section) => section !== "").join("\n\n"), GITHUB_COMMENT_MAX_LENGTH - tail.length - 2);
  return `${body}\n\n${tail}`;
}

// Config errors quote keys of the repository's YAML: the pull request author can write those.
// Each says what became of its key (ignored, its default used, or the review stopped).
function renderConfigErrors(errors: string[], rules: PostedTextRules): string {
  const more = errors.length - MAX_LISTED_CONFIG_ERRORS;
  return [
    "> [!WARNING]",
    "> `.github/patchwise.yml` has settings Patchwise could not use. Fix these keys:",
    ...errors.slice(0, MAX_LISTED_CONFIG_ERRORS).map((error) => `> - ${postedLine(error, rules, PROBLEM_CHARS)}`),
    ...(more > 0 ? [`> - …and ${more} more`] : []),
  ].join("\n");
}

function renderCommittedSecrets(types: string[]): string {
  const count = types.length;
  return `> [!CAUTION]\n> 🔐 **${count} credential${count === 1 ? " was" : "s were"} committed** (${[...new Set(types)].join(", ")}): see the inline comment${count === 1 ? "" : "s"}. Redacted before anything was sent to the model; revoke ${count === 1 ? "it" : "them"}.`;
}

// A failure message may quote a provider's or GitHub's error text.
function renderFailure(failure: { stage: string; message: string }, rules: PostedTextRules): string {
  return [
    "> [!CAUTION]",
    `> **⚠️ Review failed at ${oneLine(failure.stage)}:** ${postedLine(failure.message, rules, PROBLEM_CHARS)}`,
    ">",
    "> This run did not finish its review. Once the cause is fixed, comment `/review` on this pull request to try again.",
  ].join("\n");
}

function renderPartial(partial: PartialReview): string {
  const files = `${partial.files} file${partial.files === 1 ? "" : "s"}`;
  return [
    "> [!WARNING]",
    `> **Partial review:** ${partial.requests} of ${partial.of} model request${partial.of === 1 ? "" : "s"} failed for good, so ${files} ${partial.files === 1 ? "was" : "were"} not reviewed (listed below with the reason). The findings of every request that answered are posted. Comment \`/review full\` to try again.`,
  ].join("\n");
}

function renderFindings(input: SummaryInput, rules: PostedTextRules): string {
  const lowConfidence = input.lowConfidence ?? [];
  const all = [...input.outsideDiff, ...input.belowThreshold, ...lowConfidence, ...input.overLimit];
  const total = input.inlineCount + all.length;
  if (total === 0) return "### Findings\n✅ No issues found.";
  const counted = input.inline ? [...input.inline, ...all] : all;
  const counts = countBySeverity(counted);
  const table = [
    `| Severity | ${input.inline || input.inlineCount === 0 ? "Findings" : "Listed here"} |`,
    "| --- | ---: |",
    ...SEVERITIES.map((severity) => `| ${formatSeverity(severity)} | ${counts.get(severity) ?? 0} |`),
  ].join("\n");
  const parts = [
    "### Findings",
    `**${total}** finding${total === 1 ? "" : "s"}: ${input.inlineCount} posted as inline comment${input.inlineCount === 1 ? "" : "s"}, ${all.length} listed here.`,
    counted.length > 0 ? table : "",
    renderRepeats(input),
    input.outsideDiff.length > 0
      ? `#### Outside the diff\nGitHub accepts comments only on changed lines, so these are listed here:\n${input.outsideDiff.map((finding) => renderFullItem(finding, rules)).join("\n")}`
      : "",
    input.overLimit.length > 0
      ? `#### Over the comment limit\nThe review already holds the most inline comments allowed (\`maxComments\`); these were not posted inline:\n${input.overLimit.map((finding) => renderCompactItem(finding, rules)).join("\n")}`
      : "",
    input.belowThreshold.length > 0
      ? `<details><summary>${input.belowThreshold.length} below the configured threshold (<code>minSeverity</code> or <code>excludeCategories</code>)</summary>\n\n${input.belowThreshold.map((finding) => renderCompactItem(finding, rules)).join("\n")}\n\n</details>`
      : "",
    lowConfidence.length > 0
      ? `<details><summary>${lowConfidence.length} the model was not sure of (confidence under <code>minConfidence</code>)</summary>\n\n${lowConfidence.map((finding) => `${renderCompactItem(finding, rules)} (confidence ${finding.confidence ?? "?"})`).join("\n")}\n\n</details>`
      : "",
  ];
  return parts.filter((part) => part !== "").join("\n\n");
}

function renderRepeats(input: SummaryInput): string {
  const parts = [
    input.notRepeated ? `${input.notRepeated} already reported in an earlier review (or resolved or dismissed) and not repeated` : "",
    input.merged ? `${input.merged} merged into a comment about the same problem elsewhere` : "",
  ].filter((part) => part !== "");
  return parts.length > 0 ? `Also: ${parts.join("; ")}.` : "";
}

function countBySeverity(findings: Finding[]): Map<Severity, number> {
  const counts = new Map<Severity, number>();
  for (const finding of findings) counts.set(finding.severity, (counts.get(finding.severity) ?? 0) + 1);
  return counts;
}

function renderFullItem(finding: Finding, rules: PostedTextRules): string {
  return `- **${formatSeverity(finding.severity)} · ${finding.category}** ${renderCodeSpan(`${finding.path}:${finding.line}`)} — ${postedLine(finding.title, rules, TITLE_CHARS)}: ${postedLine(finding.body, rules, SHORT_BODY_CHARS)}`;
}

function renderCompactItem(finding: Finding, rules: PostedTextRules): string {
  return `- ${formatSeverity(finding.severity)} ${renderCodeSpan(`${finding.path}:${finding.line}`)} — ${postedLine(finding.title, rules, TITLE_CHARS)}`;
}

function renderWalkthrough(walkthrough: Array<{ path: string; change: string }>, rules: PostedTextRules): string {
  const cell = (text: string) => text.replace(/\|/g, "\\|");
  const rows = walkthrough.map((entry) => `| ${cell(renderCodeSpan(entry.path))} | ${cell(postedLine(entry.change, rules, WALKTHROUGH_CHARS))} |`);
  return `<details><summary>Walkthrough (${walkthrough.length} file${walkthrough.length === 1 ? "" : "s"})</summary>\n\n| File | Change |\n| --- | --- |\n${rows.join("\n")}\n\n</details>`;
}

function renderSkipped(skipped: SkippedFile[]): string {
  // GitHub refuses a comment over 65,536 characters; thousands of skipped files would pass it.
  const listed = skipped.slice(0, MAX_LISTED_SKIPPED_FILES).map((file) => `- ${renderCodeSpan(file.path)} — ${oneLine(file.reason)}`);
  const more = skipped.length - listed.length;
  const list = [...listed, ...(more > 0 ? [`- …and ${more} more`] : [])].join("\n");
  const title = `${skipped.length} file${skipped.length === 1 ? "" : "s"} not reviewed`;
  if (skipped.length > MAX_LISTED_SKIPPED_OPEN) return `<details><summary>${title}</summary>\n\n${list}\n\n</details>`;
  return `#### ${title}\n${list}`;
}

function renderFooter(input: SummaryInput): string {
  const commit = input.headSha ? ` · commit ${input.headSha.slice(0, 7)}` : "";
  const tokens = `${input.tokens.input.toLocaleString("en-US")} input / ${input.tokens.output.toLocaleString("en-US")} output tokens${renderCost(input.costUsd)}`;
  const lightModel = input.lightModel ?? input.model;
  const review = `Model ${renderCodeSpan(input.model)} via ${input.provider}${renderFallbackAnswers(input.answeredBy, "review", input.model)} · ${tokens}`;
  const verification = `${renderVerificationCost(input.verification, lightModel === input.model ? undefined : lightModel)}${renderFallbackAnswers(input.answeredBy, "verify", lightModel)}`;
  return `<sub>${review}${verification}${renderRelatedCode(input)}${commit}</sub>`;
}

// So a reader can see what the model saw besides the diff.
function renderRelatedCode(input: SummaryInput): string {
  const related = input.relatedCode;
  if (!related) return "";
  const files = new Set(related.snippets.map((snippet) => snippet.path)).size;
  const lines = related.snippets.reduce((sum, snippet) => sum + countShownLines(snippet), 0);
  const signatures = related.signaturesOnly > 0 ? `, ${related.signaturesOnly} definition${related.signaturesOnly === 1 ? "" : "s"} as signature only` : "";
  const dropped = related.dropped.count > 0 ? ` (${related.dropped.count} more left out by the line budget)` : "";
  return ` · related code: ${lines} lines from ${files} file${files === 1 ? "" : "s"}${signatures}${dropped}`;
}

// Keeps list items and table cells on one line, whatever the model or the PR author wrote.
function oneLine(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}
