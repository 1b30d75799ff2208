import type { RepoIndex } from "../create-repo-index.js";
import type { ResolvedDefinition } from "../resolve-reference.js";
import type { FileOutline, SyntaxDefinition, SyntaxReference } from "../types.js";
import { findOuterFunctionStart } from "./find-outer-function-start.js";
import { isOutsideImport } from "./is-outside-import.js";
import { goPackageName } from "./resolve-go-package.js";
import type { ResolveType } from "./resolve-python-member.js";

const IDENTIFIER = /^[A-Za-z_]\w*$/;
const TYPE_KINDS = new Set(["class", "interface", "type"]);
const EMBED_DEPTH = 3;

/**
 * A Go member through its receiver's type, the way Go's method sets work: `r.x` where `r` is the
 * method's receiver (`func (r *Router)`), a parameter or a `var` (`r Routes`), or a composite
 * literal (`r := &Router{`): a field or interface method inside the type, a method declared with
 * that receiver type in the type's package, else one of the types it embeds. Nothing for a package
 * from outside the repository (`http.HandlerFunc`). Undefined when the receiver's type is not
 * known or has no such member: the caller then resolves as before.
 */
export function resolveGoMember(index: RepoIndex, path: string, outline: FileOutline, reference: SyntaxReference, resolveType: ResolveType): ResolvedDefinition[] | undefined {
  const qualifier = reference.qualifier!;
  if (!IDENTIFIER.test(qualifier)) return undefined;
  if (isOutsideImport(outline, qualifier, index.bindings(path).named, (entry) => goPackageName(entry.source))) return [];
  const lines = index.lines(path) ?? [];
  const declared = findGoDeclaredType(lines, outline, qualifier, reference.line);
  if (declared === undefined) return undefined;
  // `for _, tc := range tests` over `tests := []struct{ name string … }{…}`: the table's own field, or nothing.
  if ("table" in declared) return findTableField(path, lines, outline, declared, reference.name);
  let owners = resolveType(path, declared.name, reference.line);
  // `r := NewRouter()`: the type the function returns, named in its signature.
  if (declared.call) owners = owners.filter((owner) => owner.definition.kind === "function").flatMap((owner) => resolveReturnedType(index, owner, resolveType));
  const found = owners.filter((owner) => TYPE_KINDS.has(owner.definition.kind)).flatMap((owner) => membersOfGoType(index, owner, reference.name, resolveType, 0));
  return found.length > 0 ? found : undefined;
}

function resolveReturnedType(index: RepoIndex, owner: ResolvedDefinition, resolveType: ResolveType): ResolvedDefinition[] {
  const header = index.lines(owner.path)?.[owner.definition.nameLine - 1] ?? "";
  const returned = /\)\s*\*?([A-Za-z_]\w*)\s*\{\s*$/.exec(header)?.[1];
  return returned === undefined ? [] : resolveType(owner.path, returned, owner.definition.nameLine);
}

function membersOfGoType(index: RepoIndex, owner: ResolvedDefinition, name: string, resolveType: ResolveType, depth: number): ResolvedDefinition[] {
  const { path, definition: type } = owner;
  const inside = (index.outline(path)?.definitions ?? []).filter((d) => d.name === name && d !== type && d.startLine >= type.startLine && d.endLine <= type.endLine);
  if (inside.length > 0) return inside.map((definition) => ({ path, definition, confidence: owner.confidence }));
  // Methods are declared anywhere in the package, each naming its receiver's type.
  const receiver = new RegExp(`^\\s*func\\s*\\(\\s*(?:\\w+\\s+)?\\*?${type.name}\\b`);
  const packageFiles = [path, ...index.bindings(path).scope.filter((file) => file !== path)];
  const methods = packageFiles.flatMap((file) =>
    (index.outline(file)?.definitions ?? [])
      .filter((d) => d.kind === "method" && d.name === name && receiver.test(index.lines(file)?.[d.nameLine - 1] ?? ""))
      .map((definition) => ({ path: file, definition, confidence: owner.confidence })),
  );
  if (methods.length > 0 || depth >= EMBED_DEPTH) return methods;
  return readEmbeddedTypes(index.lines(path) ?? [], type).flatMap((embedded) =>
    resolveType(path, embedded, type.startLine)
      .filter((found) => TYPE_KINDS.has(found.definition.kind) && found.definition !== type)
      .flatMap((found) => membersOfGoType(index, found, name, resolveType, depth + 1)),
  );
}

