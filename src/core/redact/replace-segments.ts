import { formatPlaceholder } from "./format-placeholder.js";

/**
 * Replaces the given column ranges of one line with typed placeholders; overlapping ranges (a
 * context line seen from both sides of a diff) merge into one, typed by the earlier range.
 */
export function replaceSegments(line: string, segments: ReadonlyArray<{ start: number; end: number; type: string }>): string {
  const sorted = [...segments].sort((a, b) => a.start - b.start || b.end - a.end);
  let result = "";
  let cursor = 0;
  for (const segment of sorted) {
    if (segment.end <= cursor) continue;
    if (segment.start < cursor) {
      cursor = segment.end; // the rest of an overlapping range is already behind a placeholder
      continue;
    }
    result += line.slice(cursor, segment.start) + formatPlaceholder(segment.type);
    cursor = segment.end;
  }
  return result + line.slice(cursor);
}
