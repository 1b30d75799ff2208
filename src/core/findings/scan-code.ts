import type { CodeSyntax, QuoteSyntax } from "./code-syntax.js";

/** The bracket and string structure of a piece of code, outside strings and comments. */
export interface CodeScan {
  /** Closing brackets met with nothing open: they close something opened before the text. */
  strayClosers: string;
  /** Brackets still open at the end, outermost first. */
  unclosed: string;
  /** Closers that met another kind of opener, as in `(]`. */
  mismatched: number;
  /** Lines on which a single-line string was left open. */
  unterminatedStrings: number;
  /** The text ends inside a multi-line string or a block comment. */
  endsInside: "string" | "comment" | null;
  /** The last three characters of code, whitespace and comments left out. */
  tail: string;
  /** For each line, whether it starts inside a multi-line string (its indentation is the string's content). */
  startsInString: boolean[];
}

const PAIRS: Record<string, string> = { ")": "(", "]": "[", "}": "{" };

/** Walks the code once, skipping strings and comments as `syntax` defines them, and records its brackets. */
export function scanCode(text: string, syntax: CodeSyntax): CodeScan {
  const scan: CodeScan = { strayClosers: "", unclosed: "", mismatched: 0, unterminatedStrings: 0, endsInside: null, tail: "", startsInString: [false] };
  const stack: string[] = [];
  let quote: QuoteSyntax | null = null;
  let inComment = false;
  let index = 0;
  while (index < text.length) {
    const char = text[index] ?? "";
    if (quote !== null) {
      if (quote.escapes && char === "\\") {
        if (text[index + 1] === "\n") scan.startsInString.push(true);
        index += 2;
        continue;
      }
      if (text.startsWith(quote.delimiter, index)) {
        scan.tail = (scan.tail + quote.delimiter).slice(-3);
        index += quote.delimiter.length;
        quote = null;
        continue;
      }
      if (char === "\n" && !quote.multiline) {
        scan.unterminatedStrings += 1;
        quote = null;
        continue;
      }
    } else if (inComment) {
      if (syntax.blockComment && text.startsWith(syntax.blockComment[1], index)) {
        inComment = false;
        index += syntax.blockComment[1].length;
        continue;
      }
    } else if (syntax.lineComments.some((start) => text.startsWith(start, index))) {
      const end = text.indexOf("\n", index);
      index = end === -1 ? text.length : end;
      continue;
    } else if (syntax.blockComment && text.startsWith(syntax.blockComment[0], index)) {
      inComment = true;
      index += syntax.blockComment[0].length;
      continue;
    } else {
      const opening = syntax.quotes.find((candidate) => text.startsWith(candidate.delimiter, index));
      if (opening) {
        quote = opening;
        scan.tail = (scan.tail + opening.delimiter).slice(-3);
        index += opening.delimiter.length;
        continue;
      }
      if ("([{".includes(char)) stack.push(char);
      const opener = PAIRS[char];
      if (opener !== undefined) {
        if (stack.length === 0) scan.strayClosers += char;
        else if (stack.pop() !== opener) scan.mismatched += 1;
      }
      if (!/\s/.test(char)) scan.tail = (scan.tail + char).slice(-3);
    }
    if (char === "\n") scan.startsInString.push(quote !== null);
    index += 1;
  }
  if (quote !== null && !quote.multiline) scan.unterminatedStrings += 1;
  scan.endsInside = quote !== null && quote.multiline ? "string" : inComment ? "comment" : null;
  scan.unclosed = stack.join("");
  return scan;
}
