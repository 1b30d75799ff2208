import type { FilePatch } from "../types.js";

/** Where one file changed, in head-revision line numbers. */
export interface ChangedLines {
  path: string;
  /** Added lines. */
  added: number[];
  /** Added lines, and the head line where each run of deleted lines was. */
  touched: number[];
  /** Line ranges the diff itself shows (added and context lines), inclusive. */
  shown: [number, number][];
}

/** Reads a parsed patch into changed line numbers of the head revision. */
export function collectChangedLines(patch: FilePatch): ChangedLines {
  const added: number[] = [];
  const touched = new Set<number>();
  const shown: [number, number][] = [];
  for (const hunk of patch.hunks) {
    if (hunk.newLines > 0) shown.push([hunk.newStart, hunk.newStart + hunk.newLines - 1]);
    let lastNew = hunk.newStart;
    let pendingDeletion = false;
    for (const line of hunk.lines) {
      if (line.kind === "del") {
        pendingDeletion = true;
        continue;
      }
      if (line.newLine !== undefined) {
        if (pendingDeletion) touched.add(line.newLine);
        pendingDeletion = false;
        lastNew = line.newLine;
      }
      if (line.kind === "add" && line.newLine !== undefined) {
        added.push(line.newLine);
        touched.add(line.newLine);
      }
    }
    // Lines deleted at the end of a hunk were just before the line that now follows it.
    if (pendingDeletion && patch.status !== "removed") touched.add(hunk.newLines === 0 ? Math.max(1, hunk.newStart + 1) : lastNew + 1);
  }
  return { path: patch.path, added, touched: [...touched].sort((a, b) => a - b), shown };
}

/** Whether lines `from`..`to` are all inside what the diff shows. */
export function isShownInDiff(changed: ChangedLines | undefined, from: number, to: number): boolean {
  return changed !== undefined && changed.shown.some(([start, end]) => start <= from && to <= end);
}
