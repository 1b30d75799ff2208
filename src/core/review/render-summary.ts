import { SEVERITIES, type Finding, type Severity, type SkippedFile } from "../types.js";
import { formatSeverity } from "./format-severity.js";

/** The hidden marker that finds the one summary comment of a pull request again. */
export const SUMMARY_MARKER = "<!-- patchwise:summary -->";

const MAX_LISTED_SKIPPED_OPEN = 5;
const MAX_LISTED_SKIPPED = 200;
const SHORT_BODY_CHARS = 200;

export interface SummaryInput {
  headSha: string;
  model: string;
  provider: string;
  tokens: { input: number; output: number };
  /** The model's overview, or null when no valid answer came back. */
  answer: { summary: string; walkthrough: Array<{ path: string; change: string }> } | null;
  /** Inline comments posted in the review. */
  inlineCount: number;
  /** The posted inline findings, so the severity table can count them too; without it the table counts only the findings listed here. */
  inline?: Finding[];
  outsideDiff: Finding[];
  belowThreshold: Finding[];
  overLimit: Finding[];
  skippedFiles: SkippedFile[];
  /** Readable problems of `.github/patchwise.yml`; when present the defaults were used. */
  configErrors: string[];
  failure: { stage: string; message: string } | null;
  /** A short note on why this run did nothing new (e.g. the commit already has a review). */
  notice?: string;
  /** Findings an earlier Patchwise review already posted (or a person resolved or dismissed), not repeated. */
  notRepeated?: number;
  /** Findings folded into another comment because they are the same problem at another place. */
  merged?: number;
  /** Types of the credentials the pull request adds (never their values). */
  committedSecretTypes?: string[];
}

/** The one summary comment: overview, counts, findings that could not go inline, skipped files and problems. */
export function renderSummary(input: SummaryInput): string {
  const sections = [
    `${SUMMARY_MARKER}\n## Patchwise review`,
    input.configErrors.length > 0 ? renderConfigErrors(input.configErrors) : "",
    input.failure ? renderFailure(input.failure) : "",
    input.notice ? `ℹ️ ${input.notice}` : "",
    input.committedSecretTypes?.length ? renderCommittedSecrets(input.committedSecretTypes) : "",
    input.answer ? `### Summary\n${input.answer.summary.trim()}` : "",
    input.answer ? renderFindings(input) : "",
    input.answer && input.answer.walkthrough.length > 0 ? renderWalkthrough(input.answer.walkthrough) : "",
    input.skippedFiles.length > 0 ? renderSkipped(input.skippedFiles) : "",
    renderFooter(input),
  ];
  return sections.filter((section) => section !== "").join("\n\n");
}

function renderConfigErrors(errors: string[]): string {
  return [
    "> [!WARNING]",
    "> `.github/patchwise.yml` is not valid, so this review used the default settings. Fix these keys:",
    ...errors.map((error) => `> - ${oneLine(error)}`),
  ].join("\n");
}

function renderCommittedSecrets(types: string[]): string {
  const count = types.length;
  return `> [!CAUTION]\n> 🔐 **${count} credential${count === 1 ? " was" : "s were"} committed** (${[...new Set(types)].join(", ")}): see the inline comment${count === 1 ? "" : "s"}. Redacted before anything was sent to the model; revoke ${count === 1 ? "it" : "them"}.`;
}

function renderFailure(failure: { stage: string; message: string }): string {
  return [
    "> [!CAUTION]",
    `> **⚠️ Review failed at ${oneLine(failure.stage)}:** ${oneLine(failure.message)}`,
    ">",
    "> This run did not finish its review. Once the cause is fixed, comment `/review` on this pull request to try again.",
  ].join("\n");
}

function renderFindings(input: SummaryInput): string {
  const all = [...input.outsideDiff, ...input.belowThreshold, ...input.overLimit];
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
      ? `#### Outside the diff\nGitHub accepts comments only on changed lines, so these are listed here:\n${input.outsideDiff.map(renderFullItem).join("\n")}`
      : "",
    input.overLimit.length > 0
      ? `#### Over the comment limit\nThe review already holds the most inline comments allowed (\`maxComments\`); these were not posted inline:\n${input.overLimit.map(renderCompactItem).join("\n")}`
      : "",
    input.belowThreshold.length > 0
      ? `<details><summary>${input.belowThreshold.length} below the configured threshold (<code>minSeverity</code> or <code>excludeCategories</code>)</summary>\n\n${input.belowThreshold.map(renderCompactItem).join("\n")}\n\n</details>`
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

function renderFullItem(finding: Finding): string {
  return `- **${formatSeverity(finding.severity)} · ${finding.category}** ${codeSpan(`${finding.path}:${finding.line}`)} — ${oneLine(finding.title)}: ${shorten(finding.body)}`;
}

function renderCompactItem(finding: Finding): string {
  return `- ${formatSeverity(finding.severity)} ${codeSpan(`${finding.path}:${finding.line}`)} — ${oneLine(finding.title)}`;
}

function renderWalkthrough(walkthrough: Array<{ path: string; change: string }>): string {
  const rows = walkthrough.map((entry) => `| ${codeSpan(entry.path).replace(/\|/g, "\\|")} | ${oneLine(entry.change).replace(/\|/g, "\\|")} |`);
  return `<details><summary>Walkthrough (${walkthrough.length} file${walkthrough.length === 1 ? "" : "s"})</summary>\n\n| File | Change |\n| --- | --- |\n${rows.join("\n")}\n\n</details>`;
}

function renderSkipped(skipped: SkippedFile[]): string {
  // GitHub refuses a comment over 65,536 characters; thousands of skipped files would pass it.
  const listed = skipped.slice(0, MAX_LISTED_SKIPPED).map((file) => `- ${codeSpan(file.path)} — ${oneLine(file.reason)}`);
  const more = skipped.length - listed.length;
  const list = [...listed, ...(more > 0 ? [`- …and ${more} more`] : [])].join("\n");
  const title = `${skipped.length} file${skipped.length === 1 ? "" : "s"} not reviewed`;
  if (skipped.length > MAX_LISTED_SKIPPED_OPEN) return `<details><summary>${title}</summary>\n\n${list}\n\n</details>`;
  return `#### ${title}\n${list}`;
}

function renderFooter(input: SummaryInput): string {
  const commit = input.headSha ? ` · commit ${input.headSha.slice(0, 7)}` : "";
  const tokens = `${input.tokens.input.toLocaleString("en-US")} input / ${input.tokens.output.toLocaleString("en-US")} output tokens`;
  return `<sub>Model ${codeSpan(input.model)} via ${input.provider} · ${tokens}${commit}</sub>`;
}

// Keeps list items and table cells on one line, whatever the model or the PR author wrote.
function oneLine(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}

function shorten(text: string): string {
  const line = oneLine(text);
  if (line.length <= SHORT_BODY_CHARS) return line;
  const cut = `${line.slice(0, SHORT_BODY_CHARS - 1).trimEnd()}…`;
  // An unclosed code span would swallow the rest of the comment.
  return (cut.match(/`/g) ?? []).length % 2 === 1 ? `${cut}\`` : cut;
}

// File names come from the PR author and may contain backticks; a longer fence keeps them literal.
function codeSpan(text: string): string {
  const value = oneLine(text);
  const longestRun = Math.max(0, ...[...value.matchAll(/`+/g)].map((match) => match[0].length));
  const fence = "`".repeat(longestRun + 1);
  const pad = value.startsWith("`") || value.endsWith("`") ? " " : "";
  return `${fence}${pad}${value}${pad}${fence}`;
}
