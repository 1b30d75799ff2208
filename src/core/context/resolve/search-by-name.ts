import type { RepoIndex } from "../create-repo-index.js";
import { canReference } from "../detect-language.js";
import { isTestPath } from "../is-test-path.js";
import type { ResolvedDefinition } from "../resolve-reference.js";
import { GUESSED, type DefinitionKind, type SyntaxReference } from "../types.js";
import { NOTHING, REEXPORT_DEPTH } from "./lookup-module-names.js";

// Definitions found by name alone, where nothing in the code says which one is meant.

// JavaScript/TypeScript: a member's receiver is typed from the code (`this`, a declared type, a
// call chain); when it cannot be, a same-named member is taken only as a guess (see `searchMember`).
export const ECMA = new Set(["typescript", "tsx", "javascript"]);
export const CLASS_MEMBERS = new Set<DefinitionKind>(["property", "method", "declaration"]);

// Members of the standard library's strings, arrays, maps, promises and dicts: on an unknown
// receiver they are almost always those, never worth a search of the repository by name.
const BUILT_IN_MEMBERS = new Set([
  ...["length", "push", "slice", "splice", "indexOf", "lastIndexOf", "includes", "filter", "forEach", "reduce", "some", "every", "find", "findIndex", "join", "split", "trim", "replace", "replaceAll"],
  ...["size", "keys", "values", "entries", "delete", "clear", "then", "catch", "finally", "toString", "concat", "sort", "reverse", "startsWith", "endsWith", "match", "test", "exec"],
  ...["apply", "call", "bind", "flat", "flatMap", "padStart", "padEnd", "toLowerCase", "toUpperCase", "charAt", "charCodeAt", "substring", "shift", "unshift", "fill", "from"],
  ...["append", "extend", "items", "update", "strip", "lower", "upper", "format", "encode", "decode", "close", "read", "write"],
]);
const MEMBER_KINDS = new Set<DefinitionKind>(["method", "property", "function", "declaration", "constant", "class", "enum", "interface", "type"]);

/**
 * A member of an unknown receiver: this file, the files it imports, its package, then (for
 * distinctive names) the repository. In JavaScript/TypeScript, only a name defined once there, as a guess.
 */
export function searchMember(index: RepoIndex, path: string, reference: SyntaxReference, searchRepository = true): ResolvedDefinition[] {
  const bindings = index.bindings(path);
  const found: ResolvedDefinition[] = [];
  // In JavaScript/TypeScript a member is a class member or an object's method, never a module's `const` or `require` binding.
  const ecma = ECMA.has(index.outline(path, true)?.language ?? "");
  const kinds = ecma ? CLASS_MEMBERS : MEMBER_KINDS;
  index.forEachNearFile(path, (file) => {
    for (const definition of index.outline(file)?.definitions ?? NOTHING) {
      if (definition.name === reference.name && kinds.has(definition.kind) && !(file === path && definition.nameLine === reference.line)) found.push({ path: file, definition, confidence: 1 });
    }
  });
  if (ecma) {
    // Else through what the imported modules import and re-export (`export * from`): where a package's types are declared.
    const guesses = found.length > 0 ? found : membersReexported(index, path, reference.name);
    // Two same-named members are two guesses, one of them wrong: none is shown.
    return guesses.length === 1 ? [{ ...guesses[0]!, confidence: GUESSED }] : [];
  }
  if (found.length > 0 || !searchRepository || reference.name.length < 4 || reference.kind === "identifier" || BUILT_IN_MEMBERS.has(reference.name)) return found;
  return searchByName(index, path, reference.name, bindings.namespaces, new Set(["test"]));
}

function membersReexported(index: RepoIndex, path: string, name: string): ResolvedDefinition[] {
  const found: ResolvedDefinition[] = [];
  const seen = new Set<string>([path]);
  let frontier = [...index.bindings(path).importedFiles];
  for (let depth = 0; depth <= REEXPORT_DEPTH && frontier.length > 0 && found.length === 0; depth += 1) {
    const next: string[] = [];
    for (const file of frontier) {
      if (seen.has(file)) continue;
      seen.add(file);
      for (const definition of index.outline(file)?.definitions ?? NOTHING) if (definition.name === name && CLASS_MEMBERS.has(definition.kind)) found.push({ path: file, definition, confidence: 2 });
      // What the imported module itself imports (the types its exports are declared with), then barrels only.
      next.push(...(depth === 0 ? index.bindings(file).importedFiles : index.bindings(file).wildcard));
    }
    frontier = next;
  }
  return found;
}

/** Calls, types and CONSTANT-like names are worth a repository search; plain identifiers are mostly locals. */
export function isSearchable(reference: SyntaxReference): boolean {
  return reference.kind === "call" || reference.kind === "type" || /^[A-Z][A-Za-z0-9_]*$/.test(reference.name);
}

/**
 * Definitions of `name` in files that mention it: files named after it first, then nearest.
 * Files in a namespace the file uses count as resolved through it.
 */
export function searchByName(index: RepoIndex, path: string, name: string, namespaces: readonly string[], excluded: ReadonlySet<DefinitionKind>): ResolvedDefinition[] {
  const found: ResolvedDefinition[] = [];
  const definingFiles = new Set<string>();
  let searched = 0;
  for (const file of index.mentioningNear(name, path, true)) {
    // Code outside the tests never calls into them, nor names another language's definitions.
    if (file === path || !canReference(path, file) || (isTestPath(file) && !isTestPath(path))) continue;
    if (searched++ === index.limits.maxFilesPerName) break;
    const outline = index.outline(file);
    const definitions = outline?.definitions.filter((d) => d.name === name && !excluded.has(d.kind)) ?? [];
    if (definitions.length === 0) continue;
    const confidence = outline?.packageName !== undefined && namespaces.includes(outline.packageName) ? 1 : 2;
    found.push(...definitions.map((definition) => ({ path: file, definition, confidence })));
    definingFiles.add(file);
    if (definingFiles.size >= 2) break;
  }
  return found;
}
