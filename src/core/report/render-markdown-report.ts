import { fenceCodeBlock } from "../review/fence-code-block.js";
import { formatSeverity } from "../review/format-severity.js";
import type { LocalReport, ReportFinding } from "./local-report-schema.js";

/**
 * The CLI's default output: findings grouped by file, each headed by a `path:line` location that
 * terminals and editors open, with suggestions as diff-ready code blocks.
 */
export function renderMarkdownReport(report: LocalReport): string {
  const lines = [`# Patchwise review of ${report.range}`, "", report.summary.trim(), ""];
  if (report.findings.length === 0) lines.push("No findings.", "");
  for (const [path, findings] of groupByPath(report.findings)) {
    lines.push(`## ${path}`, "");
    for (const finding of findings) lines.push(...renderFinding(finding), "");
  }
  if (report.belowThreshold > 0) lines.push(`${report.belowThreshold} finding(s) below minSeverity or in excludeCategories were left out.`, "");
  if (report.skippedFiles.length > 0) {
    lines.push("## Not reviewed", "", ...report.skippedFiles.map((file) => `- ${file.path}: ${file.reason}`), "");
  }
  const related = report.relatedCode.length > 0 ? `, ${report.relatedCode.length} related-code snippets` : "";
  lines.push(`_${report.model} via ${report.provider}: ${report.tokens.input} input / ${report.tokens.output} output tokens in ${report.modelRequests} request(s)${related}_`);
  return `${lines.join("\n")}\n`;
}

function renderFinding(finding: ReportFinding): string[] {
  const location = `${finding.path}:${finding.startLine ?? finding.line}`;
  const where = finding.side === "LEFT" ? " (deleted line)" : finding.inDiff ? "" : " (outside the diff)";
  const lines = [`### ${location}${where} — ${formatSeverity(finding.severity)} · ${finding.category}`, "", `**${finding.title.trim()}**`, "", finding.body.trim()];
  if (finding.suggestion !== null && finding.side === "RIGHT") {
    const range = finding.startLine !== null ? `lines ${finding.startLine}-${finding.line}` : `line ${finding.line}`;
    lines.push("", `Suggested replacement for ${range}:`, "", fenceCodeBlock(finding.suggestion));
  }
  return lines;
}

function groupByPath(findings: ReportFinding[]): Map<string, ReportFinding[]> {
  const groups = new Map<string, ReportFinding[]>();
  for (const finding of findings) groups.set(finding.path, [...(groups.get(finding.path) ?? []), finding]);
  return groups;
}
