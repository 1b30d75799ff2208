import { describe, expect, it } from "@jest/globals";
import { codeSyntaxFor } from "../../../src/core/findings/code-syntax.js";
import { findCutOff } from "../../../src/core/findings/find-cut-off.js";
import { scanCode } from "../../../src/core/findings/scan-code.js";

describe("findCutOff reads strings and comments as each language writes them", () => {
  it.each<[string, string, string, string, string | null]>([
    ["TypeScript: an escaped quote does not end the string", "a.ts", 'x = "a";', 'x = "say \\"(\\"";', null],
    ["TypeScript: `//` inside a string is not a comment", "a.ts", "x = f(a);", 'x = f("http://h/(");', null],
    ["TypeScript: a template literal may span lines", "a.ts", "x = 1;", "x = `a\n(b`;", null],
    ["TypeScript: an unclosed template literal", "a.ts", "x = 1;", "x = `a\n(b;", "it looks cut off (a string is never closed)"],
    ["TypeScript: `++` ends a statement", "a.ts", "i += 1", "i++", null],
    ["TypeScript: a line ending in `&&`", "a.ts", "ok = a", "ok = a &&", "it looks cut off (it ends with `&&`)"],
    ["TypeScript: an ending the original had too", "a.ts", "  a,", "  a + 1,", null],
    ["TypeScript: mismatched brackets", "a.ts", "f(a[0]);", "f(a[0)];", "its brackets do not balance the way the commented lines do"],
    ["Python: `#` inside a string is not a comment", "a.py", "x = 1", 'x = "#" + str(1)', null],
    ["Python: a triple-quoted string may span lines", "a.py", "x = 1", 'x = """a\n(b"""', null],
    ["Python: an unclosed triple-quoted string", "a.py", "x = 1", 'x = """a\n(b', "it looks cut off (a string is never closed)"],
    ["Python: a stub body the original already had", "a.py", "def f():\n    ...", "def f(x):\n    ...", null],
    ["Go: a raw string keeps backslashes", "a.go", "x := 1", "x := `\\`", null],
    ["Go: a rune with a bracket", "a.go", "c := 'a'", "c := '('", null],
    ["Rust: a lifetime is not a quote", "a.rs", "fn f(x: &str) -> &str {", "fn f<'a>(x: &'a str) -> &'a str {", null],
    ["an unknown language: brackets only", "a.txt", "see (a)", "see (a", "it looks cut off (`(` is never closed)"],
    ["an unknown language: quotes mean nothing", "notes.txt", "it is", "it's", null],
  ])("%s", (_name, path, original, suggestion, reason) => {
    expect(findCutOff(original.split("\n"), suggestion.split("\n"), codeSyntaxFor(path))).toBe(reason);
  });
});

describe("scanCode", () => {
  it("records the structure of code that opens and closes blocks around it", () => {
    expect(scanCode("  }\n} else {\n  x(", codeSyntaxFor("a.ts"))).toEqual({
      strayClosers: "}}",
      unclosed: "{(",
      mismatched: 0,
      unterminatedStrings: 0,
      endsInside: null,
      tail: "{x(",
      startsInString: [false, false, false],
    });
  });

  it("marks the lines that start inside a multi-line string, an escaped newline included", () => {
    expect(scanCode('a = `x\ny`\nb = "p\\\nq"\nc', codeSyntaxFor("a.ts")).startsInString).toEqual([false, true, false, true, false]);
  });
});
