import type { ChangedFile, FileStatus } from "../types.js";

/** One entry of `git diff --name-status -z`: paths are exact there, whatever characters they hold. */
export interface NameStatusEntry {
  status: FileStatus;
  path: string;
  previousPath?: string;
}

const STATUS_LETTERS: Record<string, FileStatus> = { A: "added", D: "removed", M: "modified", R: "renamed", C: "copied", T: "changed" };

/** Parses `git diff --name-status -z` output (rename and copy entries carry two paths). */
export function parseNameStatus(output: string): NameStatusEntry[] {
  const fields = output.split("\0").filter((field) => field !== "");
  const entries: NameStatusEntry[] = [];
  for (let i = 0; i < fields.length; ) {
    const letter = fields[i]!.charAt(0);
    const status = STATUS_LETTERS[letter] ?? "modified";
    if (letter === "R" || letter === "C") {
      entries.push({ status, previousPath: fields[i + 1]!, path: fields[i + 2]! });
      i += 3;
    } else {
      entries.push({ status, path: fields[i + 1]! });
      i += 2;
    }
  }
  return entries;
}

/**
 * Pairs each name-status entry with its block of a `git diff` of the same range (git writes both
 * in the same order) and keeps the hunks as the per-file patch GitHub would give: no headers.
 * Binary files and pure renames get no patch.
 */
export function splitGitDiff(entries: NameStatusEntry[], diff: string): ChangedFile[] {
  const blocks = diff.split(/^diff --git /m).slice(1);
  if (blocks.length !== entries.length) {
    throw new Error(`git diff listed ${entries.length} files but wrote ${blocks.length} diffs; run with a clean range`);
  }
  return entries.map((entry, index) => toChangedFile(entry, blocks[index]!));
}

function toChangedFile(entry: NameStatusEntry, block: string): ChangedFile {
  const hunkStart = block.search(/^@@ /m);
  const patch = hunkStart === -1 ? undefined : block.slice(hunkStart).replace(/\n$/, "");
  let additions = 0;
  let deletions = 0;
  for (const line of patch?.split("\n") ?? []) {
    if (line.startsWith("+")) additions += 1;
    else if (line.startsWith("-")) deletions += 1;
  }
  const file: ChangedFile = { path: entry.path, status: entry.status, additions, deletions };
  if (entry.previousPath !== undefined) file.previousPath = entry.previousPath;
  if (patch !== undefined) file.patch = patch;
  return file;
}
