const HASH_COMMENT_LANGUAGES = new Set(["python", "ruby", "text"]);
const MAX_LEADING_LINES = 40;

/**
 * The first line of a definition's doc comment, decorators or attributes right above it (no blank
 * line between), so a snippet shows the documentation with the code. `#` counts as a comment only
 * in languages where it is one (in C it starts a preprocessor line).
 */
export function extendOverLeadingComments(lines: readonly string[], startLine: number, language: string): number {
  const hash = HASH_COMMENT_LANGUAGES.has(language);
  let first = startLine;
  while (first > 1 && startLine - first < MAX_LEADING_LINES) {
    const above = lines[first - 2]!.trim();
    const leading =
      above.startsWith("//") ||
      above.startsWith("/*") ||
      above.startsWith("*") ||
      above.startsWith("@") ||
      above.startsWith("#[") ||
      (above.startsWith("[") && language === "csharp") ||
      (hash && above.startsWith("#"));
    if (!leading) break;
    first -= 1;
  }
  return first;
}
