import type { DiffLine, FilePatch, Hunk } from "../types.js";
import { buildRedaction, type Redaction } from "./build-redaction.js";
import { detectSecrets } from "./detect-secrets.js";
import { replaceSegments } from "./replace-segments.js";
import { splitSpansByLine, type LineSegment } from "./split-spans-by-line.js";

/** A secret on an added line: a credential committed in this pull request (type only, never the value). */
export interface AddedLineSecret {
  path: string;
  /** New-file line number of the first added line the secret covers. */
  line: number;
  type: string;
}

/** Where a redacted secret starts in a patch. */
export interface PatchSecretFinding {
  path: string;
  type: string;
  kind: DiffLine["kind"] | "header";
  /** New-file number for added and unchanged lines, old-file number for deleted lines, null in a hunk header. */
  line: number | null;
}

export interface PatchRedaction extends Redaction {
  /** The patches in their order and shape (same hunks, lines and numbers), secrets replaced by `[REDACTED:<type>]`. */
  patches: FilePatch[];
  /** One per secret, by file, then hunk, line and column. A multi-line secret (a PEM block) is one finding. */
  findings: PatchSecretFinding[];
  /** The findings that touch an added line, by file and line. */
  addedLineSecrets: AddedLineSecret[];
}

// One line of the text scanned for a file, and where it came from: a hunk's line, or the text
// after a hunk header's "@@ ... @@" (the code line git shows there), `column` characters in.
interface LineRef {
  hunk: number;
  line: number | "header";
  column: number;
}

/**
 * Redacts every diff line and hunk header of every file before the patches reach a model. Each
 * file is scanned once, as its new side, its old side and its hunk headers, so a key block that
 * spans several lines is found whole; each of its lines is redacted in place.
 */
export async function redactPatches(patches: readonly FilePatch[]): Promise<PatchRedaction> {
  const redacted: FilePatch[] = [];
  const findings: PatchSecretFinding[] = [];
  const addedLineSecrets: AddedLineSecret[] = [];
  const found: Array<{ type: string; value: string }> = [];
  for (const patch of patches) {
    const { text, refs } = scanText(patch);
    const spans = await detectSecrets(text, patch.path);
    const perSpan = splitSpansByLine(text, spans);
    const seen = new Set<string>();
    const located: Array<{ type: string; first: Located; added: DiffLine | undefined }> = [];
    const segments: Located[] = [];
    spans.forEach((span, index) => {
      const pieces = (perSpan[index] ?? []).flatMap((segment) => locate(segment, refs));
      const first = pieces[0];
      segments.push(...pieces);
      // Unchanged lines are in both the new and the old side: a secret only on them is found twice.
      const key = pieces.map((piece) => `${piece.hunk}:${piece.line}:${piece.start}-${piece.end}`).join(" ");
      if (!first || seen.has(key)) return;
      seen.add(key);
      const added = pieces.map((piece) => lineAt(patch, piece)).find((line) => line?.kind === "add");
      located.push({ type: span.type, first, added });
      found.push({ type: span.type, value: text.slice(span.start, span.end) });
    });
    located.sort((a, b) => compareLocated(a.first, b.first));
    for (const { type, first, added } of located) {
      const line = lineAt(patch, first);
      findings.push({ path: patch.path, type, kind: line?.kind ?? "header", line: (line?.kind === "del" ? line.oldLine : line?.newLine) ?? null });
      if (added?.newLine !== undefined) addedLineSecrets.push({ path: patch.path, line: added.newLine, type });
    }
    redacted.push(applySegments(patch, segments));
  }
  return { ...buildRedaction(found), patches: redacted, findings, addedLineSecrets };
}

function scanText(patch: FilePatch): { text: string; refs: Array<LineRef | null> } {
  const lines: string[] = [];
  const refs: Array<LineRef | null> = [];
  const add = (content: string, ref: LineRef | null): void => {
    lines.push(content);
    refs.push(ref);
  };
  // An empty line between hunks, and between the sides, keeps a line of one from running into the next.
  for (const skipped of ["del", "add"] as const) {
    patch.hunks.forEach((hunk, hunkIndex) => {
      hunk.lines.forEach((line, lineIndex) => line.kind !== skipped && add(line.content, { hunk: hunkIndex, line: lineIndex, column: 0 }));
      add("", null);
    });
  }
  patch.hunks.forEach((hunk, hunkIndex) => {
    const column = headerPrefix(hunk).length;
    add(hunk.header.slice(column), { hunk: hunkIndex, line: "header", column });
  });
  return { text: lines.join("\n"), refs };
}

interface Located {
  hunk: number;
  line: number | "header";
  start: number;
  end: number;
  type: string;
}

function locate(segment: LineSegment, refs: ReadonlyArray<LineRef | null>): Located[] {
  const ref = refs[segment.line];
  if (!ref) return [];
  return [{ hunk: ref.hunk, line: ref.line, start: segment.start + ref.column, end: segment.end + ref.column, type: segment.type }];
}

function lineAt(patch: FilePatch, located: Located): DiffLine | undefined {
  return located.line === "header" ? undefined : patch.hunks[located.hunk]?.lines[located.line];
}

function compareLocated(a: Located, b: Located): number {
  const order = (line: number | "header"): number => (line === "header" ? -1 : line);
  return a.hunk - b.hunk || order(a.line) - order(b.line) || a.start - b.start;
}

function applySegments(patch: FilePatch, segments: readonly Located[]): FilePatch {
  if (segments.length === 0) return patch;
  const byLine = new Map<string, Located[]>();
  for (const segment of segments) {
    const key = `${segment.hunk}:${segment.line}`;
    byLine.set(key, [...(byLine.get(key) ?? []), segment]);
  }
  const redact = (text: string, key: string): string => {
    const onLine = byLine.get(key);
    return onLine ? replaceSegments(text, onLine) : text;
  };
  return {
    ...patch,
    hunks: patch.hunks.map((hunk, hunkIndex) => ({
      ...hunk,
      header: redact(hunk.header, `${hunkIndex}:header`),
      lines: hunk.lines.map((line, lineIndex) => {
        const content = redact(line.content, `${hunkIndex}:${lineIndex}`);
        return content === line.content ? line : { ...line, content };
      }),
    })),
  };
}

// "@@ -8,4 +8,5 @@ " before the code line git adds to a hunk header.
function headerPrefix(hunk: Hunk): string {
  return /^@@[^@]*@@ ?/.exec(hunk.header)?.[0] ?? hunk.header;
}
