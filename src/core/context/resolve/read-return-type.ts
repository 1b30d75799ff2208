import type { SyntaxDefinition } from "../types.js";

const HEADER_LINES = 6;
// After the parameter list: `): Type` (a function, a method) or `) => Type` (a function-typed property).
const RETURN = /^\s*(?::|=>)\s*(?:Promise\s*<\s*)?((?:[a-z][\w$]*\.)?[A-Z_$][\w$]*)/;

/**
 * The type name a JavaScript/TypeScript function, method or function-typed property declares it
 * returns (`KyInstance` in `const createInstance = (d?: Options): KyInstance =>`, `ZodObject` in
 * `function object<T>(shape?: T): ZodObject<T>`), read from its header; undefined when none is written.
 */
export function readReturnType(lines: readonly string[], definition: SyntaxDefinition): string | undefined {
  const header = lines.slice(definition.nameLine - 1, Math.min(definition.endLine, definition.nameLine - 1 + HEADER_LINES)).join("\n");
  const afterName = header.indexOf(definition.name);
  const open = header.indexOf("(", afterName === -1 ? 0 : afterName + definition.name.length);
  if (open === -1) return undefined;
  let depth = 0;
  for (let at = open; at < header.length; at += 1) {
    const char = header[at];
    if (char === "(") depth += 1;
    else if (char === ")" && --depth === 0) return RETURN.exec(header.slice(at + 1))?.[1];
  }
  return undefined;
}
