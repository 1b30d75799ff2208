import type { RepoIndex } from "./create-repo-index.js";
import { extendOverLeadingComments } from "./extend-over-leading-comments.js";
import { findContainer } from "./find-enclosing-definition.js";
import type { SyntaxDefinition } from "./types.js";

/** Lines to show for a definition, and whether they are only part of it. */
export interface SnippetRange {
  startLine: number;
  endLine: number;
  /** Set when the definition was longer than the snippet limit: its full length. */
  cutFrom?: number;
}

const FIELD_WINDOW = 4;

/**
 * The lines that show a definition: with its doc comment; a field or enum member through its
 * type when that fits; a definition over the limit cut to its head, or to a window around `focus`.
 */
export function buildSnippetRange(index: RepoIndex, path: string, definition: SyntaxDefinition, focus?: number): SnippetRange | undefined {
  const lines = index.lines(path);
  const outline = index.outline(path);
  if (!lines || !outline) return undefined;
  const max = index.limits.maxSnippetLines;
  let shown = definition;
  if (definition.kind === "property" || (definition.kind === "constant" && definition.endLine === definition.startLine)) {
    const container = findContainer(outline, definition);
    if (container) {
      if (container.endLine - container.startLine + 1 > max) {
        return { startLine: Math.max(container.startLine, definition.startLine - FIELD_WINDOW), endLine: Math.min(container.endLine, definition.endLine + FIELD_WINDOW) };
      }
      shown = container;
    }
  }
  const startLine = extendOverLeadingComments(lines, shown.startLine, outline.language);
  const endLine = Math.min(shown.endLine, lines.length);
  const length = endLine - startLine + 1;
  if (length <= max) return { startLine, endLine };
  if (focus === undefined || focus < startLine + max / 2) return { startLine, endLine: startLine + max - 1, cutFrom: length };
  const windowStart = Math.min(Math.max(startLine, focus - Math.floor(max / 2)), endLine - max + 1);
  return { startLine: windowStart, endLine: windowStart + max - 1, cutFrom: length };
}

/** A human label for a definition kind in reasons. */
export function describeKind(definition: SyntaxDefinition): string {
  return definition.kind === "block" || definition.kind === "declaration" || definition.kind === "export" ? "" : `${definition.kind} `;
}
