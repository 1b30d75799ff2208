import type { FilePatch } from "../types.js";

/** The old side of one hunk, as text a parser can read, with which of its lines were deleted. */
export interface OldFragment {
  text: string;
  /** 1-based line numbers inside \`text\` that the change deleted. */
  deleted: Set<number>;
}

/** The old side of each hunk that deletes lines: where a removed definition can be found. */
export function collectOldFragments(patch: FilePatch): OldFragment[] {
  const fragments: OldFragment[] = [];
  for (const hunk of patch.hunks) {
    const oldLines: string[] = [];
    const deleted = new Set<number>();
    for (const line of hunk.lines) {
      if (line.kind === "add") continue;
      oldLines.push(line.content);
      if (line.kind === "del") deleted.add(oldLines.length);
    }
    if (deleted.size > 0) fragments.push({ text: oldLines.join("\n"), deleted });
  }
  return fragments;
}
