// A receiver chain read from source text, in the form the outline gives call-chain qualifiers
// (`deps.model.complete()`, `ky.create()`): names joined by dots, each call as `()`, arguments,
// type arguments and non-null assertions left out.

const NAME_END = /[\w$]/;
const NAME_BEFORE = /[A-Za-z_$][\w$]*$/;
const NAME_AFTER = /^[A-Za-z_$][\w$]*/;
const MAX_STEPS = 8;

/** The chain that ends just before `end` in `text` (the receiver of `.callee(`); undefined when it is not one. */
export function readChainBefore(text: string, end: number): string | undefined {
  const steps: string[] = [];
  let at = end;
  while (steps.length <= MAX_STEPS) {
    while (text[at - 1] === "!") at -= 1;
    let calls = "";
    if (text[at - 1] === ")") {
      const open = matchBackward(text, at - 1);
      if (open === undefined) return undefined;
      at = open;
      calls = "()";
    }
    const name = NAME_BEFORE.exec(text.slice(0, at))?.[0];
    if (name === undefined) return undefined;
    at -= name.length;
    steps.unshift(`${name}${calls}`);
    if (text[at - 1] === "." && text[at - 2] === "?") at -= 2;
    else if (text[at - 1] === ".") at -= 1;
    else return NAME_END.test(text[at - 1] ?? "") ? undefined : steps.join(".");
  }
  return undefined;
}

/** The chain that starts at `start` in `text` (`make(x).y`, `ns.load<T>(…)`), up to where it stops being one. */
export function readChainAfter(text: string, start: number): string | undefined {
  const steps: string[] = [];
  let at = start;
  while (steps.length <= MAX_STEPS) {
    const name = NAME_AFTER.exec(text.slice(at))?.[0];
    if (name === undefined) return undefined;
    at += name.length;
    let step = name;
    if (text[at] === "<") at = skipTypeArguments(text, at);
    if (text[at] === "(") {
      const close = matchForward(text, at);
      if (close === undefined) return undefined;
      at = close + 1;
      step += "()";
    }
    steps.push(step);
    while (text[at] === "!") at += 1;
    if (text.startsWith("?.", at)) at += 2;
    else if (text[at] === ".") at += 1;
    else return steps.join(".");
  }
  return undefined;
}

function matchBackward(text: string, close: number): number | undefined {
  let depth = 0;
  for (let at = close; at >= 0; at -= 1) {
    if (text[at] === ")") depth += 1;
    else if (text[at] === "(" && --depth === 0) return at;
  }
  return undefined;
}

/** The `)` that closes the `(` at `open`. */
export function matchForward(text: string, open: number): number | undefined {
  let depth = 0;
  for (let at = open; at < text.length; at += 1) {
    if (text[at] === "(") depth += 1;
    else if (text[at] === ")" && --depth === 0) return at;
  }
  return undefined;
}

/** Past `<…>` when a call follows it (`load<T>(`); else where it was. */
function skipTypeArguments(text: string, open: number): number {
  let depth = 0;
  for (let at = open; at < text.length; at += 1) {
    if (text[at] === "<") depth += 1;
    else if (text[at] === ">" && --depth === 0) return text[at + 1] === "(" ? at + 1 : open;
    else if (text[at] === ";" || text[at] === "\n") return open;
  }
  return open;
}
