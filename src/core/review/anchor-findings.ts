import { lineKey, SEVERITIES, type Category, type Finding, type LineMap, type Severity } from "../types.js";

export interface AnchorLimits {
  minSeverity: Severity;
  maxComments: number;
  excludeCategories: Category[];
}

export interface AnchoredFindings {
  /** Findings GitHub will accept as review comments, most severe first, at most `maxComments`. */
  inline: Finding[];
  /** Findings on lines (or files) outside the diff; GitHub would reject them inline. */
  outsideDiff: Finding[];
  /** Findings below `minSeverity` or in an excluded category. */
  belowThreshold: Finding[];
  /** Commentable findings beyond `maxComments`. */
  overLimit: Finding[];
}

/**
 * Decides where each finding goes: inline only when GitHub accepts a comment on its (side, line),
 * a range that is not valid shrinks to its last line, and the rest is sorted into the summary lists.
 */
export function anchorFindings(findings: Finding[], lineMap: LineMap, limits: AnchorLimits): AnchoredFindings {
  const result: AnchoredFindings = { inline: [], outsideDiff: [], belowThreshold: [], overLimit: [] };
  const minRank = rank(limits.minSeverity);
  const seen = new Set<string>();
  const commentable: Finding[] = [];
  for (const raw of findings) {
    const finding = { ...raw, path: normalisePath(raw.path, lineMap) };
    const identity = JSON.stringify([finding.path, finding.line, finding.title]);
    if (seen.has(identity)) continue;
    seen.add(identity);
    if (limits.excludeCategories.includes(finding.category) || rank(finding.severity) > minRank) {
      result.belowThreshold.push(finding);
      continue;
    }
    const anchored = anchor(finding, lineMap);
    if (anchored) commentable.push(anchored);
    else result.outsideDiff.push(finding);
  }
  commentable.sort(compareFindings);
  const limit = Math.max(0, limits.maxComments);
  result.inline = commentable.slice(0, limit);
  result.overLimit = commentable.slice(limit);
  return result;
}

function anchor(finding: Finding, lineMap: LineMap): Finding | null {
  const file = lineMap.get(finding.path);
  const hunk = file?.get(lineKey(finding.side, finding.line));
  if (file === undefined || hunk === undefined) return null;
  if (finding.startLine === null) return finding;
  const startHunk = file.get(lineKey(finding.side, finding.startLine));
  // GitHub rejects a range that is reversed, leaves the diff or spans two hunks: keep the last line.
  if (finding.startLine < finding.line && startHunk === hunk) return finding;
  return { ...finding, startLine: null, suggestion: finding.startLine === finding.line ? finding.suggestion : null };
}

// Models often write paths as git shows them (`a/src/x.ts`) or as absolute paths; only rewrite a
// path when the rewritten one is in the diff, so a real top-level `a/` directory still works.
function normalisePath(path: string, lineMap: LineMap): string {
  if (lineMap.has(path)) return path;
  const stripped = path.replace(/^\.\//, "").replace(/^\/+/, "");
  if (lineMap.has(stripped)) return stripped;
  const unprefixed = stripped.replace(/^[ab]\//, "");
  return lineMap.has(unprefixed) ? unprefixed : stripped;
}

function compareFindings(a: Finding, b: Finding): number {
  return rank(a.severity) - rank(b.severity) || (a.path < b.path ? -1 : a.path > b.path ? 1 : 0) || a.line - b.line;
}

function rank(severity: Severity): number {
  return SEVERITIES.indexOf(severity);
}
