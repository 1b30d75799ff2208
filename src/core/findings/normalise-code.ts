/**
 * Code with formatting removed, for comparing two versions of the same lines: whitespace is kept
 * only as one space between two word characters (`return x`), so re-indenting, re-wrapping or a
 * formatter run (`f( a,b )` → `f(a, b)`) changes nothing. With `keepIndentation` (Python, YAML)
 * each line's leading whitespace stays, because there it changes what the code means.
 */
export function normaliseCode(text: string, options: { keepIndentation?: boolean } = {}): string {
  if (!options.keepIndentation) return collapse(text);
  return text
    .replace(/\r\n?/g, "\n")
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map((line) => `${/^[ \t]*/.exec(line)?.[0] ?? ""}${collapse(line)}`)
    .join("\n");
}

function collapse(text: string): string {
  return text
    .trim()
    .replace(/\s+/g, " ")
    .replace(/(?<!\w) | (?!\w)/g, "");
}
