import type { SyntaxDefinition } from "../types.js";

const HEADER_LINES = 12;
const OPENERS: Record<string, string> = { "<": ">", "(": ")", "[": "]" };
const BASE = /^([A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)*)$/;

/**
 * The types after `extends` in a class's or interface's header, as written (`_ZodType`,
 * `core.$ZodType`), their type arguments and the declaration's own type parameters left out
 * (`interface A<T extends B = C> extends D<E<F>>, G {` → `D`, `G`).
 */
export function readBaseNames(lines: readonly string[], owner: SyntaxDefinition): string[] {
  const header = topLevelText(lines.slice(owner.startLine - 1, Math.min(owner.endLine, owner.startLine - 1 + HEADER_LINES)).join("\n"));
  const clause = /\bextends\s+([^]*?)(?:\bimplements\b|$)/.exec(header)?.[1] ?? "";
  return clause
    .split(",")
    .map((base) => base.trim())
    .filter((base) => BASE.test(base));
}

/** The header up to its body's `{`, with everything inside `<>`, `()` and `[]` taken out. */
function topLevelText(text: string): string {
  let kept = "";
  const closers: string[] = [];
  for (let at = 0; at < text.length; at += 1) {
    const char = text[at]!;
    if (char in OPENERS && !(char === "<" && text[at - 1] === "=")) closers.push(OPENERS[char]!);
    else if (closers.length > 0 && char === closers[closers.length - 1] && !(char === ">" && text[at - 1] === "=")) closers.pop();
    else if (closers.length === 0) {
      if (char === "{") break;
      kept += char;
    }
  }
  return kept;
}
