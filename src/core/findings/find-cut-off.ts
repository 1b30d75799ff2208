import type { CodeSyntax } from "./code-syntax.js";
import { scanCode, type CodeScan } from "./scan-code.js";

// Endings that leave a statement open; `++`, `--` and `...` are complete as they stand.
const OPEN_ENDINGS = [",", "(", "[", "{", "=", "+", ".", "\\", ":", "&&", "||"];
const COMPLETE_ENDINGS = ["++", "--", "..."];
const ELLIPSIS = /^(?:\.\.\.|…)$/;
const PLACEHOLDER_COMMENT = /\.\.\.|…|\brest of (?:the )?(?:code|function|file|method|body|implementation)\b|\b(?:existing|remaining|other) code\b|\b(?:code|lines?) unchanged\b/i;

/**
 * Why a suggestion looks cut off or incomplete next to the lines it replaces (a clause for the
 * comment's note), or null: brackets, strings or comments left open that the commented lines
 * close, a placeholder (`...`, `// rest of the code`), or an ending that leaves a statement open.
 */
export function findCutOff(originalLines: readonly string[], suggestionLines: readonly string[], syntax: CodeSyntax): string | null {
  const before = scanCode(originalLines.join("\n"), syntax);
  const after = scanCode(suggestionLines.join("\n"), syntax);
  return compareStructure(before, after) ?? findPlaceholder(originalLines, suggestionLines, syntax) ?? compareEnding(before.tail, after.tail);
}

function compareStructure(before: CodeScan, after: CodeScan): string | null {
  if ((after.endsInside === "string" && before.endsInside !== "string") || after.unterminatedStrings > before.unterminatedStrings) return "it looks cut off (a string is never closed)";
  if (after.endsInside === "comment" && before.endsInside !== "comment") return "it looks cut off (a comment is never closed)";
  if (after.unclosed !== before.unclosed && after.unclosed.startsWith(before.unclosed)) return `it looks cut off (\`${after.unclosed.slice(-1)}\` is never closed)`;
  if (after.unclosed !== before.unclosed || after.strayClosers !== before.strayClosers || after.mismatched > before.mismatched) {
    return "its brackets do not balance the way the commented lines do";
  }
  return null;
}

function compareEnding(before: string, after: string): string | null {
  if (COMPLETE_ENDINGS.some((ending) => after.endsWith(ending))) return null;
  const open = OPEN_ENDINGS.find((ending) => after.endsWith(ending));
  return open !== undefined && !before.endsWith(open) ? `it looks cut off (it ends with \`${open}\`)` : null;
}

function findPlaceholder(originalLines: readonly string[], suggestionLines: readonly string[], syntax: CodeSyntax): string | null {
  const commentStarts = [...syntax.lineComments, ...(syntax.blockComment ? [syntax.blockComment[0], "*"] : [])];
  const isPlaceholder = (line: string): boolean => {
    const text = line.trim();
    if (ELLIPSIS.test(text)) return true;
    const start = commentStarts.find((marker) => text.startsWith(marker));
    return start !== undefined && PLACEHOLDER_COMMENT.test(text.slice(start.length));
  };
  const original = new Set(originalLines.map((line) => line.trim()));
  const placeholder = suggestionLines.find((line) => isPlaceholder(line) && !original.has(line.trim()));
  return placeholder === undefined ? null : "it holds a placeholder (such as `...`) instead of the code";
}
