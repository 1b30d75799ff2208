import type { LineSpan } from "./types.js";

/** Lines a snippet shows: its range less its gaps. */
export function countShownLines(snippet: LineSpan & { gaps?: readonly LineSpan[] }): number {
  const gaps = (snippet.gaps ?? []).reduce((sum, gap) => sum + gap.endLine - gap.startLine + 1, 0);
  return snippet.endLine - snippet.startLine + 1 - gaps;
}
