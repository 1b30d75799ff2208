import { fenceCodeBlock } from "../review/fence-code-block.js";
import type { DryRunReport } from "./local-report-schema.js";

/** The dry run for a person: every request exactly as it would be sent, after secret redaction. */
export function renderDryRun(report: DryRunReport): string {
  const most = report.maxCostUsd === null ? "" : ` (at most $${report.maxCostUsd.toFixed(4)} with every answer at its limit)`;
  const cost = report.estimatedCostUsd === null ? "unknown price for this model (set PATCHWISE_MODEL_PRICE)" : `about $${report.estimatedCostUsd.toFixed(4)} of input${most}`;
  const redacted = report.redactions.count === 0 ? "no secrets found" : `${report.redactions.count} secret(s) redacted (${Object.entries(report.redactions.types).map(([type, n]) => `${type}: ${n}`).join(", ")})`;
  const lines = [
    `# Patchwise dry run of ${report.range}`,
    "",
    `Nothing was sent. A review would make ${report.requests.length} request(s) to ${report.model} via ${report.provider}: ${report.totalInputTokens} input tokens, ${cost}; ${redacted}.`,
    "",
    `Endpoint: ${report.endpoint.host}, signed with: ${report.endpoint.credentials}.`,
    "",
  ];
  if (report.relatedCode.length > 0) {
    lines.push("## Related code included", "", ...report.relatedCode.map((s) => `- ${s.path}:${s.startLine}-${s.endLine} — ${s.reason}`), "");
  }
  if (report.skippedFiles.length > 0) lines.push("## Not sent", "", ...report.skippedFiles.map((file) => `- ${file.path}: ${file.reason}`), "");
  report.requests.forEach((request, index) => {
    lines.push(
      `## Request ${index + 1} of ${report.requests.length}: ${request.inputTokens} tokens, ${request.paths.length} file(s)`,
      "",
      "### System prompt",
      "",
      fenceCodeBlock(request.system, "text"),
      "",
      "### User prompt",
      "",
      fenceCodeBlock(request.user, "text"),
      "",
    );
  });
  return `${lines.join("\n")}`;
}
