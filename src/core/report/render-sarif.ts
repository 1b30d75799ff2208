import { CATEGORIES, type Severity } from "../types.js";
import type { LocalReport, ReportFinding } from "./local-report-schema.js";

const LEVELS: Record<Severity, "error" | "warning" | "note"> = { critical: "error", major: "error", minor: "warning", nit: "note" };
// GitHub code scanning ranks security results by this property (CVSS-like, 0.0-10.0).
const SECURITY_SEVERITY: Record<Severity, string> = { critical: "9.0", major: "7.0", minor: "4.0", nit: "1.0" };

/** SARIF 2.1.0 for GitHub code scanning: one rule per category, one result per finding. */
export function renderSarif(report: LocalReport, tool: { version: string; informationUri: string }): Record<string, unknown> {
  return {
    $schema: "https://json.schemastore.org/sarif-2.1.0.json",
    version: "2.1.0",
    runs: [
      {
        tool: {
          driver: {
            name: "Patchwise",
            version: tool.version,
            informationUri: tool.informationUri,
            rules: CATEGORIES.map((category) => ({
              id: `patchwise/${category}`,
              name: category,
              shortDescription: { text: `Patchwise ${category} finding` },
              properties: { tags: [category] },
            })),
          },
        },
        results: report.findings.filter((finding) => finding.side === "RIGHT").map(toResult),
      },
    ],
  };
}

// Code scanning places results on the current file; a deleted line (LEFT) has no place there.
function toResult(finding: ReportFinding): Record<string, unknown> {
  return {
    ruleId: `patchwise/${finding.category}`,
    level: LEVELS[finding.severity],
    message: { text: `${finding.title}\n\n${finding.body}` },
    locations: [
      {
        physicalLocation: {
          artifactLocation: { uri: encodeURI(finding.path), uriBaseId: "%SRCROOT%" },
          region: { startLine: finding.startLine ?? finding.line, endLine: finding.line },
        },
      },
    ],
    properties: {
      severity: finding.severity,
      ...(finding.category === "security" ? { "security-severity": SECURITY_SEVERITY[finding.severity] } : {}),
    },
  };
}
