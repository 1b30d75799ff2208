import { formatSeverity } from "../review/format-severity.js";
import { CATEGORIES, SEVERITIES, type Category, type Severity } from "../types.js";

/** The category and severity of a finding, as its inline comment shows them. */
export interface FindingKind {
  category: Category;
  severity: Severity;
}

// Every Patchwise inline comment opens with `**<badge> · <category>** — <title>` (see
// buildReviewRequest); reading it back works for comments of any earlier version too.
const HEADING = /^\*\*(.+?) · ([a-z]+)\*\* — /;

/** The category and severity a Patchwise inline comment names in its first line, or null when it names none we know. */
export function readCommentKind(body: string): FindingKind | null {
  const match = HEADING.exec(body);
  if (!match) return null;
  const severity = SEVERITIES.find((candidate) => formatSeverity(candidate) === match[1]);
  const category = CATEGORIES.find((candidate) => candidate === match[2]);
  return severity && category ? { category, severity } : null;
}
