import { isEscapePair, type CodeSpan } from "./find-code-spans.js";

/** An inline link or image `[label](destination "title")` found at a `[`. */
export interface InlineLink {
  label: string;
  /** As written: escapes and entities are not decoded (a caller allowing it must refuse both). */
  destination: string;
  /** Index just past the closing parenthesis. */
  end: number;
}

// Longer labels or destinations are not read as links; the text is then escaped as prose.
const MAX_LABEL = 1_000;
const MAX_DESTINATION = 2_000;

/** Reads the inline link whose `[` is at `start`, or null when there is none; code spans in the label are skipped whole. */
export function parseInlineLink(line: string, start: number, spans: readonly CodeSpan[]): InlineLink | null {
  const spanEnds = new Map(spans.map((span) => [span.start, span.end]));
  const labelEnd = findLabelEnd(line, start, spanEnds);
  if (labelEnd === null || line[labelEnd + 1] !== "(") return null;
  let index = skipSpaces(line, labelEnd + 2);
  const destination = readDestination(line, index);
  if (destination === null) return null;
  index = skipSpaces(line, destination.end);
  if (index < line.length && index > destination.end && `"'(`.includes(line[index]!)) {
    const titleEnd = readTitle(line, index);
    if (titleEnd === null) return null;
    index = skipSpaces(line, titleEnd);
  }
  if (line[index] !== ")") return null;
  return { label: line.slice(start + 1, labelEnd), destination: destination.text, end: index + 1 };
}

function findLabelEnd(line: string, start: number, spanEnds: ReadonlyMap<number, number>): number | null {
  let depth = 0;
  for (let index = start; index < line.length && index - start <= MAX_LABEL; index++) {
    const spanEnd = spanEnds.get(index);
    if (spanEnd !== undefined) index = spanEnd - 1;
    else if (isEscapePair(line, index)) index++;
    else if (line[index] === "[") depth++;
    else if (line[index] === "]" && --depth === 0) return index;
  }
  return null;
}

function readDestination(line: string, start: number): { text: string; end: number } | null {
  if (line[start] === "<") {
    for (let index = start + 1; index < line.length && index - start <= MAX_DESTINATION; index++) {
      if (isEscapePair(line, index)) index++;
      else if (line[index] === "<") return null;
      else if (line[index] === ">") return { text: line.slice(start + 1, index), end: index + 1 };
    }
    return null;
  }
  let depth = 0;
  let index = start;
  for (; index < line.length && index - start <= MAX_DESTINATION; index++) {
    const char = line[index]!;
    if (isEscapePair(line, index)) index++;
    else if (char === " " || char === "\t" || char < " ") break;
    else if (char === "(") depth++;
    else if (char === ")" && depth-- === 0) break;
  }
  if (index - start > MAX_DESTINATION || depth > 0) return null;
  return { text: line.slice(start, index), end: index };
}

function readTitle(line: string, start: number): number | null {
  const close = line[start] === "(" ? ")" : line[start]!;
  for (let index = start + 1; index < line.length; index++) {
    if (isEscapePair(line, index)) index++;
    else if (line[index] === close) return index + 1;
  }
  return null;
}

function skipSpaces(line: string, index: number): number {
  while (line[index] === " " || line[index] === "\t") index++;
  return index;
}
