import type { SyntaxDefinition } from "../types.js";
import type { Receiver } from "./find-receiver-type.js";
import { matchForward } from "./read-chain-text.js";

const HEADER_LINES = 6;
const TYPE_NAME = String.raw`(?:Promise\s*<\s*|Partial\s*<\s*|Readonly\s*<\s*)?((?:[a-z][\w$]*\.)?[A-Z_$][\w$]*)`;
// After the parameter list: `): Type` (a function, a method) or `) => Type` (a function-typed property).
// `this` (a fluent method: the receiver's own type), but not a type predicate (`this is Foo`).
const RETURN = new RegExp(String.raw`^\s*(?::|=>)\s*(?:(this)\b(?!\s+is\b)|${TYPE_NAME})`);
// An arrow function's expression body that is a call or a `new` (`=> createPublisher(…)`, `=> new Client(…)`).
const RETURNED_CALL = /^\s*=>\s*(new\s+)?(?:([A-Za-z_$][\w$]*)\.)?([A-Za-z_$][\w$]*)\s*(?:<[^()]*>)?\(/;
const PARAMETER = new RegExp(String.raw`^\s*(?:\.\.\.)?[\w$]+\??\s*:\s*${TYPE_NAME}`);
const PAIRS: Record<string, string> = { "(": ")", "<": ">", "{": "}", "[": "]" };

/**
 * The type name a JavaScript/TypeScript function, method or function-typed property declares it
 * returns (`KyInstance` in `const createInstance = (d?: Options): KyInstance =>`, `ZodObject` in
 * `function object<T>(shape?: T): ZodObject<T>`, `this` for `url(): this`), read from its header;
 * undefined when none is written.
 */
export function readReturnType(lines: readonly string[], definition: SyntaxDefinition): string | undefined {
  const header = readHeader(lines, definition.nameLine, definition.endLine);
  const list = findParameterList(header, definition.name);
  const returned = list === undefined ? undefined : RETURN.exec(header.slice(list.close + 1));
  return returned ? (returned[1] ?? returned[2]) : undefined;
}

/**
 * What an arrow function with no written return type returns when its body is one call or `new`
 * (`const publisher = (o) => createPublisher(o)` returns what `createPublisher` returns).
 */
export function readReturnedCall(lines: readonly string[], definition: SyntaxDefinition): Exclude<Receiver, { kind: "class" }> {
  const header = readHeader(lines, definition.nameLine, definition.endLine);
  const list = findParameterList(header, definition.name);
  const body = list === undefined ? null : RETURNED_CALL.exec(header.slice(list.close + 1));
  if (!body) return { kind: "unknown" };
  const [, isNew, qualifier, callee] = body as unknown as [string, string | undefined, string | undefined, string];
  if (isNew) return qualifier === undefined ? { kind: "type", name: callee } : { kind: "type", name: `${qualifier}.${callee}` };
  return qualifier === undefined ? { kind: "call", callee } : { kind: "call", callee, qualifier };
}

/**
 * The type name of the `argument`-th parameter (from 0) of the signature that starts at
 * `line` after `name` (`Options` for `options` in `create: (defaultOptions?: Options) => KyInstance`).
 */
export function readParameterType(lines: readonly string[], line: number, name: string, argument: number): string | undefined {
  const header = readHeader(lines, line, line + HEADER_LINES);
  const list = findParameterList(header, name);
  if (list === undefined) return undefined;
  const parameters: string[] = [];
  let depth = 0;
  let start = list.open + 1;
  for (let at = start; at < list.close; at += 1) {
    const char = header[at]!;
    if (char in PAIRS) depth += 1;
    // (The `>` of an arrow `=>` closes nothing.)
    else if (char === ")" || (char === ">" && header[at - 1] !== "=") || char === "}" || char === "]") depth -= 1;
    else if (char === "," && depth === 0) {
      parameters.push(header.slice(start, at));
      start = at + 1;
    }
  }
  parameters.push(header.slice(start, list.close));
  return PARAMETER.exec(parameters[argument] ?? "")?.[1];
}

function readHeader(lines: readonly string[], from: number, to: number): string {
  return lines.slice(from - 1, Math.min(to, from - 1 + HEADER_LINES)).join("\n");
}

/** The parentheses of the first parameter list after `name` in `header`. */
function findParameterList(header: string, name: string): { open: number; close: number } | undefined {
  const afterName = name === "" ? -1 : header.indexOf(name);
  const open = header.indexOf("(", afterName === -1 ? 0 : afterName + name.length);
  if (open === -1) return undefined;
  const close = matchForward(header, open);
  return close === undefined ? undefined : { open, close };
}
