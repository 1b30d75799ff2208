import type { FileOutline } from "../types.js";

/** The first line of the outermost function or method around `line`: its parameters and locals are visible inside every inner one. */
export function findOuterFunctionStart(outline: FileOutline, line: number): number | undefined {
  let start: number | undefined;
  for (const definition of outline.definitions) {
    if ((definition.kind !== "function" && definition.kind !== "method") || definition.startLine > line || definition.endLine < line) continue;
    if (start === undefined || definition.startLine < start) start = definition.startLine;
  }
  return start;
}
