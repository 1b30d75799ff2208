import type { RepoIndex } from "./create-repo-index.js";
import { findReceiverType, readDeclaredValue, type Receiver } from "./resolve/find-receiver-type.js";
import { lookup, lookupNamespace, NOT_TOP_LEVEL, NOTHING, resolveNamespacePath } from "./resolve/lookup-module-names.js";
import { readBaseNames } from "./resolve/read-base-names.js";
import { findObjectKeyOwner, type ObjectKeyOwner } from "./resolve/find-object-key-owner.js";
import { findChainOwners, uniqueDefinitions, type ChainLookups } from "./resolve/resolve-call-chain.js";
import { readParameterType, readReturnedCall, readReturnType } from "./resolve/read-signature-types.js";
import { resolveGoMember } from "./resolve/resolve-go-member.js";
import { resolvePythonMember } from "./resolve/resolve-python-member.js";
import { CLASS_MEMBERS, ECMA, isSearchable, searchByName, searchMember } from "./resolve/search-by-name.js";
import type { DefinitionKind, FileOutline, SyntaxDefinition, SyntaxReference } from "./types.js";

/** A definition a reference resolves to, with how sure the resolution is (0 best). */
export interface ResolvedDefinition {
  path: string;
  definition: SyntaxDefinition;
  confidence: number;
}

