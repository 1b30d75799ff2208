import type { DiffLine, FilePatch, Finding } from "../types.js";

/** Lines of the hunk shown around the cited ones, so the verifier sees what the finding is about. */
const CONTEXT_LINES = 3;

/**
 * The cited lines of a finding with a little of their hunk around them, numbered the way the
 * review prompt numbers them and the cited ones marked with `>`; null when the diff does not show them.
 * Pass the patches as they were sent (redacted): nothing else may reach the model.
 */
export function readCitedExcerpt(patches: readonly FilePatch[], finding: Pick<Finding, "path" | "line" | "startLine" | "side">): string | null {
  const patch = patches.find((candidate) => candidate.path === finding.path);
  if (!patch) return null;
  const first = finding.startLine ?? finding.line;
  for (const hunk of patch.hunks) {
    const cited = hunk.lines.map((line) => isCited(line, finding.side, first, finding.line));
    const start = cited.indexOf(true);
    if (start === -1) continue;
    const end = cited.lastIndexOf(true);
    const shown = hunk.lines.slice(Math.max(0, start - CONTEXT_LINES), end + CONTEXT_LINES + 1);
    const offset = Math.max(0, start - CONTEXT_LINES);
    const width = Math.max(...shown.map((line) => String(numberOf(line)).length));
    return shown.map((line, index) => `${cited[offset + index] ? ">" : " "} ${renderLine(line, width)}`).join("\n");
  }
  return null;
}

function isCited(line: DiffLine, side: Finding["side"], first: number, last: number): boolean {
  const number = side === "RIGHT" ? (line.kind === "del" ? undefined : line.newLine) : line.kind === "add" ? undefined : line.oldLine;
  return number !== undefined && number >= first && number <= last;
}

function numberOf(line: DiffLine): number {
  return (line.kind === "del" ? line.oldLine : line.newLine) ?? 0;
}

function renderLine(line: DiffLine, width: number): string {
  const side = line.kind === "del" ? "L" : "R";
  const sign = line.kind === "add" ? "+" : line.kind === "del" ? "-" : " ";
  return `${side}${String(numberOf(line)).padStart(width)} ${sign} ${line.content}`;
}
