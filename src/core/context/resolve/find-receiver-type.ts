import type { FileOutline, SyntaxDefinition } from "../types.js";

/** What a member's receiver is, as far as the file's own text says. */
export type Receiver =
  /** `this.x`/`super.x`: the class around the use (undefined outside a class), and whether to skip to its bases. */
  | { kind: "class"; owner: SyntaxDefinition | undefined; basesOnly: boolean }
  /** `a.x` where `a` is declared with a type (`a: Type`, `a = new Type(`). */
  | { kind: "type"; name: string }
  | { kind: "unknown" };

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;
const CLASS_KINDS = new Set(["class", "interface"]);
const HEADER_LINES = 3;

/** The receiver of a JavaScript/TypeScript member use: its enclosing class for `this`, a declared type for a name. */
export function findReceiverType(outline: FileOutline, lines: readonly string[], qualifier: string, line: number): Receiver {
  if (qualifier === "this" || qualifier === "super") return { kind: "class", owner: enclosingClass(outline, line), basesOnly: qualifier === "super" };
  // `this.store.get()`: the field's declared type, read inside the class.
  const field = qualifier.startsWith("this.") ? qualifier.slice("this.".length) : undefined;
  const name = field ?? qualifier;
  if (!IDENTIFIER.test(name)) return { kind: "unknown" };
  const scope = field === undefined ? enclosingFunctionStart(outline, line) : enclosingClass(outline, line)?.startLine;
  if (scope === undefined && field !== undefined) return { kind: "unknown" };
  const declared = new RegExp(`(?:^|[^\\w$.])${name.replace(/\$/g, "\\$")}\\??\\s*(?::\\s*(?:readonly\\s+)?|=\\s*new\\s+)([A-Z][\\w$]*)`);
  // The nearest declaration above the use: parameters and locals of the function, fields of the class.
  for (let at = line; at >= (scope ?? 1); at -= 1) {
    const match = declared.exec(lines[at - 1] ?? "");
    if (match) return { kind: "type", name: match[1]! };
  }
  return { kind: "unknown" };
}

/** The names after `extends` in a class's header (its first lines). */
export function readBaseNames(lines: readonly string[], owner: SyntaxDefinition): string[] {
  const header = lines.slice(owner.startLine - 1, owner.startLine - 1 + HEADER_LINES).join(" ");
  const clause = /\bextends\s+([^{]*)/.exec(header.split("{")[0] ?? "")?.[1] ?? "";
  return [...clause.matchAll(/([A-Za-z_$][\w$]*)\s*(?:<[^>]*>)?\s*(?:,|implements|$)/g)].map((match) => match[1]!).filter((base) => base !== "implements");
}

function enclosingClass(outline: FileOutline, line: number): SyntaxDefinition | undefined {
  let best: SyntaxDefinition | undefined;
  for (const definition of outline.definitions) {
    if (!CLASS_KINDS.has(definition.kind) || definition.startLine > line || definition.endLine < line) continue;
    if (!best || definition.startLine > best.startLine) best = definition;
  }
  return best;
}

function enclosingFunctionStart(outline: FileOutline, line: number): number | undefined {
  let start: number | undefined;
  for (const definition of outline.definitions) {
    if (definition.kind === "class" || definition.startLine > line || definition.endLine < line) continue;
    // The outermost function: its parameters and locals are visible inside every inner one.
    if (start === undefined || definition.startLine < start) start = definition.startLine;
  }
  return start;
}
