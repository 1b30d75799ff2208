import type { Node, Query, QueryCapture, Tree } from "web-tree-sitter";
import { EXPRESSION_RECEIVER, type DefinitionKind, type FileOutline, type ImportedName, type ReferenceKind, type SyntaxDefinition, type SyntaxImport, type SyntaxReference } from "../core/context/types.js";

// Capture names the query files use (tags-style):
//   @definition.<kind> on the definition node, with @name on its name;
//   @reference.<kind> on a used name, with an optional @reference.qualifier on its receiver/scope;
//   @import on the statement, with @import.source, @import.name, @import.alias, @import.default,
//     and the markers @import.wildcard, @import.relative, @import.mod; a match without a source
//     adds its names to the statement's import, and @import.names marks an import that exists
//     only with names;
//   @package on the package/namespace name. Captures starting with "_" only feed predicates.

const REFERENCE_RANK: Record<ReferenceKind, number> = { call: 0, type: 1, member: 2, identifier: 3 };
const SIMPLE_QUALIFIER = /^[\w$@:.\\]{1,80}$/;
// JavaScript/TypeScript receivers that are expressions: a call chain kept as its text without
// arguments (`s.string().url()`), so the core can type it call by call; any other expression as a
// marker, so the member is resolved as a member, not as a bare name.
const EXPRESSION_RECEIVER_LANGUAGES = new Set(["typescript", "tsx", "javascript"]);
const MAX_CHAIN_STEPS = 8;

/** Returns one shared copy of equal strings (each syntax service has its own, see `createTreeSitterSyntax`). */
export type Intern = (text: string) => string;

/**
 * Reads definitions, references, imports and the package of one parsed file through its query.
 * Names and kinds go through `intern`, so the outlines of one selection share their strings.
 */
export function readOutline(language: string, tree: Tree, query: Query, intern: Intern = (text) => text): FileOutline {
  const definitions = new Map<string, SyntaxDefinition & { pattern: number }>();
  const references = new Map<number, SyntaxReference>();
  const imports: Imports = { bySource: new Map(), namesOf: new Map(), needNames: new Set(), lineOf: new Map() };
  let packageName: string | undefined;

  for (const match of query.matches(tree.rootNode)) {
    const { captures } = match;
    const first = captures.find((capture) => !capture.name.startsWith("_"));
    if (!first) continue;
    const packageCapture = captured(captures, "package");
    if (packageCapture) {
      packageName ??= intern(packageCapture.node.text);
      continue;
    }
    const definition = captures.find((capture) => capture.name.startsWith("definition."));
    if (definition) {
      addDefinition(definitions, definition, captured(captures, "name")?.node, match.patternIndex, intern);
      continue;
    }
    const reference = captures.find((capture) => capture.name.startsWith("reference.") && capture.name !== "reference.qualifier");
    if (reference) {
      addReference(references, reference, captured(captures, "reference.qualifier")?.node, intern, EXPRESSION_RECEIVER_LANGUAGES.has(language));
      continue;
    }
    if (captured(captures, "import")) addImport(imports, captures);
  }

  const outline: FileOutline = {
    language,
    definitions: [...definitions.values()].map(({ pattern: _pattern, ...definition }) => definition).sort((a, b) => a.startLine - b.startLine || b.endLine - a.endLine),
    references: [...references.values()].sort((a, b) => a.line - b.line),
    imports: listImports(imports),
  };
  if (packageName !== undefined) outline.packageName = packageName;
  return outline;
}

// The first capture of that name (a match has a handful: a lookup table per match would cost more than it saves).
function captured(captures: readonly QueryCapture[], name: string): QueryCapture | undefined {
  for (const capture of captures) if (capture.name === name) return capture;
  return undefined;
}

function startLine(node: Node): number {
  return node.startPosition.row + 1;
}

// A node that ends at column 0 ends with the newline of the line before.
function endLine(node: Node): number {
  const { row, column } = node.endPosition;
  return column === 0 && row > node.startPosition.row ? row : row + 1;
}

