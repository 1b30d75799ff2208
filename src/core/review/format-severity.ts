import type { Severity } from "../types.js";

const BADGES: Record<Severity, string> = {
  critical: "🔴 Critical",
  major: "🟠 Major",
  minor: "🟡 Minor",
  nit: "⚪ Nit",
};

/** The coloured label of a severity, as review comments and the summary show it. */
export function formatSeverity(severity: Severity): string {
  return BADGES[severity];
}
