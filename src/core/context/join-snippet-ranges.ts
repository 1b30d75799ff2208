import type { KeptRange } from "./select-within-budget.js";
import { RELATIONS, type DefinitionKind, type FileOutline, type LineSpan } from "./types.js";

/** A kept range, or several of one definition joined, with the lines between them left out. */
export interface JoinedRange extends KeptRange {
  gaps: LineSpan[];
}

// Functions, whose parts read as one piece of code (the blocks of a test suite or the methods of a class stay apart).
const JOINING = new Set<DefinitionKind>(["function", "method"]);

/**
 * Joins the kept ranges of a file that lie inside one definition into one range with gaps: a
 * long function's window around the change and the lines that declare what the change uses
 * read as one function, in line order, the lines between marked as not shown.
 */
export function joinSnippetRanges(kept: readonly KeptRange[], outlineOf: (path: string) => FileOutline | undefined): JoinedRange[] {
  const joined: JoinedRange[] = [];
  const byPath = new Map<string, KeptRange[]>();
  for (const range of kept) byPath.set(range.path, [...(byPath.get(range.path) ?? []), range]);
  for (const [path, ranges] of byPath) {
    const definitions = (outlineOf(path)?.definitions ?? []).filter((definition) => JOINING.has(definition.kind));
    let current: JoinedRange | undefined;
    for (const range of [...ranges].sort((a, b) => a.startLine - b.startLine)) {
      const start = current?.startLine;
      if (current && start !== undefined && definitions.some((d) => d.startLine <= start && range.endLine <= d.endLine)) {
        current.gaps.push({ startLine: current.endLine + 1, endLine: range.startLine - 1 });
        current.endLine = range.endLine;
        // Reasons in rank order: the window around the change before the declarations above it.
        const [first, second] = range.order < current.order ? [range.reasons, current.reasons] : [current.reasons, range.reasons];
        current.reasons = [...new Set([...first, ...second])];
        if (RELATIONS.indexOf(range.relation) < RELATIONS.indexOf(current.relation)) current.relation = range.relation;
        current.order = Math.min(current.order, range.order);
      } else {
        current = { ...range, reasons: [...range.reasons], gaps: [] };
        joined.push(current);
      }
    }
  }
  return joined.sort((a, b) => a.order - b.order);
}
