/** Where an object literal's key sits: the call it is an argument of, which argument, and the keys it is nested under. */
export interface ObjectKeyOwner {
  callee: string;
  qualifier?: string;
  argument: number;
  /** Keys of the enclosing object literals, outermost first (`retry` for `ky(url, {retry: {limit: 2}})`'s `limit`). */
  keys: string[];
}

const MAX_LINES_BACK = 60;
const OPENERS: Record<string, string> = { "}": "{", ")": "(", "]": "[" };
const CALLEE = /(?:([A-Za-z_$][\w$]*)\.)?([A-Za-z_$][\w$]*)\s*(?:<[^()]*>)?\s*$/;
const PARENT_KEY = /([A-Za-z_$][\w$]*)\s*:\s*$/;

/**
 * The call whose argument an object literal key belongs to, read from the text before the key
 * (brackets counted, strings not: a guess that only narrows where the key is looked for).
 * Undefined when the object is not a call's argument (an assignment, a return value).
 */
export function findObjectKeyOwner(lines: readonly string[], line: number, key: string): ObjectKeyOwner | undefined {
  const column = new RegExp(`(?<=^|[{,\\s])${key.replace(/\$/g, "\\$")}\\s*[:(,}]`).exec(lines[line - 1] ?? "")?.index;
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
        if (char === "(") {
          const callee = CALLEE.exec(before);
          // A method of an expression (`make().extend({…})`): its type is not known here.
          if (!inCall || !callee || before[callee.index - 1] === ".") return undefined;
          return { callee: callee[2]!, ...(callee[1] === undefined ? {} : { qualifier: callee[1] }), argument, keys: keys.reverse() };
        }
        if (char === "[" || inCall) return undefined;
        // An object literal: the value of an outer key, or an argument of a call.
        const parent = PARENT_KEY.exec(before);
        if (parent) keys.push(parent[1]!);
        else if (/[(,]\s*$/.test(before) || (before.trim() === "" && at > 1)) inCall = true;
        else return undefined;
      } else if (char === "," && inCall && closers.length === 0) argument += 1;
    }
  }
  return undefined;
}
