import { readChainAfter, readChainBefore } from "./read-chain-text.js";

/**
 * Where an object literal's key or a destructured name sits, and the keys it is nested under
 * (outermost first: `retry` for `ky(url, {retry: {limit: 2}})`'s `limit`).
 */
export type ObjectKeyOwner =
  /** An argument of a call: `callee`, on a receiver chain if any (`deps.model.complete({…})`, `ky.create().extend({…})`). */
  | { kind: "argument"; callee: string; qualifier?: string; argument: number; keys: string[] }
  /** A value of a written type: `const o: Options = {…}`, `({ a }: Options) =>`. */
  | { kind: "typed"; type: string; keys: string[] }
  /** What a call chain makes: `const { config } = parseConfig(text)`, `= await deps.load()`. */
  | { kind: "made"; chain: string; keys: string[] };

const MAX_LINES_BACK = 60;
const MAX_LINES_AHEAD = 30;
const OPENERS: Record<string, string> = { "}": "{", ")": "(", "]": "[" };
const CLOSERS: Record<string, string> = { "{": "}", "(": ")", "[": "]" };
const CALLEE = /([A-Za-z_$][\w$]*)\s*(?:<[^()]*>)?\s*$/;
const PARENT_KEY = /([A-Za-z_$][\w$]*)\s*:\s*$/;
const DECLARED = /(?:^|[^\w$.])(?:const|let|var)\s*$/;
const ANNOTATED = /:\s*([A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)?)\s*(?:<[^=]*>)?\s*=\s*$/;
// After a pattern or literal's closing brace: `}: Options`, `} = make(…)`, `} = await ns.load(…)`.
const AFTER_TYPE = /^\s*\??:\s*([A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)?)/;
const AFTER_VALUE = /^\s*=(?!>)\s*(?:await\s+)?/;

/**
 * The owner of an object literal's key or a destructured name, read from the text around it
 * (brackets counted, strings not: a guess that only narrows where the key is looked for).
 * Undefined when the object is none of these (an assignment, a return value).
 */
export function findObjectKeyOwner(lines: readonly string[], line: number, key: string): ObjectKeyOwner | undefined {
  const column = new RegExp(`(?<=^|[{,\\s])${key.replace(/\$/g, "\\$")}\\s*[:(,}=]|(?<=^|[{,\\s])${key.replace(/\$/g, "\\$")}\\s*$`).exec(lines[line - 1] ?? "")?.index;
  if (column === undefined) return undefined;
  const keys: string[] = [];
  let argument = 0;
  let inCall = false;
  const closers: string[] = [];
  for (let at = line; at >= Math.max(1, line - MAX_LINES_BACK); at -= 1) {
    const text = lines[at - 1] ?? "";
    for (let index = (at === line ? column : text.length) - 1; index >= 0; index -= 1) {
      const char = text[index]!;
      if (char in OPENERS) closers.push(OPENERS[char]!);
      else if (char === "{" || char === "(" || char === "[") {
        if (closers.length > 0) {
          closers.pop();
          continue;
        }
        const before = text.slice(0, index);
        if (char === "(") return inCall ? argumentOwner(before, argument, keys) : undefined;
        if (char === "[" || inCall) return undefined;
        // An object literal or pattern: the value of an outer key, an argument of a call, or a declared value.
        const parent = PARENT_KEY.exec(before);
        if (parent) keys.push(parent[1]!);
        else if (/[(,]\s*$/.test(before) || (before.trim() === "" && at > 1)) {
          // A destructured parameter (`({ a }: Options) =>`) is typed where it is declared.
          const typed = AFTER_TYPE.exec(textAfterClosingBrace(lines, at, index) ?? "");
          if (typed) return { kind: "typed", type: typed[1]!, keys: [...keys].reverse() };
          inCall = true;
        } else return valueOwner(lines, at, index, before, keys);
      } else if (char === "," && inCall && closers.length === 0) argument += 1;
    }
  }
  return undefined;
}

function argumentOwner(before: string, argument: number, keys: string[]): ObjectKeyOwner | undefined {
  const callee = CALLEE.exec(before);
  if (!callee) return undefined;
  const ordered = [...keys].reverse();
  if (before[callee.index - 1] !== ".") return { kind: "argument", callee: callee[1]!, argument, keys: ordered };
  const qualifier = readChainBefore(before, callee.index - 1);
  return qualifier === undefined ? undefined : { kind: "argument", callee: callee[1]!, qualifier, argument, keys: ordered };
}

/** `const o: Options = {`, `const { a }: Options =`, `const { a } = make()`: the brace at `lines[at - 1][index]`. */
function valueOwner(lines: readonly string[], at: number, index: number, before: string, keys: string[]): ObjectKeyOwner | undefined {
  const ordered = [...keys].reverse();
  const annotated = ANNOTATED.exec(before);
  if (annotated) return { kind: "typed", type: annotated[1]!, keys: ordered };
  if (!DECLARED.test(before)) return undefined;
  const after = textAfterClosingBrace(lines, at, index);
  if (after === undefined) return undefined;
  const typed = AFTER_TYPE.exec(after);
  if (typed) return { kind: "typed", type: typed[1]!, keys: ordered };
  const assigned = AFTER_VALUE.exec(after);
  const chain = assigned ? readChainAfter(after, assigned[0].length) : undefined;
  return chain?.includes("(") ? { kind: "made", chain, keys: ordered } : undefined;
}

/** The text after the brace that closes the one at `lines[at - 1][index]`, to the end of that line and the next. */
function textAfterClosingBrace(lines: readonly string[], at: number, index: number): string | undefined {
  const closers: string[] = [];
  for (let row = at; row <= Math.min(lines.length, at + MAX_LINES_AHEAD); row += 1) {
    const text = lines[row - 1] ?? "";
    for (let column = row === at ? index : 0; column < text.length; column += 1) {
      const char = text[column]!;
      if (char in CLOSERS) closers.push(CLOSERS[char]!);
      else if (char === closers[closers.length - 1]) {
        closers.pop();
        if (closers.length === 0) return `${text.slice(column + 1)}\n${lines[row] ?? ""}`;
      }
    }
  }
  return undefined;
}
