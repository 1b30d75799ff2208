import type { RepoIndex } from "../create-repo-index.js";
import type { ResolvedDefinition } from "../resolve-reference.js";
import { GUESSED, type SyntaxReference } from "../types.js";
import { enclosingClass, readDeclaredValue } from "./find-receiver-type.js";
import { readReturnType } from "./read-signature-types.js";

/** The lookups a call chain is typed with (those of `resolveReference`). */
export interface ChainLookups {
  resolve(path: string, reference: SyntaxReference, depth: number): ResolvedDefinition[];
  /** Members named `name` of a class, interface or type alias, else of its bases. */
  membersInside(owner: ResolvedDefinition, name: string, depth: number): ResolvedDefinition[];
  /** The classes, interfaces and type aliases a type written in `path` at `line` names (`ZodString`, `core.$ZodType`). */
  typeDeclarations(path: string, type: string, line: number, depth: number): ResolvedDefinition[];
  /** The types a function or method returns (empty for `this`). */
  returnedTypes(callee: ResolvedDefinition, depth: number): ResolvedDefinition[];
}

interface ChainStep {
  name: string;
  call: boolean;
}

const STEP = /^([A-Za-z_$#][\w$]*)(\(\))?$/;

/**
 * The types a call-chain receiver has (`z.string().url()` → `ZodString`), step by step from each
 * callee's declared return type (`this` keeps the receiver's type) or each property's declared
 * type; empty as soon as one step cannot be typed.
 */
export function findChainOwners(index: RepoIndex, lookups: ChainLookups, path: string, chain: string, line: number, depth: number): ResolvedDefinition[] {
  const parsed = parseCallChain(chain);
  if (!parsed) return [];
  let owners: ResolvedDefinition[] | undefined;
  for (const step of parsed.steps) {
    const receivers = owners;
    const members =
      receivers === undefined
        ? lookups.resolve(path, { name: step.name, line, kind: step.call ? "call" : "member", ...(parsed.head === undefined ? {} : { qualifier: parsed.head }) }, depth + 1)
        : receivers.flatMap((owner) => lookups.membersInside(owner, step.name, depth));
    // A step that is a guess types nothing.
    const known = members.filter((member) => member.confidence < GUESSED);
    owners = uniqueDefinitions(known.flatMap((member) => typeOfStep(index, lookups, member, step.call, receivers, depth)));
    if (owners.length === 0) return [];
  }
  return owners ?? [];
}

/** `z.string().url()` → head `z`, steps `string()`, `url()`; `make().x` → no head, steps `make()`, `x`. */
function parseCallChain(chain: string): { head?: string; steps: ChainStep[] } | undefined {
  const steps: ChainStep[] = [];
  for (const token of chain.split(".")) {
    const match = STEP.exec(token);
    if (!match) return undefined;
    steps.push({ name: match[1]!, call: match[2] !== undefined });
  }
  const first = steps[0]!;
  return first.call ? { steps } : { head: first.name, steps: steps.slice(1) };
}

/** The type a member's call returns (a call step) or a property is declared with. */
function typeOfStep(index: RepoIndex, lookups: ChainLookups, member: ResolvedDefinition, call: boolean, receivers: readonly ResolvedDefinition[] | undefined, depth: number): ResolvedDefinition[] {
  const lines = index.lines(member.path) ?? [];
  if (call) {
    if (readReturnType(lines, member.definition) !== "this") return lookups.returnedTypes(member, depth);
    return receivers ? [...receivers] : enclosingType(index, member);
  }
  const declared = readDeclaredValue(lines, member.definition);
  if (declared.kind !== "type") return [];
  return lookups.typeDeclarations(member.path, declared.name, member.definition.nameLine, depth).map((owner) => ({ ...owner, confidence: Math.max(owner.confidence, member.confidence) }));
}

/** The class or interface a member is declared in (what `this` is for a chain's first call). */
function enclosingType(index: RepoIndex, member: ResolvedDefinition): ResolvedDefinition[] {
  const outline = index.outline(member.path);
  const owner = outline === undefined ? undefined : enclosingClass(outline, member.definition.nameLine);
  return owner ? [{ path: member.path, definition: owner, confidence: member.confidence }] : [];
}

/** Each definition once (the same one is often reached by two paths), in the order found. */
export function uniqueDefinitions(found: readonly ResolvedDefinition[]): ResolvedDefinition[] {
  const seen = new Set<string>();
  return found.filter(({ path, definition }) => {
    const key = `${path}:${definition.startLine}:${definition.name}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
