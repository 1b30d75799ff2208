import type { FileOutline, SyntaxDefinition } from "../types.js";
import { readChainAfter } from "./read-chain-text.js";

/** What a member's receiver is, as far as the file's own text says. */
export type Receiver =
  /** `this.x`/`super.x`: the class around the use (undefined outside a class), and whether to skip to its bases. */
  | { kind: "class"; owner: SyntaxDefinition | undefined; basesOnly: boolean }
  /** `a.x` where `a` is declared with a type (`a: Type`, `a = new Type(`). */
  | { kind: "type"; name: string }
  /** `a.x` where `a = factory(…)`, `a = ns.factory(…)`, `a = deps.client.send(…)`: the type the callee declares it returns. */
  | { kind: "call"; callee: string; qualifier?: string }
  | { kind: "unknown" };

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;
const CLASS_KINDS = new Set(["class", "interface"]);
// `x = require(…)` is an import; `x = async (…) =>` and `x = function (…)` are functions, not calls.
const NOT_CALLEES = new Set(["require", "async", "function", "import"]);

/** The receiver of a JavaScript/TypeScript member use: its enclosing class for `this`, a declared type for a name. */
export function findReceiverType(outline: FileOutline, lines: readonly string[], qualifier: string, line: number): Receiver {
  if (qualifier === "this" || qualifier === "super") return { kind: "class", owner: enclosingClass(outline, line), basesOnly: qualifier === "super" };
  // `this.store.get()`: the field's declared type, read inside the class.
  const field = qualifier.startsWith("this.") ? qualifier.slice("this.".length) : undefined;
  const name = field ?? qualifier;
  if (!IDENTIFIER.test(name)) return { kind: "unknown" };
  const scope = field === undefined ? enclosingFunctionStart(outline, line) : enclosingClass(outline, line)?.startLine;
  if (scope === undefined && field !== undefined) return { kind: "unknown" };
  const patterns = declarationPatterns(name);
  // The nearest declaration above the use: parameters and locals of the function, fields of the class.
  for (let at = line; at >= (scope ?? 1); at -= 1) {
    const found = matchDeclaration(patterns, lines[at - 1] ?? "");
    if (found) return found;
  }
  return { kind: "unknown" };
}

/** What a module-level value is, from its declaration line (`export const ky = createInstance();`). */
export function readDeclaredValue(lines: readonly string[], definition: SyntaxDefinition): Receiver {
  if (!IDENTIFIER.test(definition.name)) return { kind: "unknown" };
  return matchDeclaration(declarationPatterns(definition.name), lines[definition.nameLine - 1] ?? "") ?? { kind: "unknown" };
}

function declarationPatterns(name: string): { typed: RegExp; assigned: RegExp } {
  const escaped = name.replace(/\$/g, "\\$");
  return {
    typed: new RegExp(`(?:^|[^\\w$.])${escaped}\\??\\s*(?::\\s*(?:readonly\\s+)?|=\\s*new\\s+)([A-Z][\\w$]*)`),
    assigned: new RegExp(`(?:^|[^\\w$.])${escaped}\\s*=(?![=>])\\s*(?:await\\s+)?`),
  };
}

/** `name = f(`, `name = await ns.f<T>(`, `name = deps.client.send(`: the call that makes the value, its receiver a chain. */
function matchDeclaration(patterns: { typed: RegExp; assigned: RegExp }, text: string): Receiver | undefined {
  const typed = patterns.typed.exec(text);
  if (typed) return { kind: "type", name: typed[1]! };
  const assigned = patterns.assigned.exec(text);
  const chain = assigned ? readChainAfter(text, assigned.index + assigned[0].length) : undefined;
  if (!chain?.endsWith("()")) return undefined;
  const dot = chain.lastIndexOf(".");
  const callee = chain.slice(dot + 1, -2);
  if (NOT_CALLEES.has(callee)) return undefined;
  return dot === -1 ? { kind: "call", callee } : { kind: "call", callee, qualifier: chain.slice(0, dot) };
}

/** The innermost class or interface around `line`. */
export function enclosingClass(outline: FileOutline, line: number): SyntaxDefinition | undefined {
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
