import type { AnchoredFindings } from "../review/anchor-findings.js";
import { SEVERITIES, type Finding } from "../types.js";
import type { LocalReport, ReportFinding } from "./local-report-schema.js";

export type LocalReportInput = Omit<LocalReport, "schemaVersion" | "kind" | "findings" | "belowThreshold"> & { anchored: AnchoredFindings };

/**
 * Every finding of a local review that passes the configured severity and categories, most
 * severe first, marked with whether its line is in the diff. There is no comment limit locally.
 */
export function buildLocalReport(input: LocalReportInput): LocalReport {
  const { anchored, ...rest } = input;
  const findings = [
    ...[...anchored.inline, ...anchored.overLimit].map((finding) => toReportFinding(finding, true)),
    ...anchored.outsideDiff.map((finding) => toReportFinding(finding, false)),
  ].sort(compare);
  return { schemaVersion: 1, kind: "review", ...rest, findings, belowThreshold: anchored.belowThreshold.length };
}

// Exactly the documented fields: the sifting steps attach working data (fingerprints, checks).
function toReportFinding(finding: Finding, inDiff: boolean): ReportFinding {
  const { path, line, startLine, side, severity, category, title, body, suggestion } = finding;
  return { path, line, startLine, side, severity, category, title, body, suggestion, inDiff };
}

function compare(a: ReportFinding, b: ReportFinding): number {
  return SEVERITIES.indexOf(a.severity) - SEVERITIES.indexOf(b.severity) || a.path.localeCompare(b.path) || a.line - b.line;
}
