import type { FileOutline, SyntaxImport } from "../types.js";

/**
 * Whether a member's receiver (its first dotted part) is the local name of an import that the
 * repository does not resolve: `http.HandlerFunc`, `os.path.join` name a package from outside,
 * never a same-named definition of the repository. `importedName` gives an import's module name
 * as the language names it when it has neither an alias nor names.
 */
export function isOutsideImport(outline: FileOutline, qualifier: string, resolved: ReadonlyMap<string, unknown>, importedName: (entry: SyntaxImport) => string): boolean {
  const head = qualifier.split(".")[0]!;
  // Python binds `import a.b` as `a.b`.
  for (const local of resolved.keys()) if (local === head || qualifier === local || qualifier.startsWith(`${local}.`) || local.startsWith(`${head}.`)) return false;
  return outline.imports.some((entry) => (entry.names.length > 0 ? entry.names.some((name) => (name.alias ?? name.name) === head) : (entry.alias ?? importedName(entry)) === head));
}
