import type { FileOutline, SyntaxDefinition, SyntaxReference } from "./types.js";

const KEYWORD_NAME = /\b(?:function|def|fn|func|fun|sub|proc|procedure|class|struct|interface|module|object|trait|enum|impl|macro|method|type|record|extension|protocol)\s+([A-Za-z_$][\w$]*)/;
const LEADING_NAME = /([A-Za-z_$][\w$-]*)/;
const IDENTIFIER = /[A-Za-z_$][\w$]*/g;
const CLOSER = /^\s*(?:[}\])]|end\b|fi\b|done\b|esac\b)/;
const COMMENT_ONLY = /^\s*(?:#|\/\/|\/\*|\*|--|;|%)/;

/**
 * Outline for a file without a grammar: every line whose next non-blank line is indented deeper
 * opens a block that runs to the last line indented deeper (plus a closing `}`/`end` line at the
 * header's indentation). Works for brace and indentation languages, YAML, Makefiles and the like.
 * References are the identifier-like words of each line.
 */
export function buildFallbackOutline(text: string): FileOutline {
  const lines = text.split("\n");
  const indents = lines.map((line) => (line.trim() === "" ? -1 : line.length - line.trimStart().length));
  const definitions: SyntaxDefinition[] = [];
  const open: { line: number; indent: number }[] = [];

  const close = (until: number, nextIndent: number) => {
    while (open.length > 0 && open[open.length - 1]!.indent >= nextIndent) {
      const block = open.pop()!;
      let end = lastNonBlank(indents, until);
      if (until + 1 < lines.length && indents[until + 1] === block.indent && CLOSER.test(lines[until + 1]!)) end = until + 1;
      if (end > block.line) definitions.push(toDefinition(lines[block.line]!, block.line, end));
    }
  };

  for (let index = 0; index < lines.length; index += 1) {
    const indent = indents[index]!;
    if (indent === -1) continue;
    close(index - 1, indent);
    const next = nextNonBlank(indents, index + 1);
    if (next !== -1 && indents[next]! > indent && !COMMENT_ONLY.test(lines[index]!)) open.push({ line: index, indent });
  }
  close(lines.length - 1, -1);

  const references: SyntaxReference[] = [];
  lines.forEach((line, index) => {
    for (const match of line.matchAll(IDENTIFIER)) references.push({ name: match[0], line: index + 1, kind: "identifier" });
  });
  definitions.sort((a, b) => a.startLine - b.startLine || b.endLine - a.endLine);
  return { language: "text", definitions, references, imports: [] };
}

function toDefinition(header: string, index: number, end: number): SyntaxDefinition {
  const name = KEYWORD_NAME.exec(header)?.[1] ?? LEADING_NAME.exec(header)?.[1] ?? "block";
  return { name, kind: "block", startLine: index + 1, endLine: end + 1, nameLine: index + 1 };
}

function nextNonBlank(indents: number[], from: number): number {
  for (let index = from; index < indents.length; index += 1) if (indents[index] !== -1) return index;
  return -1;
}

function lastNonBlank(indents: number[], from: number): number {
  for (let index = from; index >= 0; index -= 1) if (indents[index] !== -1) return index;
  return from;
}