function addDefinition(into: Map<string, SyntaxDefinition & { pattern: number }>, capture: QueryCapture, nameNode: Node | undefined, pattern: number, intern: Intern): void {
  if (!nameNode) return;
  // Quotes of test names, the colon of a Ruby symbol (`attr_reader :title`).
  const name = intern(nameNode.text.replace(/^["'`:]|["'`]$/g, "").slice(0, 100));
  if (name === "") return;
  // One name node, one definition (a Python method is also a function_definition).
  const key = `${nameNode.startIndex}`;
  const existing = into.get(key);
  // Patterns are ordered most specific first (a method before a plain function).
  if (existing && existing.pattern <= pattern) return;
  const kind = intern(capture.name.slice("definition.".length)) as DefinitionKind;
  into.set(key, { name, kind, startLine: startLine(capture.node), endLine: endLine(capture.node), nameLine: startLine(nameNode), pattern });
}

function addReference(into: Map<number, SyntaxReference>, capture: QueryCapture, qualifierNode: Node | undefined, intern: Intern, keepExpressions: boolean): void {
  const captured = capture.name.slice("reference.".length);
  if (captured === "shorthand") {
    // The key under a key of its own (the node's start is the variable's).
    const { node } = capture;
    into.set(-1 - node.startIndex, { name: intern(node.text), line: startLine(node), kind: "member" });
    addReference(into, { ...capture, name: "reference.identifier" }, undefined, intern, keepExpressions);
    return;
  }
  const kind = intern(captured) as ReferenceKind;
  const qualifierText = qualifierNode?.text;
  const simple = qualifierText !== undefined && SIMPLE_QUALIFIER.test(qualifierText);
  const qualifier = simple ? intern(qualifierText) : qualifierText !== undefined && keepExpressions ? intern(readCallChain(qualifierNode!, 0) ?? EXPRESSION_RECEIVER) : undefined;
  const existing = into.get(capture.node.startIndex);
  if (existing) {
    if (REFERENCE_RANK[kind] < REFERENCE_RANK[existing.kind]) existing.kind = kind;
    if (existing.qualifier === undefined && qualifier !== undefined) existing.qualifier = qualifier;
    return;
  }
  const name = intern(capture.node.text);
  const line = startLine(capture.node);
  // Whole literals: a property added afterwards would cost each reference a property store of its own.
  into.set(capture.node.startIndex, qualifier === undefined ? { name, line, kind } : { name, line, kind, qualifier });
}

/**
 * A receiver made of names, members, calls and non-null assertions (`z.string().url()`,
 * `this.client.get()`, `make().x`, `result.error!`),
 * as its text without arguments or type arguments; undefined for anything else (an index, `await`,
 * a call of a call's result).
 */
function readCallChain(node: Node, steps: number): string | undefined {
  if (steps > MAX_CHAIN_STEPS) return undefined;
  if (node.type === "identifier" || node.type === "this") return node.text;
  // `server!.requests`: the same value.
  if (node.type === "non_null_expression") return node.firstNamedChild ? readCallChain(node.firstNamedChild, steps + 1) : undefined;
  if (node.type === "member_expression") {
    const object = node.childForFieldName("object");
    const property = node.childForFieldName("property");
    const head = object && property?.type === "property_identifier" ? readCallChain(object, steps + 1) : undefined;
    return head === undefined ? undefined : `${head}.${property!.text}`;
  }
  if (node.type === "call_expression") {
    const callee = node.childForFieldName("function");
    const head = callee && callee.type !== "call_expression" ? readCallChain(callee, steps + 1) : undefined;
    return head === undefined ? undefined : `${head}()`;
  }
  return undefined;
}

interface Imports {
  /** By statement start and source; each with its statement's start. */
  bySource: Map<string, { statement: number; entry: SyntaxImport }>;
  /** Names from matches without a source, by statement start. */
  namesOf: Map<number, ImportedName[]>;
  /** Imports (by key) that exist only when their statement lists names. */
  needNames: Set<string>;
  /** Line of each statement whose names came without a source. */
  lineOf: Map<number, number>;
}

function addImport(into: Imports, captures: readonly QueryCapture[]): void {
  const statement = captured(captures, "import")!.node;
  const source = captured(captures, "import.source")?.node.text;
  const name = captured(captures, "import.name")?.node.text;
  const alias = captured(captures, "import.alias")?.node.text;
  if (source === undefined) {
    if (name === undefined) return;
    let names = into.namesOf.get(statement.startIndex);
    if (!names) into.namesOf.set(statement.startIndex, (names = []));
    into.lineOf.set(statement.startIndex, startLine(statement));
    addName(names, alias === undefined || alias === name ? { name } : { name, alias });
    return;
  }
  const key = `${statement.startIndex}:${source}`;
  let entry = into.bySource.get(key)?.entry;
  if (!entry) {
    entry = { source, names: [], wildcard: false, relative: false, declaresModule: false, line: startLine(statement) };
    into.bySource.set(key, { statement: statement.startIndex, entry });
    if (captured(captures, "import.names")) into.needNames.add(key);
  } else into.needNames.delete(key);
  const defaultName = captured(captures, "import.default")?.node.text;
  if (name !== undefined) addName(entry.names, alias === undefined || alias === name ? { name } : { name, alias });
  else if (alias !== undefined) entry.alias = alias;
  if (defaultName !== undefined) addName(entry.names, { name: "default", alias: defaultName });
  if (captures.some((capture) => capture.name === "import.wildcard")) entry.wildcard = true;
  if (captures.some((capture) => capture.name === "import.relative")) entry.relative = true;
  if (captures.some((capture) => capture.name === "import.mod")) entry.declaresModule = true;
}

// Each statement's listed names join its import; one that exists only with names and has none is left out.
function listImports(imports: Imports): SyntaxImport[] {
  const list: SyntaxImport[] = [];
  for (const [key, { statement, entry }] of imports.bySource) {
    const names = imports.namesOf.get(statement) ?? [];
    if (names.length === 0 && imports.needNames.has(key)) continue;
    if (names.length > 0) entry.names = [...names, ...entry.names.filter((name) => !names.some((other) => other.name === name.name && other.alias === name.alias))];
    list.push(entry);
  }
  // `export { _enum as enum }` without a source: the file's own names under other names.
  const withSource = new Set([...imports.bySource.values()].map(({ statement }) => statement));
  for (const [statement, names] of imports.namesOf) {
    const renamed = names.filter((name) => name.alias !== undefined);
    if (!withSource.has(statement) && renamed.length > 0) list.push({ source: "", names: renamed, wildcard: false, relative: false, declaresModule: false, line: imports.lineOf.get(statement)! });
  }
  return list.sort((a, b) => a.line - b.line);
}

function addName(names: ImportedName[], name: ImportedName): void {
  if (!names.some((existing) => existing.name === name.name && existing.alias === name.alias)) names.push(name);
}
