import type { RepoIndex } from "../create-repo-index.js";
import type { ResolvedDefinition } from "../resolve-reference.js";
import type { DefinitionKind, SyntaxDefinition } from "../types.js";

// Definitions of module-level names and namespaces, looked up through imports and re-exports.

// Shared by the lookups that find nothing (most, in a large package): no array per file visited.
export const NOTHING: readonly never[] = Object.freeze([]);

// A package's entry re-exports a barrel that re-exports a barrel (zod: index → classic → external → core → core.ts).
export const REEXPORT_DEPTH = 5;
// Where a module's names are its top-level definitions: an import never names a method, an object
// literal's key or a function's local (`ky` inside `createInstance` is not the exported `ky`).
const MODULE_SCOPED = new Set(["typescript", "tsx", "javascript", "python"]);
// Never a module-level name: a test block, an object's or class's property.
export const NOT_TOP_LEVEL = new Set<DefinitionKind>(["test", "property"]);

/** The module files a dotted qualifier (`z.core`) names, each segment a namespace of the one before. */
export function resolveNamespacePath(index: RepoIndex, path: string, qualifier: string): string[] {
  const [first, ...rest] = qualifier.split(".");
  let files = lookupNamespace(index, [path], first!, 0);
  for (const segment of rest) files = files.length === 0 ? files : lookupNamespace(index, files, segment, 0);
  return files;
}

/**
 * The module files `name` names as a namespace when looked up in `files`: `import * as name`,
 * `export * as name from`, followed through named and `export *` re-exports.
 */
export function lookupNamespace(index: RepoIndex, files: readonly string[], name: string, depth: number): string[] {
  const found: string[] = [];
  for (const file of files) {
    const bindings = index.bindings(file);
    for (const binding of bindings.named.get(name) ?? NOTHING) {
      if (binding.symbol === undefined) found.push(...binding.files);
      else if (depth < REEXPORT_DEPTH) found.push(...lookupNamespace(index, binding.files, binding.symbol, depth + 1));
    }
    if (found.length === 0 && depth < REEXPORT_DEPTH && bindings.wildcard.length > 0) found.push(...lookupNamespace(index, bindings.wildcard, name, depth + 1));
  }
  return found;
}

/** Definitions of `name` in `files` (but `except`), following re-exports (`export … from`, `from x import *`, includes). */
export function lookup(index: RepoIndex, files: readonly string[], name: string, confidence: number, depth: number, except?: string): ResolvedDefinition[] {
  const found: ResolvedDefinition[] = [];
  for (const file of files) {
    if (file === except) continue;
    const before = found.length;
    const outline = index.outline(file);
    for (const definition of outline?.definitions ?? NOTHING) {
      if (definition.name !== name || NOT_TOP_LEVEL.has(definition.kind)) continue;
      if (MODULE_SCOPED.has(outline!.language) && isNested(outline!.definitions, definition)) continue;
      found.push({ path: file, definition, confidence });
    }
    if (found.length > before) continue;
    if (depth >= REEXPORT_DEPTH) continue;
    const bindings = index.bindings(file);
    for (const binding of bindings.named.get(name) ?? NOTHING) if (binding.symbol !== undefined) found.push(...lookup(index, binding.files, binding.symbol, confidence, depth + 1));
    if (found.length === 0 && bindings.wildcard.length > 0) found.push(...lookup(index, bindings.wildcard, name, confidence, depth + 1));
  }
  return found;
}

/** Whether a definition lies inside another one (a namespace or module declaration aside). */
function isNested(definitions: readonly SyntaxDefinition[], inner: SyntaxDefinition): boolean {
  return definitions.some((outer) => outer !== inner && outer.kind !== "module" && outer.startLine <= inner.startLine && inner.endLine <= outer.endLine && outer.endLine - outer.startLine > inner.endLine - inner.startLine);
}
