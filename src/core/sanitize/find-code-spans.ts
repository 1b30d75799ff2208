/** One inline code span of a line: `start` is its opening backtick, `end` is just past its closing run. */
export interface CodeSpan {
  start: number;
  end: number;
}

const ASCII_PUNCTUATION = /[!-/:-@[-`{-~]/;

/** True when `line[index]` is a backslash that escapes the next character (CommonMark). */
export function isEscapePair(line: string, index: number): boolean {
  return line[index] === "\\" && index + 1 < line.length && ASCII_PUNCTUATION.test(line[index + 1]!);
}

/**
 * The code spans of one line, as CommonMark pairs backtick runs: left to right, a run opens a span
 * closed by the next run of exactly the same length; backslash escapes count outside spans only.
 * Spans that continue on another line are not found: their runs stay unmatched here.
 */
export function findCodeSpans(line: string): CodeSpan[] {
  const closers = maximalRunsByLength(line);
  const spans: CodeSpan[] = [];
  let index = 0;
  while (index < line.length) {
    if (isEscapePair(line, index)) {
      index += 2;
      continue;
    }
    if (line[index] !== "`") {
      index++;
      continue;
    }
    const length = runLength(line, index);
    const close = firstAtOrAfter(closers.get(length) ?? [], index + length);
    if (close === undefined) {
      index += length;
      continue;
    }
    spans.push({ start: index, end: close + length });
    index = close + length;
  }
  return spans;
}

/** How many backticks follow from `index` on. */
export function runLength(line: string, index: number): number {
  let end = index;
  while (line[end] === "`") end++;
  return end - index;
}

// Start positions of the maximal backtick runs, by length: a closing run may not touch another backtick.
function maximalRunsByLength(line: string): Map<number, number[]> {
  const runs = new Map<number, number[]>();
  for (const match of line.matchAll(/`+/g)) {
    const starts = runs.get(match[0].length) ?? [];
    starts.push(match.index);
    runs.set(match[0].length, starts);
  }
  return runs;
}

function firstAtOrAfter(sorted: number[], minimum: number): number | undefined {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (sorted[middle]! < minimum) low = middle + 1;
    else high = middle;
  }
  return sorted[low];
}
