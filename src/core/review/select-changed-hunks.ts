import { PatchParseError, parsePatch } from "../diff/parse-patch.js";
import type { ChangedFile, Hunk } from "../types.js";

/** A range of new-file lines, both ends included. */
type LineSpan = readonly [number, number];

export interface ChangedHunks {
  /** The pull request's files narrowed to the hunks that touch what changed since; files untouched are left out. */
  files: ChangedFile[];
  /** Hunks kept, of all the hunks of the pull request's patches. */
  hunks: number;
  ofHunks: number;
}

/**
 * Which hunks of the pull request's diff (base → head) touch the lines changed since the last
 * review (last → head). Both diffs end at the head commit, so their new-file line numbers agree: a
 * hunk is kept when an added line, or the place of a removed line, of the newer diff falls within
 * its new-file lines or right next to them. The kept hunks are the pull request's own, text and
 * numbers unchanged, so every line a comment can anchor to is still a line of the pull request's
 * diff. A file whose newer diff GitHub did not give (binary, too large) is kept whole; one whose
 * diff cannot be parsed is kept whole too, and the review names it as skipped as before.
 */
export function selectChangedHunks(prFiles: readonly ChangedFile[], changedSince: readonly ChangedFile[]): ChangedHunks {
  const since = new Map(changedSince.map((file) => [file.path, file]));
  const result: ChangedHunks = { files: [], hunks: 0, ofHunks: 0 };
  for (const file of prFiles) {
    const hunks = parseHunks(file);
    result.ofHunks += hunks?.length ?? 0;
    const newer = since.get(file.path);
    if (newer === undefined) continue;
    // A rename or mode change alone: no line to look at again.
    if (newer.patch === undefined && newer.additions + newer.deletions === 0) continue;
    const newerHunks = parseHunks(newer);
    if (hunks === null || hunks.length === 0 || newerHunks === null) {
      result.files.push(file);
      result.hunks += hunks?.length ?? 0;
      continue;
    }
    const touched = newerHunks.flatMap(touchedSpans);
    const keep = hunks.map((hunk) => touched.some((span) => overlaps(span, hunkSpan(hunk))));
    const kept = keep.filter(Boolean).length;
    if (kept === 0) continue;
    result.hunks += kept;
    result.files.push(kept === hunks.length ? file : narrow(file, hunks, keep));
  }
  return result;
}

// Null: no patch, or one that cannot be parsed (left for the review's own parse to report).
function parseHunks(file: ChangedFile): Hunk[] | null {
  if (!file.patch) return null;
  try {
    return parsePatch(file).hunks;
  } catch (error) {
    if (error instanceof PatchParseError) return null;
    throw error;
  }
}

/** Added lines as themselves; a removal as the two lines around the place it was. */
function touchedSpans(hunk: Hunk): LineSpan[] {
  const spans: LineSpan[] = [];
  // An empty new range (`+4,0`) names the line after which the removed lines stood.
  let previous = hunk.newLines === 0 ? hunk.newStart : hunk.newStart - 1;
  for (const line of hunk.lines) {
    if (line.kind === "del") spans.push([previous, previous + 1]);
    else {
      previous = line.newLine ?? previous;
      if (line.kind === "add") spans.push([previous, previous]);
    }
  }
  return spans;
}

function hunkSpan(hunk: Hunk): LineSpan {
  return hunk.newLines === 0 ? [hunk.newStart, hunk.newStart + 1] : [hunk.newStart, hunk.newStart + hunk.newLines - 1];
}

function overlaps(a: LineSpan, b: LineSpan): boolean {
  return a[0] <= b[1] && b[0] <= a[1];
}

// Inside a hunk every line starts with "+", "-", " " or "\", so "@@" lines are exactly the headers
// (as in parsePatch): block i of the text is hunk i.
function narrow(file: ChangedFile, hunks: Hunk[], keep: boolean[]): ChangedFile {
  const blocks: string[][] = [];
  const preamble: string[] = [];
  for (const line of (file.patch ?? "").split("\n")) {
    if (/^@@\s/.test(line)) blocks.push([line]);
    else (blocks.at(-1) ?? preamble).push(line);
  }
  const kept = blocks.filter((_, index) => keep[index]);
  const lines = hunks.filter((_, index) => keep[index]).flatMap((hunk) => hunk.lines);
  return {
    ...file,
    patch: [...preamble, ...kept.flat()].join("\n"),
    additions: lines.filter((line) => line.kind === "add").length,
    deletions: lines.filter((line) => line.kind === "del").length,
  };
}
