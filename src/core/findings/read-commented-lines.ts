import { lineKey, type FilePatch, type Finding } from "../types.js";

/**
 * Reads the text of the lines a finding comments on from the diff itself (RIGHT: added and
 * unchanged lines by new number; LEFT: deleted and unchanged lines by old number). The function
 * it returns gives null when any line of the range is not shown in the diff.
 */
export function readCommentedLines(patches: readonly FilePatch[]): (finding: Pick<Finding, "path" | "line" | "startLine" | "side">) => string[] | null {
  const byFile = new Map(patches.map((patch) => [patch.path, indexLines(patch)]));
  return (finding) => {
    const file = byFile.get(finding.path);
    if (file === undefined) return null;
    const lines: string[] = [];
    for (let number = finding.startLine ?? finding.line; number <= finding.line; number += 1) {
      const content = file.get(lineKey(finding.side, number));
      if (content === undefined) return null;
      lines.push(content);
    }
    return lines.length > 0 ? lines : null;
  };
}

function indexLines(patch: FilePatch): Map<string, string> {
  const lines = new Map<string, string>();
  for (const line of patch.hunks.flatMap((hunk) => hunk.lines)) {
    if (line.kind !== "del" && line.newLine !== undefined) lines.set(lineKey("RIGHT", line.newLine), line.content);
    if (line.kind !== "add" && line.oldLine !== undefined) lines.set(lineKey("LEFT", line.oldLine), line.content);
  }
  return lines;
}