const SELF_QUALIFIERS = new Set(["this", "self", "Self", "$this", "super", "cls", "static", "parent"]);
// Where names are global (no import names them), unresolved calls and types are searched for by name.
const SEARCH_BY_NAME = new Set(["c", "cpp", "ruby", "php", "csharp", "text"]);
// A C++ method defined out of its class uses the class's fields bare; the class is in an included header.
// (In Java and C# the fields are in the same file, found as local definitions.)
const IMPLICIT_THIS = new Set(["cpp"]);
// An interface's call signature: `(url: Input): R;`, `<T>(url: Input): R;`.
const CALL_SIGNATURE = /^\s*(?:<[^>]*>\s*)?\(/;
const FUNCTION_KINDS = new Set<DefinitionKind>(["method", "function"]);
const OBJECT_MEMBERS = new Set<DefinitionKind>(["property", "method"]);
const MAX_DEFINITIONS = 3;
const MEMBER_RESOLVERS: Partial<Record<string, typeof resolvePythonMember>> = { python: resolvePythonMember, go: resolveGoMember };
const BASE_DEPTH = 3;
// Where a name declared inside a function (or a class body) is not visible outside it.
const LEXICAL_SCOPES = new Set(["typescript", "tsx", "javascript", "python", "go"]);
// What a type names: a class, an interface, a type alias (not a same-named `const`, as zod pairs them).
const TYPE_KINDS = new Set<DefinitionKind>(["class", "interface", "type", "enum"]);

/** The definitions in the repository a reference in `path` most likely means, best first. */
export function resolveReference(index: RepoIndex, path: string, reference: SyntaxReference): ResolvedDefinition[] {
  const found = resolve(index, path, reference, 0);
  // `ky(url)` where `ky` is a value of a callable type: the call signature says what the call takes.
  // `new Timeout(…)`: the constructor says what it takes, beside the class (shown by its header when the budget is tight).
  if (reference.kind === "call" && reference.qualifier === undefined && ECMA.has(index.outline(path, true)?.language ?? "")) {
    found.unshift(...found.flatMap((value) => (value.definition.kind === "class" ? membersInside(index, value, "constructor", BASE_DEPTH) : callSignaturesOfValue(index, value))));
  }
  return uniqueDefinitions(found)
    // A constructor named like its class is part of the class found with it (a copy of the same range is not).
    .filter(({ path: file, definition }) => !found.some((other) => other.path === file && other.definition.name === definition.name && other.definition.startLine <= definition.startLine && definition.endLine <= other.definition.endLine && other.definition.endLine - other.definition.startLine > definition.endLine - definition.startLine))
    .sort((a, b) => a.confidence - b.confidence || Number(a.definition.kind === "declaration") - Number(b.definition.kind === "declaration"))
    .slice(0, MAX_DEFINITIONS);
}

function resolve(index: RepoIndex, path: string, reference: SyntaxReference, depth: number): ResolvedDefinition[] {
  const outline = index.outline(path, true);
  if (!outline) return [];
  const { name, qualifier } = reference;
  const self = qualifier !== undefined && (SELF_QUALIFIERS.has(qualifier) || qualifier.startsWith("@"));
  // `z.string().url()`, `deps.log.info()`: the chain typed step by step; when a step cannot be typed, as below.
  if (ECMA.has(outline.language) && (qualifier?.includes("(") || qualifier?.includes(".")) && reference.kind !== "type") {
    const members = findChainOwners(index, chainLookups(index), path, qualifier, reference.line, depth).flatMap((owner) => membersInside(index, owner, name, depth));
    if (members.length > 0) return members;
  }
  if (ECMA.has(outline.language) && qualifier !== undefined && reference.kind !== "type") {
    const members = resolveEcmaMember(index, path, outline, reference, depth);
    if (members !== undefined) return members;
  }
  // Python and Go: a member through its receiver's class or type when the code names it, else as before.
  const resolveMember = MEMBER_RESOLVERS[outline.language];
  if (resolveMember && qualifier !== undefined && !index.bindings(path).named.has(qualifier)) {
    const members = resolveMember(index, path, outline, reference, (from, type, line) => resolve(index, from, { name: type, line, kind: "type" }, depth + 1));
    if (members !== undefined) return members;
  }
  if (qualifier !== undefined && !self) return resolveQualified(index, path, reference, depth);

  // An object key or destructured name without a receiver. JavaScript/TypeScript: a member of the
  // type it is passed as, declared as or taken from, else none (a key of an object nothing types, a
  // logger's fields, is no one's member). Elsewhere: a member of a type from this file or its imports.
  if (reference.kind === "member" && qualifier === undefined) {
    if (!ECMA.has(outline.language)) return searchMember(index, path, reference, false);
    const owner = findObjectKeyOwner(index.lines(path) ?? [], reference.line, name);
    return owner === undefined ? [] : resolveObjectKey(index, path, owner, reference, depth);
  }
  // A bare JavaScript/TypeScript name is never a member (an object literal's method, `res.x = function`);
  // a bare name is never another function's local or parameter (another test's `const fetch`, `app`).
  const bareEcma = ECMA.has(outline.language) && qualifier === undefined;
  const scoped = qualifier === undefined && LEXICAL_SCOPES.has(outline.language);
  const local = outline.definitions.filter((d) => d.name === name && d.kind !== "test" && d.nameLine !== reference.line && !(bareEcma && OBJECT_MEMBERS.has(d.kind)) && !(scoped && !isVisibleAt(outline.definitions, d, reference.line)));
  if (local.length > 0) return local.map((definition) => ({ path, definition, confidence: 0 }));
  const bindings = index.bindings(path);
  const bound = (bindings.named.get(name) ?? []).flatMap((binding) => (binding.symbol === undefined ? [] : lookup(index, binding.files, binding.symbol, 0, 0)));
  if (bound.length > 0) return bound;
  const visible = [...lookup(index, bindings.wildcard, name, 1, 0), ...lookup(index, bindings.scope, name, 1, 0, path)];
  if (visible.length > 0) return visible;
  if (self) return searchMember(index, path, reference);
  if (IMPLICIT_THIS.has(outline.language)) {
    const members = bindings.wildcard.flatMap((file) => (index.outline(file)?.definitions ?? []).filter((d) => d.name === name && CLASS_MEMBERS.has(d.kind)).map((definition) => ({ path: file, definition, confidence: 1 })));
    if (members.length > 0) return members;
  }
  if (SEARCH_BY_NAME.has(outline.language) && isSearchable(reference)) return searchByName(index, path, name, bindings.namespaces, NOT_TOP_LEVEL);
  return [];
}

function resolveQualified(index: RepoIndex, path: string, reference: SyntaxReference, depth: number): ResolvedDefinition[] {
  const qualifier = reference.qualifier!;
  const bindings = index.bindings(path);
  const found: ResolvedDefinition[] = [];
  for (const binding of bindings.named.get(qualifier) ?? []) {
    if (binding.symbol === undefined) found.push(...lookup(index, binding.files, reference.name, 0, 0));
    else {
      const owners = lookup(index, binding.files, binding.symbol, 0, 0);
      for (const owner of owners) {
        // An imported value made by a factory (`export default createInstance()`): the members of the type it returns.
        const typed = ECMA.has(index.outline(owner.path)?.language ?? "") ? membersOfValue(index, owner, reference.name, depth) : [];
        found.push(...(typed.length > 0 ? typed : membersOf(index, owner, reference.name)));
      }
      // `import { z } from "pkg"` where the package re-exports a namespace (`import * as z …; export { z }`).
      if (owners.length === 0) found.push(...lookup(index, lookupNamespace(index, binding.files, binding.symbol, 0), reference.name, 0, 0));
    }
  }
  // `z.core.util.f()`: a namespace inside a namespace (`export * as core from`).
  if (found.length === 0 && qualifier.includes(".") && ECMA.has(index.outline(path, true)?.language ?? "")) found.push(...lookup(index, resolveNamespacePath(index, path, qualifier), reference.name, 0, 0));
  if (found.length === 0 && bindings.resolvePath && qualifier.includes("::")) found.push(...lookup(index, bindings.resolvePath(qualifier), reference.name, 0, 0));
  if (found.length === 0 && depth === 0 && /^[A-Z][\w$]*$/.test(qualifier)) {
    // `Type.member`, `Type::member`: find the type, then the member inside it.
    for (const owner of resolve(index, path, { name: qualifier, line: reference.line, kind: "type" }, depth + 1)) found.push(...membersOf(index, owner, reference.name));
  }
  return found.length > 0 ? found : searchMember(index, path, reference);
}

/**
 * A JavaScript/TypeScript member through its receiver: `this.x` in the enclosing class and its
 * bases (or, outside a class, among the file's assigned methods such as `res.x = function`), `a.x`
 * in `a`'s declared type. Undefined when the receiver is neither (an import, or unknown).
 */
function resolveEcmaMember(index: RepoIndex, path: string, outline: FileOutline, reference: SyntaxReference, depth: number): ResolvedDefinition[] | undefined {
  const receiver = findReceiverType(outline, index.lines(path) ?? [], reference.qualifier!, reference.line);
  if (receiver.kind === "unknown") return undefined;
  if (receiver.kind === "type" || receiver.kind === "call") {
    const found = typeOwners(index, path, receiver, reference.line, depth).flatMap((owner) => membersInside(index, owner, reference.name, depth));
    return found.length > 0 ? found : undefined;
  }
  if (!receiver.owner) {
    return outline.definitions.filter((d) => d.name === reference.name && CLASS_MEMBERS.has(d.kind) && d.nameLine !== reference.line).map((definition) => ({ path, definition, confidence: 1 }));
  }
  const owner = { path, definition: receiver.owner, confidence: 0 };
  return receiver.basesOnly ? membersOfBases(index, owner, reference.name, depth) : membersInside(index, owner, reference.name, depth);
}

/**
 * The classes, interfaces and type aliases a value's declaration names: its annotation or `new`,
 * or what the function it is made by declares it returns (`const s = z.object(…)` → `ZodObject`).
 */
function typeOwners(index: RepoIndex, path: string, receiver: Exclude<Receiver, { kind: "class" | "unknown" }>, line: number, depth: number): ResolvedDefinition[] {
  if (depth >= BASE_DEPTH) return [];
  if (receiver.kind === "type") return typeDeclarations(index, path, receiver.name, line, depth);
  const callees = resolve(index, path, { name: receiver.callee, line, kind: "call", ...(receiver.qualifier === undefined ? {} : { qualifier: receiver.qualifier }) }, depth + 1);
  return callees.flatMap((callee) => returnedTypes(index, callee, depth));
}

/**
 * The types a function or method returns: the one its header names, else (an arrow function
 * without one) what the call or `new` its body is returns. Empty for `this` (the caller knows the receiver).
 */
function returnedTypes(index: RepoIndex, callee: ResolvedDefinition, depth: number): ResolvedDefinition[] {
  const lines = index.lines(callee.path) ?? [];
  const returned = readReturnType(lines, callee.definition);
  let owners: ResolvedDefinition[] = [];
  if (returned === undefined) {
    const body = readReturnedCall(lines, callee.definition);
    if (body.kind !== "unknown") owners = typeOwners(index, callee.path, body, callee.definition.nameLine, depth + 1);
  } else if (returned !== "this") owners = typeDeclarations(index, callee.path, returned, callee.definition.nameLine, depth);
  return owners.map((owner) => ({ ...owner, confidence: Math.max(owner.confidence, callee.confidence) }));
}

/** The declarations a type written in `path` names (`ZodString`, `core.$ZodType`): its classes, interfaces and aliases when it has any. */
function typeDeclarations(index: RepoIndex, path: string, type: string, line: number, depth: number): ResolvedDefinition[] {
  const dot = type.lastIndexOf(".");
  const named = dot === -1 ? { name: type } : { name: type.slice(dot + 1), qualifier: type.slice(0, dot) };
  const found = resolve(index, path, { ...named, line, kind: "type" }, depth + 1);
  const types = found.filter((owner) => TYPE_KINDS.has(owner.definition.kind));
  return types.length > 0 ? types : found;
}

function chainLookups(index: RepoIndex): ChainLookups {
  return {
    resolve: (path, reference, depth) => resolve(index, path, reference, depth),
    membersInside: (owner, name, depth) => membersInside(index, owner, name, depth),
    typeDeclarations: (path, type, line, depth) => typeDeclarations(index, path, type, line, depth),
    returnedTypes: (callee, depth) => returnedTypes(index, callee, depth),
  };
}

/**
 * An object literal key or a destructured name: the member of the type it is passed as
 * (`ky(url, {fetch})`, `ky.create({retry: {limit: 2}})`: the parameter's declared type), declared
 * as (`const o: Options = {…}`) or taken from (`const { config } = parseConfig(text)`), through the keys it is nested under.
 */
function resolveObjectKey(index: RepoIndex, path: string, owner: ObjectKeyOwner, reference: SyntaxReference, depth: number): ResolvedDefinition[] {
  if (depth >= BASE_DEPTH) return [];
  let types: ResolvedDefinition[];
  if (owner.kind === "typed") types = typeDeclarations(index, path, owner.type, reference.line, depth);
  else if (owner.kind === "made") types = findChainOwners(index, chainLookups(index), path, owner.chain, reference.line, depth);
  else {
    const callees = resolve(index, path, { name: owner.callee, line: reference.line, kind: "call", ...(owner.qualifier === undefined ? {} : { qualifier: owner.qualifier }) }, depth + 1);
    types = callees.flatMap((callee) => parameterTypes(index, callee, owner.argument, depth));
  }
  for (const key of owner.keys) {
    types = types.flatMap((type) => membersInside(index, type, key, depth)).flatMap((member) => {
      const receiver = readDeclaredValue(index.lines(member.path) ?? [], member.definition);
      return receiver.kind === "type" ? typeOwners(index, member.path, receiver, member.definition.nameLine, depth) : [];
    });
  }
  return types.flatMap((type) => membersInside(index, type, reference.name, depth));
}

/** The declared type of a callee's parameter: a function's, or a value's call signature (`(url: Input, options?: Options): …` in its type). */
function parameterTypes(index: RepoIndex, callee: ResolvedDefinition, argument: number, depth: number): ResolvedDefinition[] {
  const direct = readParameterType(index.lines(callee.path) ?? [], callee.definition.nameLine, callee.definition.name, argument);
  if (direct !== undefined) return typeOwners(index, callee.path, asTypeReceiver(direct), callee.definition.nameLine, depth);
  return callSignaturesOfValue(index, callee, depth).flatMap((signature) => {
    const parameter = readParameterType(index.lines(signature.path) ?? [], signature.definition.startLine, "", argument);
    return parameter === undefined ? [] : typeOwners(index, signature.path, asTypeReceiver(parameter), signature.definition.startLine, depth);
  });
}

/** The first call signature of the type a module-level value is declared with or made by, as a one-line definition. */
function callSignaturesOfValue(index: RepoIndex, value: ResolvedDefinition, depth = 0): ResolvedDefinition[] {
  const declared = value.definition.kind === "constant" ? readDeclaredValue(index.lines(value.path) ?? [], value.definition) : undefined;
  if (declared?.kind !== "type" && declared?.kind !== "call") return [];
  return typeOwners(index, value.path, declared, value.definition.nameLine, depth).flatMap((type) => {
    const lines = index.lines(type.path) ?? [];
    for (let line = type.definition.startLine + 1; line < type.definition.endLine; line += 1) {
      if (CALL_SIGNATURE.test(lines[line - 1] ?? "")) return [{ path: type.path, definition: { name: value.definition.name, kind: "declaration" as const, startLine: line, endLine: line, nameLine: line }, confidence: type.confidence }];
    }
    return [];
  });
}

function asTypeReceiver(name: string): { kind: "type"; name: string } {
  return { kind: "type", name };
}

/** Members named `name` of the type a module-level value is declared with or made by. */
function membersOfValue(index: RepoIndex, owner: ResolvedDefinition, name: string, depth: number): ResolvedDefinition[] {
  if (owner.definition.kind !== "constant") return [];
  const receiver = readDeclaredValue(index.lines(owner.path) ?? [], owner.definition);
  if (receiver.kind !== "type" && receiver.kind !== "call") return [];
  return typeOwners(index, owner.path, receiver, owner.definition.nameLine, depth).flatMap((type) => membersInside(index, type, name, depth));
}

/** Members named `name` declared inside `owner` (a class or interface), else in its bases. */
function membersInside(index: RepoIndex, owner: ResolvedDefinition, name: string, depth: number): ResolvedDefinition[] {
  const definitions = index.outline(owner.path)?.definitions ?? NOTHING;
  const within = (outer: SyntaxDefinition, inner: SyntaxDefinition) => outer !== inner && outer.startLine <= inner.startLine && inner.endLine <= outer.endLine;
  // Not a key of a type literal inside one of its methods (`constructor(args?: { client?: Client })`).
  const inside = definitions.filter((d) => d.name === name && d.kind !== "test" && within(owner.definition, d) && !definitions.some((method) => FUNCTION_KINDS.has(method.kind) && within(owner.definition, method) && within(method, d)));
  if (inside.length > 0) return inside.map((definition) => ({ path: owner.path, definition, confidence: owner.confidence }));
  return membersOfBases(index, owner, name, depth);
}

function membersOfBases(index: RepoIndex, owner: ResolvedDefinition, name: string, depth: number): ResolvedDefinition[] {
  if (depth >= BASE_DEPTH) return [];
  return readBaseNames(index.lines(owner.path) ?? [], owner.definition).flatMap((base) =>
    typeDeclarations(index, owner.path, base, owner.definition.startLine, depth).flatMap((found) => membersInside(index, found, name, depth + 1)),
  );
}

/** Members named `name` inside `owner`'s range, else anywhere in its file. */
function membersOf(index: RepoIndex, owner: ResolvedDefinition, name: string): ResolvedDefinition[] {
  const definitions = index.outline(owner.path)?.definitions.filter((d) => d.name === name && d.kind !== "test") ?? [];
  const inside = definitions.filter((d) => d.startLine >= owner.definition.startLine && d.endLine <= owner.definition.endLine);
  return (inside.length > 0 ? inside : definitions).map((definition) => ({ path: owner.path, definition, confidence: owner.confidence + (inside.length > 0 ? 0 : 1) }));
}






/** Whether a definition is in scope at `line`: every function or block it is declared in holds the line (a test's own `const fetch` is not another test's). */
function isVisibleAt(definitions: readonly SyntaxDefinition[], inner: SyntaxDefinition, line: number): boolean {
  return !definitions.some((outer) => outer !== inner && (line < outer.startLine || outer.endLine < line) && outer.startLine <= inner.startLine && inner.endLine <= outer.endLine && outer.endLine - outer.startLine > inner.endLine - inner.startLine);
}



