import { parsePatch as parseUnifiedDiff, type StructuredPatch } from "diff";
import type { ChangedFile, DiffLine, FilePatch, Hunk } from "../types.js";

// jsdiff moves the start of an empty range up by one; GitHub and `git` write, and comment on,
// the numbers as they stand in the header, so the starts are read from the header itself.
const HUNK_HEADER = /^@@ -(\d+)(?:,\d+)? \+(\d+)(?:,\d+)? @@/;

/** A patch that is not a unified diff of one file; the message names the file, never its content. */
export class PatchParseError extends Error {
  override readonly name = "PatchParseError";
  readonly path: string;

  constructor(path: string, detail: string) {
    super(`The diff of ${path} could not be parsed: ${detail}`);
    this.path = path;
  }
}

/**
 * Parses one file's unified diff (GitHub's header-less per-file `patch`, or `git diff` output for
 * one file) into hunks whose lines carry old/new line numbers. Hunk starts are as written in the
 * `@@` header (0 for an empty range at the top of a file). A missing patch gives no hunks.
 */
export function parsePatch(file: ChangedFile): FilePatch {
  const patch: FilePatch = { path: file.path, status: file.status, hunks: [], additions: file.additions, deletions: file.deletions };
  if (file.previousPath !== undefined) patch.previousPath = file.previousPath;
  if (!file.patch) return patch;

  const text = normalizeLineEndings(file.patch);
  const parsed = parseOrExplain(file.path, text).filter((entry) => entry.hunks.length > 0);
  if (parsed.length > 1) throw new PatchParseError(file.path, "it holds the diffs of more than one file");
  const rawHunks = parsed[0]?.hunks ?? [];
  // Inside a hunk every line starts with "+", "-", " " or "\", so "@@" lines are exactly the headers.
  const headers = text.split("\n").filter((line) => /^@@\s/.test(line));
  if (headers.length !== rawHunks.length) throw new PatchParseError(file.path, "its hunk headers could not be matched to its hunks");

  patch.hunks = rawHunks.map((raw, index) => toHunk(file.path, headers[index] ?? "", raw));
  return patch;
}

/**
 * A diff whose header lines end in CRLF was converted as a whole (and may have lost the space of
 * empty context lines), so its CRs are not file content. In GitHub's patches only content lines
 * of CRLF files carry a CR, and those are stripped line by line in `toHunk`.
 */
function normalizeLineEndings(text: string): string {
  const firstLine = text.slice(0, text.indexOf("\n") + 1);
  return firstLine.endsWith("\r\n") ? text.replace(/\r\n/g, "\n") : text;
}

function parseOrExplain(path: string, text: string): StructuredPatch[] {
  try {
    return parseUnifiedDiff(text);
  } catch (error) {
    // jsdiff's messages can quote a line of the code; keep only where the problem is.
    const at = /hunk at line (\d+)/i.exec(error instanceof Error ? error.message : "");
    throw new PatchParseError(path, at ? `malformed hunk at line ${at[1]} of the patch` : "it is not a unified diff");
  }
}

function toHunk(path: string, rawHeader: string, raw: StructuredPatch["hunks"][number]): Hunk {
  const header = rawHeader.replace(/\r$/, "");
  const match = HUNK_HEADER.exec(header);
  if (!match) throw new PatchParseError(path, "a hunk header is malformed");
  const oldStart = Number(match[1]);
  const newStart = Number(match[2]);
  let oldLine = oldStart;
  let newLine = newStart;
  const lines: DiffLine[] = [];
  for (const rawLine of raw.lines) {
    const marker = rawLine[0];
    // "\ No newline at end of file" describes the line before it; it is not a line of the file.
    if (marker === "\\") continue;
    const content = rawLine.slice(1).replace(/\r$/, "");
    if (marker === "+") lines.push({ kind: "add", content, newLine: newLine++ });
    else if (marker === "-") lines.push({ kind: "del", content, oldLine: oldLine++ });
    else lines.push({ kind: "context", content, oldLine: oldLine++, newLine: newLine++ });
  }
  return { header, oldStart, oldLines: raw.oldLines, newStart, newLines: raw.newLines, lines };
}
