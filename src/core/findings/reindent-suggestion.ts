import { detectIndentation, leadingWhitespace, type Indentation } from "./detect-indentation.js";

export interface ReindentContext {
  /** Leading whitespace of the first commented line. */
  baseIndent: string;
  /** How the file indents (from the file text, or the commented lines), or null when unknown. */
  fileIndentation: Indentation | null;
  /** Per suggestion line: it starts inside a multi-line string, so its whitespace is content and stays. */
  startsInString?: readonly boolean[];
}

const DEFAULT_TAB_WIDTH = 4;

/**
 * Indents a suggestion the way the file is indented, so that applying it from GitHub leaves the
 * file well formatted. Two slips are repaired: a suggestion that lost its indentation (its first
 * line starts at column 0 where the commented line does not), and one indented with spaces where
 * the file uses tabs or the other way round. Then the first line takes the first commented line's
 * indentation and every other line keeps its depth relative to the first. Anything else is left
 * as the model wrote it: a first line indented on purpose can be the fix (Python dedent).
 */
export function reindentSuggestion(lines: readonly string[], context: ReindentContext): string[] {
  const isCode = (line: string, index: number): boolean => line.trim() !== "" && context.startsInString?.[index] !== true;
  const first = lines.find(isCode);
  if (first === undefined) return [...lines];
  const own = detectIndentation(lines.filter(isCode));
  const file = context.fileIndentation;
  const rebase = leadingWhitespace(first) === "" && context.baseIndent !== "";
  const convert = own !== null && file !== null && own.char !== file.char;
  if (!rebase && !convert) return [...lines];

  const target = file ?? own ?? { char: " ", width: DEFAULT_TAB_WIDTH };
  // The suggestion's depth is measured in its own unit; a tab counts as one of the file's levels.
  const tabWidth = own?.char === " " ? own.width : target.char === " " ? target.width : DEFAULT_TAB_WIDTH;
  const levelWidth = own?.char === " " ? own.width : tabWidth;
  const firstColumns = columns(leadingWhitespace(first), tabWidth);
  const unit = target.char === "\t" ? "\t" : " ".repeat(target.width);
  const base = measure(context.baseIndent, target);

  return lines.map((line, index) => {
    if (line.trim() === "") return "";
    if (!isCode(line, index)) return line;
    const relative = columns(leadingWhitespace(line), tabWidth) - firstColumns;
    const levels = Math.trunc(relative / levelWidth);
    const align = relative - levels * levelWidth;
    const body = line.trimStart();
    if (relative >= 0) return `${context.baseIndent}${unit.repeat(levels)}${" ".repeat(align)}${body}`;
    // Less indented than the first line (a closing brace after a line inside a block).
    return `${unit.repeat(Math.max(0, base.levels + levels))}${" ".repeat(Math.max(0, base.align + align))}${body}`;
  });
}

function columns(indent: string, tabWidth: number): number {
  return [...indent].reduce((sum, char) => sum + (char === "\t" ? tabWidth : 1), 0);
}

function measure(indent: string, unit: Indentation): { levels: number; align: number } {
  if (unit.char === "\t") return { levels: indent.split("\t").length - 1, align: indent.replace(/\t/g, "").length };
  const total = columns(indent, unit.width);
  return { levels: Math.floor(total / unit.width), align: total % unit.width };
}
