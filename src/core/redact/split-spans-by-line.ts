import type { SecretSpan } from "./secret-span.js";

/** The part of one line a secret covers: 0-based line index, columns [start, end) within that line. */
export interface LineSegment {
  line: number;
  start: number;
  end: number;
  type: string;
}

/**
 * Splits each span into the non-empty pieces it covers on each line (a PEM block covers many), so
 * every line can be redacted on its own and keeps its place; the result has one entry per span.
 */
export function splitSpansByLine(text: string, spans: readonly SecretSpan[]): LineSegment[][] {
  const starts = [0];
  for (let index = text.indexOf("\n"); index !== -1; index = text.indexOf("\n", index + 1)) starts.push(index + 1);
  return spans.map((span) => {
    const segments: LineSegment[] = [];
    for (let line = lineOf(starts, span.start); line < starts.length && (starts[line] ?? 0) < span.end; line++) {
      const lineStart = starts[line] ?? 0;
      const lineEnd = (starts[line + 1] ?? text.length + 1) - 1;
      const start = Math.max(span.start, lineStart) - lineStart;
      const end = Math.min(span.end, lineEnd) - lineStart;
      if (end > start) segments.push({ line, start, end, type: span.type });
    }
    return segments;
  });
}

// Index of the last line start at or before `offset`.
function lineOf(starts: readonly number[], offset: number): number {
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const middle = Math.ceil((low + high) / 2);
    if ((starts[middle] ?? 0) <= offset) low = middle;
    else high = middle - 1;
  }
  return low;
}
