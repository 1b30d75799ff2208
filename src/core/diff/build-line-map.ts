import { lineKey, type FileLineMap, type FilePatch, type LineMap } from "../types.js";

/**
 * The (side, line) pairs GitHub accepts for a review comment on each file, with their hunk:
 * RIGHT for added and context lines (new numbers), LEFT for deleted and context lines (old numbers).
 */
export function buildLineMap(patches: readonly FilePatch[]): LineMap {
  return new Map(patches.map((patch) => [patch.path, buildFileLineMap(patch)]));
}

function buildFileLineMap(patch: FilePatch): FileLineMap {
  const lines = new Map<string, number>();
  patch.hunks.forEach((hunk, hunkIndex) => {
    for (const line of hunk.lines) {
      if (line.kind !== "del" && line.newLine !== undefined) lines.set(lineKey("RIGHT", line.newLine), hunkIndex);
      if (line.kind !== "add" && line.oldLine !== undefined) lines.set(lineKey("LEFT", line.oldLine), hunkIndex);
    }
  });
  return lines;
}
