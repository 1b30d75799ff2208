import { beforeAll, describe, expect, it } from "@jest/globals";
import { checkSuggestion, type ParseCheck } from "../../src/core/findings/check-suggestion.js";
import { loadParseCheck } from "../../src/syntax/create-parse-check.js";

// Check (5) of a suggestion, on the tree-sitter grammars related code uses: spliced into the
// file, it must not add syntax errors. Each case passes the first four checks (range, not
// identical, not empty, not cut off), so what decides is the parser.

const FILES: Record<string, string> = {
  "src/total.ts": [
    'import type { Item } from "./item.js";',
    "",
    "export function total(items: Item[]): number {",
    "  let sum = 0;",
    "  for (const item of items) {",
    "    sum += item.price;",
    "  }",
    "  return sum;",
    "}",
    "",
  ].join("\n"),
  "app/total.py": ["def total(items):", "    result = 0", "    for item in items:", "        result += item.price", "    return result", ""].join("\n"),
  "pkg/total.go": [
    "package pkg",
    "",
    "func Total(items []Item) int {",
    "\tsum := 0",
    "\tfor _, item := range items {",
    "\t\tsum += item.Price",
    "\t}",
    "\treturn sum",
    "}",
    "",
  ].join("\n"),
  // Already broken before the change: only errors the suggestion adds count.
  "src/broken.ts": ["export function f(a: number) {", "  const b = a + ;", "  return b;", "}", ""].join("\n"),
  "docs/notes.txt": ["Totals", "are summed per item", ""].join("\n"),
};

let parseCheck: ParseCheck;
beforeAll(async () => {
  parseCheck = await loadParseCheck(Object.keys(FILES));
});

function check(path: string, [start, end]: [number, number], suggestion: string) {
  const fileText = FILES[path]!;
  return checkSuggestion({
    finding: { path, startLine: start === end ? null : start, line: end, side: "RIGHT", title: "Total ignores the quantity", body: "Multiply by the quantity.", suggestion },
    originalLines: fileText.split("\n").slice(start - 1, end),
    fileText,
    parseCheck,
  });
}

describe("loadParseCheck", () => {
  it.each([
    ["TypeScript, clean", "src/total.ts", FILES["src/total.ts"]!, 0],
    ["Python, clean", "app/total.py", FILES["app/total.py"]!, 0],
    ["Go, clean", "pkg/total.go", FILES["pkg/total.go"]!, 0],
    ["TypeScript with an operand missing", "src/broken.ts", FILES["src/broken.ts"]!, 1],
  ])("counts the syntax errors of %s", (_name, path, text, errors) => {
    expect(parseCheck(path, text)).toEqual({ errors });
  });

  it("says nothing (null) about a language it has no grammar for", () => {
    expect(parseCheck("docs/notes.txt", FILES["docs/notes.txt"]!)).toBeNull();
  });
});

describe("a suggestion that parses is offered as a one-click suggestion", () => {
  it.each<[string, string, [number, number], string]>([
    ["TypeScript: a changed expression", "src/total.ts", [6, 6], "    sum += item.price * item.quantity;"],
    ["TypeScript: a loop rewritten over three lines", "src/total.ts", [5, 7], "  for (const item of items) {\n    sum += item.price * (item.quantity ?? 1);\n  }"],
    ["Python: a changed expression", "app/total.py", [4, 4], "        result += item.price * item.quantity"],
    ["Python: a guard added inside the loop", "app/total.py", [4, 4], "        if item.quantity > 0:\n            result += item.price * item.quantity"],
    ["Go: a changed expression", "pkg/total.go", [6, 6], "\t\tsum += item.Price * item.Quantity"],
    ["Go: a loop rewritten", "pkg/total.go", [5, 7], "\tfor i := range items {\n\t\tsum += items[i].Price * items[i].Quantity\n\t}"],
    ["TypeScript: a file already broken elsewhere, no new error", "src/broken.ts", [3, 3], "  return b * 2;"],
    ["TypeScript: a suggestion that fixes the file's own error", "src/broken.ts", [2, 2], "  const b = a + 1;"],
    ["a language without a grammar", "docs/notes.txt", [2, 2], "are summed per item and quantity"],
  ])("%s", (_name, path, lines, suggestion) => {
    expect(check(path, lines, suggestion)).toEqual({ kind: "committable", text: suggestion });
  });
});

describe("a suggestion that adds syntax errors is shown as plain code with the reason", () => {
  it.each<[string, string, [number, number], string]>([
    ["TypeScript: two operands without an operator", "src/total.ts", [6, 6], "    sum += item.price item.quantity;"],
    ["TypeScript: a keyword where an expression belongs", "src/total.ts", [4, 4], "  let sum = return 0;"],
    ["Python: the colon of the loop dropped", "app/total.py", [3, 3], "    for item in items"],
    ["Python: two operands without an operator", "app/total.py", [4, 4], "        result += item.price item.quantity"],
    ["Go: var with a compound assignment", "pkg/total.go", [6, 6], "\t\tvar sum += item.Price"],
    ["Go: the range clause mangled", "pkg/total.go", [5, 5], "\tfor _, item := range range items {"],
  ])("%s", (_name, path, lines, suggestion) => {
    const result = check(path, lines, suggestion);
    expect(result).toMatchObject({ kind: "plain", check: "parse", text: suggestion });
    expect(result.kind === "plain" && result.reason).toMatch(/^the file would not parse with it \(\d+ new syntax errors?\)$/);
  });
});

describe("the recorded answers of the noise bench, with tree-sitter instead of the stand-in parser", () => {
  it("every suggestion ends up where each fixture expects", async () => {
    const { describeSifted, loadAnswerFixtures, siftFixture } = await import("../../bench/sections/noise.js");
    const fixtures = loadAnswerFixtures();
    const treeSitter = await loadParseCheck(fixtures.flatMap((fixture) => fixture.files.map((file) => file.path)));
    for (const fixture of fixtures) expect({ name: fixture.name, sifted: describeSifted(siftFixture(fixture, treeSitter).sifted) }).toEqual({ name: fixture.name, sifted: fixture.expected });
  });
});
