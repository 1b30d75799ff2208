import type { SyntaxDefinition } from "../types.js";

const HEADER_LINES = 12;
const OPENERS: Record<string, string> = { "<": ">", "(": ")", "[": "]", "{": "}" };
const NAMED_TYPE = /^([A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)*)$/;

/**
 * Where a type's members may be declared besides its own body, as written (`_ZodType`,
 * `core.$ZodType`): the types after a class's or interface's `extends`, or the named types a type
 * alias joins (`type R<T> = Success<T> | Failure<T>` → `Success`, `Failure`). Type arguments, the
 * declaration's own type parameters and object type literals are left out.
 */
export function readBaseNames(lines: readonly string[], owner: SyntaxDefinition): string[] {
  const text = lines.slice(owner.startLine - 1, Math.min(owner.endLine, owner.startLine - 1 + HEADER_LINES)).join("\n");
  if (owner.kind === "type") {
    const aliased = /=\s*([^]*?);?\s*$/.exec(topLevelText(text, false))?.[1] ?? "";
    return namedTypes(aliased.split(/[|&]/));
  }
  const clause = /\bextends\s+([^]*?)(?:\bimplements\b|$)/.exec(topLevelText(text, true))?.[1] ?? "";
  return namedTypes(clause.split(","));
}

function namedTypes(parts: readonly string[]): string[] {
  return parts.map((part) => part.trim()).filter((part) => NAMED_TYPE.test(part));
}

/** The text with everything inside `<>`, `()`, `[]` and `{}` taken out; up to a body's `{` when `toBody`. */
function topLevelText(text: string, toBody: boolean): string {
  let kept = "";
  const closers: string[] = [];
  for (let at = 0; at < text.length; at += 1) {
    const char = text[at]!;
    // The `>` of an arrow (`=>`) closes nothing.
    const arrow = char === ">" && text[at - 1] === "=";
    if (char in OPENERS) {
      if (char === "{" && toBody && closers.length === 0) break;
      closers.push(OPENERS[char]!);
    } else if (closers.length > 0 && char === closers[closers.length - 1] && !arrow) closers.pop();
    else if (closers.length === 0) kept += char;
  }
  return kept;
}
