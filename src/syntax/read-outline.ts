import type { Node, Query, QueryCapture, Tree } from "web-tree-sitter";
import type { DefinitionKind, FileOutline, ImportedName, ReferenceKind, SyntaxDefinition, SyntaxImport, SyntaxReference } from "../core/context/types.js";

// Capture names the query files use (tags-style):
//   @definition.<kind> on the definition node, with @name on its name;
//   @reference.<kind> on a used name, with an optional @reference.qualifier on its receiver/scope;
//   @import on the statement, with @import.source, @import.name, @import.alias, @import.default,
//     and the markers @import.wildcard, @import.relative, @import.mod;
//   @package on the package/namespace name. Captures starting with "_" only feed predicates.

const REFERENCE_RANK: Record<ReferenceKind, number> = { call: 0, type: 1, member: 2, identifier: 3 };
const SIMPLE_QUALIFIER = /^[\w$@:.\\]{1,80}$/;

/** Reads definitions, references, imports and the package of one parsed file through its query. */
export function readOutline(language: string, tree: Tree, query: Query): FileOutline {
  const definitions = new Map<string, SyntaxDefinition & { pattern: number }>();
  const references = new Map<number, SyntaxReference>();
  const imports = new Map<string, SyntaxImport>();
  let packageName: string | undefined;

  for (const match of query.matches(tree.rootNode)) {
    const byName = new Map<string, QueryCapture>();
    for (const capture of match.captures) if (!byName.has(capture.name)) byName.set(capture.name, capture);
    const first = match.captures.find((capture) => !capture.name.startsWith("_"));
    if (!first) continue;
    if (first.name === "package" || byName.has("package")) {
      packageName ??= byName.get("package")!.node.text;
      continue;
    }
    const definition = match.captures.find((capture) => capture.name.startsWith("definition."));
    if (definition) {
      addDefinition(definitions, definition, byName.get("name")?.node, match.patternIndex);
      continue;
    }
    const reference = match.captures.find((capture) => capture.name.startsWith("reference.") && capture.name !== "reference.qualifier");
    if (reference) {
      addReference(references, reference, byName.get("reference.qualifier")?.node);
      continue;
    }
    if (byName.has("import")) addImport(imports, byName, match.captures);
  }

  const outline: FileOutline = {
    language,
    definitions: [...definitions.values()].map(({ pattern: _pattern, ...definition }) => definition).sort((a, b) => a.startLine - b.startLine || b.endLine - a.endLine),
    references: [...references.values()].sort((a, b) => a.line - b.line),
    imports: [...imports.values()].sort((a, b) => a.line - b.line),
  };
  if (packageName !== undefined) outline.packageName = packageName;
  return outline;
}

function startLine(node: Node): number {
  return node.startPosition.row + 1;
}

// A node that ends at column 0 ends with the newline of the line before.
function endLine(node: Node): number {
  const { row, column } = node.endPosition;
  return column === 0 && row > node.startPosition.row ? row : row + 1;
}

function addDefinition(into: Map<string, SyntaxDefinition & { pattern: number }>, capture: QueryCapture, nameNode: Node | undefined, pattern: number): void {
  if (!nameNode) return;
  // Quotes of test names, the colon of a Ruby symbol (`attr_reader :title`).
  const name = nameNode.text.replace(/^["'`:]|["'`]$/g, "").slice(0, 100);
  if (name === "") return;
  // One name node, one definition (a Python method is also a function_definition).
  const key = `${nameNode.startIndex}`;
  const existing = into.get(key);
  // Patterns are ordered most specific first (a method before a plain function).
  if (existing && existing.pattern <= pattern) return;
  const kind = capture.name.slice("definition.".length) as DefinitionKind;
  into.set(key, { name, kind, startLine: startLine(capture.node), endLine: endLine(capture.node), nameLine: startLine(nameNode), pattern });
}

function addReference(into: Map<number, SyntaxReference>, capture: QueryCapture, qualifierNode: Node | undefined): void {
  const kind = capture.name.slice("reference.".length) as ReferenceKind;
  const qualifier = qualifierNode && SIMPLE_QUALIFIER.test(qualifierNode.text) ? qualifierNode.text : undefined;
  const existing = into.get(capture.node.startIndex);
  if (existing) {
    if (REFERENCE_RANK[kind] < REFERENCE_RANK[existing.kind]) existing.kind = kind;
    if (existing.qualifier === undefined && qualifier !== undefined) existing.qualifier = qualifier;
    return;
  }
  const reference: SyntaxReference = { name: capture.node.text, line: startLine(capture.node), kind };
  if (qualifier !== undefined) reference.qualifier = qualifier;
  into.set(capture.node.startIndex, reference);
}

function addImport(into: Map<string, SyntaxImport>, byName: Map<string, QueryCapture>, captures: QueryCapture[]): void {
  const statement = byName.get("import")!.node;
  const source = byName.get("import.source")?.node.text;
  if (source === undefined) return;
  const key = `${statement.startIndex}:${source}`;
  let entry = into.get(key);
  if (!entry) {
    entry = { source, names: [], wildcard: false, relative: false, declaresModule: false, line: startLine(statement) };
    into.set(key, entry);
  }
  const name = byName.get("import.name")?.node.text;
  const alias = byName.get("import.alias")?.node.text;
  const defaultName = byName.get("import.default")?.node.text;
  if (name !== undefined) addName(entry.names, alias === undefined || alias === name ? { name } : { name, alias });
  else if (alias !== undefined) entry.alias = alias;
  if (defaultName !== undefined) addName(entry.names, { name: "default", alias: defaultName });
  if (captures.some((capture) => capture.name === "import.wildcard")) entry.wildcard = true;
  if (captures.some((capture) => capture.name === "import.relative")) entry.relative = true;
  if (captures.some((capture) => capture.name === "import.mod")) entry.declaresModule = true;
}

function addName(names: ImportedName[], name: ImportedName): void {
  if (!names.some((existing) => existing.name === name.name && existing.alias === name.alias)) names.push(name);
}
