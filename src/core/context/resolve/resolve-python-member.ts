import type { RepoIndex } from "../create-repo-index.js";
import type { ResolvedDefinition } from "../resolve-reference.js";
import type { FileOutline, SyntaxDefinition, SyntaxReference } from "../types.js";
import { findOuterFunctionStart } from "./find-outer-function-start.js";
import { isOutsideImport } from "./is-outside-import.js";

/** Finds the class a type name means as seen from `path` at `line` (its imports, its own definitions). */
export type ResolveType = (path: string, name: string, line: number) => ResolvedDefinition[];

const IDENTIFIER = /^[A-Za-z_]\w*$/;
const BASE_DEPTH = 3;

/**
 * A Python member through its receiver: `self.x`/`cls.x` in the enclosing class and its bases
 * (methods, class attributes and the `self.x = ...` of its methods), `a.x` and `self.a.x` through
 * `a`'s annotation or constructor call (`a: Flask`, `a = Flask(...)`). Nothing for a module from
 * outside the repository (`os.path`). Undefined when the receiver is none of these, or nothing of
 * that name is found there: the caller then resolves as before.
 */
export function resolvePythonMember(index: RepoIndex, path: string, outline: FileOutline, reference: SyntaxReference, resolveType: ResolveType): ResolvedDefinition[] | undefined {
  const lines = index.lines(path) ?? [];
  const qualifier = reference.qualifier!;
  if (isOutsideImport(outline, qualifier, index.bindings(path).named, (entry) => entry.source.split(".")[0]!)) return [];
  const enclosing = enclosingClass(outline, reference.line);
  let owners: ResolvedDefinition[];
  if (qualifier === "self" || qualifier === "cls") {
    owners = enclosing ? [{ path, definition: enclosing, confidence: 0 }] : [];
  } else {
    const type = findDeclaredType(lines, outline, qualifier, reference.line, enclosing);
    owners = type === undefined ? [] : resolveType(path, type, reference.line).filter((owner) => owner.definition.kind === "class");
  }
  const found = owners.flatMap((owner) => membersOfClass(index, owner, reference.name, resolveType, 0));
  return found.length > 0 ? found : undefined;
}

/** Members named `name` inside the class `owner`, else in its bases (`class A(B, C):`). */
function membersOfClass(index: RepoIndex, owner: ResolvedDefinition, name: string, resolveType: ResolveType, depth: number): ResolvedDefinition[] {
  const { definition: cls } = owner;
  const inside = (index.outline(owner.path)?.definitions ?? []).filter((d) => d.name === name && d !== cls && d.kind !== "test" && d.startLine >= cls.startLine && d.endLine <= cls.endLine);
  if (inside.length > 0) return inside.map((definition) => ({ path: owner.path, definition, confidence: owner.confidence }));
  if (depth >= BASE_DEPTH) return [];
  return readPythonBases(index.lines(owner.path) ?? [], cls).flatMap((base) =>
    resolveType(owner.path, base, cls.startLine)
      .filter((found) => found.definition.kind === "class" && found.definition !== cls)
      .flatMap((found) => membersOfClass(index, found, name, resolveType, depth + 1)),
  );
}

/** The simple names in a class header's parentheses (`class A(B, mod.C, metaclass=M):` gives B and C). */
function readPythonBases(lines: readonly string[], cls: SyntaxDefinition): string[] {
  const header = lines.slice(cls.startLine - 1, cls.startLine + 4).join(" ");
  const inside = /^\s*class\s+\w+\s*(?:\[[^\]]*\])?\s*\(([^)]*)\)/.exec(header)?.[1] ?? "";
  return inside
    .split(",")
    .map((part) => part.trim())
    .filter((part) => !part.includes("="))
    .map((part) => part.split(".").pop()!.replace(/\[.*$/, ""))
    .filter((part) => IDENTIFIER.test(part));
}

/**
 * The class named where `qualifier` is declared: a parameter or variable annotation, or a
 * constructor call, nearest above the use in its function; for `self.a`, in the class's methods.
 */
function findDeclaredType(lines: readonly string[], outline: FileOutline, qualifier: string, line: number, enclosing: SyntaxDefinition | undefined): string | undefined {
  const attribute = qualifier.startsWith("self.") ? qualifier.slice("self.".length) : undefined;
  const name = attribute === undefined ? qualifier : `self\\.${attribute}`;
  if (!IDENTIFIER.test(attribute ?? qualifier)) return undefined;
  const [from, to] = attribute === undefined ? [findOuterFunctionStart(outline, line) ?? line, line] : enclosing ? [enclosing.startLine, enclosing.endLine] : [line, line];
  // `a: Flask`, `a: "Flask"`, `a: Flask | None`, `a = Flask(`; a lower-case type (`t.Any`, `str`) is not a class of the repository.
  const declared = new RegExp(`(?:^|[^\\w.])${name}\\s*(?::\\s*["']?([A-Z]\\w*)|=\\s*([A-Z]\\w*)\\()`);
  for (let at = to; at >= from; at -= 1) {
    const match = declared.exec(lines[at - 1] ?? "");
    if (match) return match[1] ?? match[2];
  }
  return undefined;
}

function enclosingClass(outline: FileOutline, line: number): SyntaxDefinition | undefined {
  let best: SyntaxDefinition | undefined;
  for (const definition of outline.definitions) {
    if (definition.kind !== "class" || definition.startLine > line || definition.endLine < line) continue;
    if (!best || definition.startLine > best.startLine) best = definition;
  }
  return best;
}
