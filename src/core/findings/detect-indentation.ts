/** One level of indentation: a tab, or `width` spaces. */
export interface Indentation {
  char: "\t" | " ";
  width: number;
}

/** The leading spaces and tabs of a line. */
export function leadingWhitespace(line: string): string {
  return /^[ \t]*/.exec(line)?.[0] ?? "";
}

/**
 * The indentation the lines use, or null when they show none: tabs when more lines start with a
 * tab than with spaces, otherwise the most common step between consecutive space-indented lines
 * (ties go to the smaller step).
 */
export function detectIndentation(lines: readonly string[]): Indentation | null {
  let tabs = 0;
  let spaced = 0;
  let previous = 0;
  const steps = new Map<number, number>();
  for (const line of lines) {
    if (line.trim() === "") continue;
    const indent = leadingWhitespace(line);
    if (indent.startsWith("\t")) {
      tabs += 1;
      continue;
    }
    if (indent.length > 0) spaced += 1;
    const step = Math.abs(indent.length - previous);
    if (step > 1) steps.set(step, (steps.get(step) ?? 0) + 1);
    previous = indent.length;
  }
  if (tabs === 0 && spaced === 0) return null;
  if (tabs > spaced) return { char: "\t", width: 1 };
  const ranked = [...steps].sort(([stepA, countA], [stepB, countB]) => countB - countA || stepA - stepB);
  return { char: " ", width: ranked[0]?.[0] ?? 4 };
}