/** The types a struct or interface embeds: a body line that is only a (pointer to a) type name. */
function readEmbeddedTypes(lines: readonly string[], type: SyntaxDefinition): string[] {
  return lines
    .slice(type.startLine, type.endLine - 1)
    .map((line) => /^\s*\*?(\w+)\s*(?:`[^`]*`\s*)?(?:\/\/.*)?$/.exec(line)?.[1])
    .filter((name): name is string => name !== undefined);
}

/**
 * The type named where `qualifier` is declared, nearest above the use in its function: the
 * method's receiver, a parameter or `var` (`r *Router`, `r Routes`), `r := &Router{`, or the
 * function it is the result of (`r := NewRouter()`, `call`), or the slice a `range` loop walks
 * (`tc := range tests`). Only types of the same package; a declaration of another form (`pkg.T`,
 * an expression) ends the search with nothing.
 */
function findGoDeclaredType(lines: readonly string[], outline: FileOutline, qualifier: string, line: number): { name: string; call: boolean } | RangeOverTable | undefined {
  const start = findOuterFunctionStart(outline, line);
  if (start === undefined) return undefined;
  const ranged = new RegExp(`(?:^|[\\s,])${qualifier}\\s*:?=\\s*range\\s+([A-Za-z_]\\w*)\\s*\\{?\\s*$`);
  const typed = new RegExp(`(?:^|[(,]|\\bvar)\\s*${qualifier}\\s+\\*?([\\w.]+)`);
  const assigned = new RegExp(`(?:^|[^\\w.])${qualifier}\\s*(?:,\\s*\\w+\\s*)?:?=\\s*&?([\\w.]+)\\s*([{(])?`);
  // The use's own line is left out: `r.Route("/", func(r Router) {` declares a new `r` after the use.
  // `closed`: blocks closed between a line and the use; a declaration inside one is out of scope.
  let closed = 0;
  for (let at = line - 1; at >= start; at -= 1) {
    const text = lines[at - 1] ?? "";
    const inClosedBlock = closed >= 1;
    closed += countOf(text, "}") - countOf(text, "{");
    if (inClosedBlock) continue;
    const table = ranged.exec(text);
    if (table) return { table: table[1]!, line: at, start };
    const parameter = typed.exec(text);
    if (parameter) return IDENTIFIER.test(parameter[1]!) ? { name: parameter[1]!, call: false } : undefined;
    const assignment = assigned.exec(text);
    if (!assignment) continue;
    return IDENTIFIER.test(assignment[1]!) && assignment[2] !== undefined ? { name: assignment[1]!, call: assignment[2] === "(" } : undefined;
  }
  return undefined;
}

/** A loop variable over a slice declared in the same function: its name, the loop's line, the function's first line. */
interface RangeOverTable {
  table: string;
  line: number;
  start: number;
}

/**
 * The field `name` of the anonymous struct a test table is a slice of (`tests := []struct {`),
 * declared above the loop; undefined when the slice is not declared that way in the function.
 */
function findTableField(path: string, lines: readonly string[], outline: FileOutline, range: RangeOverTable, name: string): ResolvedDefinition[] | undefined {
  const declaration = new RegExp(`(?:^|[^\\w.])${range.table}\\s*:?=\\s*\\[\\]struct\\s*\\{`);
  for (let at = range.line - 1; at >= range.start; at -= 1) {
    if (!declaration.test(lines[at - 1] ?? "")) continue;
    // The struct type ends at the first line that closes it (`}{` or `}`), before the table's values.
    let end = at + 1;
    while (end < range.line && !/^\s*\}/.test(lines[end - 1] ?? "")) end += 1;
    return outline.definitions.filter((d) => d.name === name && d.startLine > at && d.startLine < end).map((definition) => ({ path, definition, confidence: 0 }));
  }
  return undefined;
}

function countOf(text: string, character: string): number {
  let count = 0;
  for (const each of text) if (each === character) count += 1;
  return count;
}
