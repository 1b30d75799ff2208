import { describe, expect, it } from "@jest/globals";
import { checkSuggestion, type ParseCheck, type SuggestionCheck } from "../../../src/core/findings/check-suggestion.js";
import type { Finding } from "../../../src/core/types.js";

// One small file per language; every case comments on lines of it.
const FILES: Record<string, string> = {
  "src/total.ts": [
    "export function total(items: Item[]): number {",
    "  let sum = 0;",
    "  for (const item of items) {",
    "    sum += item.price;",
    "  }",
    '  console.log("debug", sum);',
    "  return sum;",
    "}",
  ].join("\n"),
  "app/total.py": [
    "def total(items):",
    "    result = 0",
    "    for item in items:",
    "        result += item.price",
    '    print("debug", result)',
    "    return result",
  ].join("\n"),
  "pkg/total.go": [
    "func Total(items []Item) int {",
    "\tsum := 0",
    "\tfor _, item := range items {",
    "\t\tsum += item.Price",
    "\t}",
    '\tfmt.Println("debug", sum)',
    "\treturn sum",
    "}",
  ].join("\n"),
};

interface Case {
  path: keyof typeof FILES;
  lines: [number, number];
  suggestion: string | null;
  finding?: Partial<Finding> & { removal?: boolean };
  parseCheck?: ParseCheck;
}

function run({ path, lines: [start, end], suggestion, finding, parseCheck }: Case): SuggestionCheck {
  const fileText = FILES[path]!;
  return checkSuggestion({
    finding: {
      path,
      startLine: start === end ? null : start,
      line: end,
      side: "RIGHT",
      title: "Total ignores the quantity",
      body: "Multiply by the quantity.",
      suggestion,
      ...finding,
    },
    originalLines: fileText.split("\n").slice(start - 1, end),
    fileText,
    ...(parseCheck ? { parseCheck } : {}),
  });
}

const TS = "src/total.ts";
const PY = "app/total.py";
const GO = "pkg/total.go";

describe("checkSuggestion offers a one-click suggestion, indented the way the file is", () => {
  it.each<[string, Case, string]>([
    ["TypeScript: a changed line", { path: TS, lines: [4, 4], suggestion: "    sum += item.price * item.quantity;" }, "    sum += item.price * item.quantity;"],
    ["Python: a changed line", { path: PY, lines: [4, 4], suggestion: "        result += item.price * item.quantity" }, "        result += item.price * item.quantity"],
    ["Go: a changed line", { path: GO, lines: [4, 4], suggestion: "\t\tsum += item.Price * item.Quantity" }, "\t\tsum += item.Price * item.Quantity"],
    ["a trailing newline dropped", { path: TS, lines: [4, 4], suggestion: "    sum += item.price * item.quantity;\n" }, "    sum += item.price * item.quantity;"],
    ["a markdown fence around it dropped", { path: TS, lines: [4, 4], suggestion: "```ts\n    sum += item.price * item.quantity;\n```" }, "    sum += item.price * item.quantity;"],
    [
      "TypeScript: a block opener that stays a block opener",
      { path: TS, lines: [3, 3], suggestion: "  for (const item of items.filter(Boolean)) {" },
      "  for (const item of items.filter(Boolean)) {",
    ],
    ["Go: a block closer that stays a block closer", { path: GO, lines: [4, 5], suggestion: "\t\tsum += item.Price * item.Quantity\n\t}" }, "\t\tsum += item.Price * item.Quantity\n\t}"],
    [
      "Python: a dedent on purpose (moves the line out of the loop), kept",
      { path: PY, lines: [4, 4], suggestion: "    result += item.price" },
      "    result += item.price",
    ],
    ["Python: a block header ending with a colon like the line it replaces", { path: PY, lines: [3, 3], suggestion: "    for item in items or []:" }, "    for item in items or []:"],
    ["TypeScript: brackets inside a string do not count", { path: TS, lines: [6, 6], suggestion: '  console.log("total (", sum);' }, '  console.log("total (", sum);'],
    ["Go: brackets inside a comment do not count", { path: GO, lines: [4, 4], suggestion: "\t\tsum += item.Price // (per unit" }, "\t\tsum += item.Price // (per unit"],
    // Re-indented the way the file is indented, so applying it leaves the file well formatted.

    [
      "Go: spaces where the file uses tabs, and the indentation lost",
      { path: GO, lines: [3, 5], suggestion: "for _, item := range items {\n    sum += item.Price * item.Quantity\n}" },
      "\tfor _, item := range items {\n\t\tsum += item.Price * item.Quantity\n\t}",
    ],
    [
      "Go: spaces where the file uses tabs, first line indented",
      { path: GO, lines: [4, 4], suggestion: "        sum += item.Price * item.Quantity" },
      "\t\tsum += item.Price * item.Quantity",
    ],
    [
      "Python: the indentation lost, relative depth kept",
      { path: PY, lines: [3, 4], suggestion: "for item in items:\n    result += item.price * item.quantity" },
      "    for item in items:\n        result += item.price * item.quantity",
    ],
    [
      "TypeScript: tabs where the file uses two spaces",
      { path: TS, lines: [3, 5], suggestion: "\tfor (const item of items) {\n\t\tsum += item.price * item.quantity;\n\t}" },
      "  for (const item of items) {\n    sum += item.price * item.quantity;\n  }",
    ],
    [
      "TypeScript: a closing brace less indented than the first line, tabs made spaces",
      { path: TS, lines: [4, 5], suggestion: "\t\tsum += item.price * item.quantity;\n\t}" },
      "    sum += item.price * item.quantity;\n  }",
    ],
    [
      "TypeScript: lines inside a template literal keep their whitespace",
      { path: TS, lines: [6, 6], suggestion: "console.log(`debug\n   sum: ${sum}`);" },
      "  console.log(`debug\n   sum: ${sum}`);",
    ],
  ])("%s", (_name, input, text) => {
    expect(run(input)).toEqual({ kind: "committable", text });
  });
});

describe("checkSuggestion drops a suggestion that says nothing new", () => {
  it.each<[string, Case, string]>([
    ["no suggestion", { path: TS, lines: [4, 4], suggestion: null }, "none"],
    ["TypeScript: only whitespace changed", { path: TS, lines: [4, 4], suggestion: "    sum  +=  item.price ;" }, "identical"],
    ["TypeScript: re-indented only (indentation means nothing here)", { path: TS, lines: [4, 4], suggestion: "  sum += item.price;" }, "identical"],
    ["Python: the same line without its indentation", { path: PY, lines: [4, 4], suggestion: "result += item.price" }, "identical"],
    ["Go: the same lines with spaces for tabs", { path: GO, lines: [4, 5], suggestion: "        sum += item.Price\n    }" }, "identical"],
    ["TypeScript: empty, and the finding is not about removing code", { path: TS, lines: [4, 4], suggestion: "" }, "empty"],
    ["Python: only whitespace, not about removing code", { path: PY, lines: [4, 4], suggestion: "   \n" }, "empty"],
    ["Go: empty, the finding says it is not a removal", { path: GO, lines: [6, 6], suggestion: "", finding: { title: "Remove the debug print", removal: false } }, "empty"],
    ["TypeScript: an empty removal on deleted lines", { path: TS, lines: [6, 6], suggestion: "", finding: { title: "Remove the debug log", side: "LEFT" } }, "range"],
  ])("%s", (_name, input, check) => {
    const result = run(input);
    expect(result).toMatchObject({ kind: "drop", check });
  });
});

describe("checkSuggestion offers an empty suggestion for a removal", () => {
  it.each<[string, Case]>([
    ["TypeScript: the title asks to remove", { path: TS, lines: [6, 6], suggestion: "", finding: { title: "Remove the debug log" } }],
    ["Python: a leftover debug print", { path: PY, lines: [5, 5], suggestion: "", finding: { title: "Debug print left in", body: "This prints on every call." } }],
    ["Go: the body asks to delete", { path: GO, lines: [6, 6], suggestion: "\n", finding: { title: "Noise on stdout", body: "Delete this line." } }],
    ["Go: the answer flags a removal", { path: GO, lines: [6, 6], suggestion: "", finding: { title: "Noise on stdout", body: "It spams.", removal: true } }],
  ])("%s", (_name, input) => {
    expect(run(input)).toEqual({ kind: "committable", text: "" });
  });
});

describe("checkSuggestion shows a failing suggestion as a plain block with the reason", () => {
  it.each<[string, Case, string, string]>([
    ["TypeScript: on deleted lines", { path: TS, lines: [4, 4], suggestion: "    sum += item.price * 2;", finding: { side: "LEFT" } }, "range", "it is on deleted lines, and GitHub applies suggestions to the new file only"],
    ["Python: past the end of the new file", { path: PY, lines: [9, 9], suggestion: "    return result or 0" }, "range", "the commented lines could not all be found in the new file"],
    ["TypeScript: an unclosed brace", { path: TS, lines: [3, 5], suggestion: "  for (const item of items) {\n    sum += item.price * item.quantity;" }, "cut-off", "it looks cut off (`{` is never closed)"],
    ["TypeScript: an unclosed string", { path: TS, lines: [6, 6], suggestion: '  console.log("debug, sum);' }, "cut-off", "it looks cut off (a string is never closed)"],
    ["TypeScript: an unclosed block comment", { path: TS, lines: [4, 4], suggestion: "    sum += item.price; /* times the quantity" }, "cut-off", "it looks cut off (a comment is never closed)"],
    ["TypeScript: ends with a comma", { path: TS, lines: [4, 4], suggestion: "    sum += item.price," }, "cut-off", "it looks cut off (it ends with `,`)"],
    ["TypeScript: ends with an operator", { path: TS, lines: [4, 4], suggestion: "    sum += item.price +" }, "cut-off", "it looks cut off (it ends with `+`)"],
    ["Python: an unclosed call", { path: PY, lines: [4, 4], suggestion: "        result += compute(item.price," }, "cut-off", "it looks cut off (`(` is never closed)"],
    ["Python: a block header without its body", { path: PY, lines: [3, 4], suggestion: "    for item in items:" }, "cut-off", "it looks cut off (it ends with `:`)"],
    ["Python: an unclosed string", { path: PY, lines: [5, 5], suggestion: '    print("debug, result)' }, "cut-off", "it looks cut off (a string is never closed)"],
    ["Python: a placeholder comment", { path: PY, lines: [2, 6], suggestion: "    result = 0\n    # ... rest of the function" }, "cut-off", "it holds a placeholder (such as `...`) instead of the code"],
    ["Go: an unclosed block", { path: GO, lines: [3, 5], suggestion: "\tfor _, item := range items {\n\t\tsum += item.Price * item.Quantity" }, "cut-off", "it looks cut off (`{` is never closed)"],
    ["Go: an unclosed raw string", { path: GO, lines: [6, 6], suggestion: "\tfmt.Println(`debug, sum)" }, "cut-off", "it looks cut off (a string is never closed)"],
    ["Go: an extra closing brace", { path: GO, lines: [5, 5], suggestion: "\t}}" }, "cut-off", "its brackets do not balance the way the commented lines do"],
    ["Go: a placeholder line", { path: GO, lines: [3, 5], suggestion: "\tfor _, item := range items {\n\t\t...\n\t}" }, "cut-off", "it holds a placeholder (such as `...`) instead of the code"],
  ])("%s", (_name, input, check, reason) => {
    const result = run(input);
    expect(result).toEqual({ kind: "plain", text: expect.any(String), reason, check });
  });
});

describe("checkSuggestion never offers a line another bot would obey as a one-click suggestion", () => {
  // Committed as written, a suggestion cannot carry the zero-width space that makes a command inert.
  it.each<[string, Case, string]>([
    ["Python: a line of a docstring that is a Prow command", { path: PY, lines: [5, 5], suggestion: '    """Total.\n/lgtm\n"""' }, "a line starts with a bot command"],
    ["TypeScript: a slash command after a comment's star", { path: TS, lines: [4, 4], suggestion: "    sum += item.price; /*\n     * /approve\n     */" }, "a line starts with a bot command"],
    ["Go: a merge bot named in a comment", { path: GO, lines: [4, 4], suggestion: "\t\tsum += item.Price // @dependabot merge" }, "it names a bot that takes commands from comments"],
    ["TypeScript: bors and its command in a string", { path: TS, lines: [6, 6], suggestion: '  console.log("bors r+", sum);' }, "it names a bot that takes commands from comments"],
  ])("%s", (_name, input, reason) => {
    expect(run(input)).toEqual({ kind: "plain", text: expect.any(String), reason, check: "bot-command" });
  });

  it("still offers code with slashes and decorators that command nobody", () => {
    expect(run({ path: TS, lines: [4, 4], suggestion: "    sum += item.price / 100; // @octocat: cents" })).toMatchObject({ kind: "committable" });
  });
});

// A stand-in for the tree-sitter check: one syntax error per listed fragment found in the text.
function fakeParser(broken: string[], calls: Array<[string, string]> = []): ParseCheck {
  return (path, text) => {
    calls.push([path, text]);
    return { errors: broken.filter((fragment) => text.includes(fragment)).length };
  };
}

describe("checkSuggestion compares parse errors of the file before and after the suggestion", () => {
  it.each<[string, Case, string | null]>([
    ["TypeScript: a new syntax error", { path: TS, lines: [4, 4], suggestion: "    sum += item.price item.quantity;", parseCheck: fakeParser(["price item"]) }, "the file would not parse with it (1 new syntax error)"],
    ["Python: two new syntax errors", { path: PY, lines: [4, 4], suggestion: "        result += item.price item.quantity", parseCheck: fakeParser(["price item", "+= item.price item"]) }, "the file would not parse with it (2 new syntax errors)"],
    ["Go: a new syntax error", { path: GO, lines: [4, 4], suggestion: "\t\tsum += item.Price item.Quantity", parseCheck: fakeParser(["Price item"]) }, "the file would not parse with it (1 new syntax error)"],
    ["TypeScript: an error the file already had is not the suggestion's", { path: TS, lines: [4, 4], suggestion: "    sum += item.price * item.quantity;", parseCheck: fakeParser(["Item[]"]) }, null],
    ["Python: a language the parser does not know", { path: PY, lines: [4, 4], suggestion: "        result += item.price item.quantity", parseCheck: () => null }, null],
    ["Go: the suggestion parses", { path: GO, lines: [4, 4], suggestion: "\t\tsum += item.Price * item.Quantity", parseCheck: fakeParser(["Price item"]) }, null],
  ])("%s", (_name, input, reason) => {
    const result = run(input);
    if (reason === null) expect(result).toEqual({ kind: "committable", text: input.suggestion });
    else expect(result).toEqual({ kind: "plain", text: input.suggestion, reason, check: "parse" });
  });

  it("parses the file as it is and with exactly the commented lines replaced", () => {
    const calls: Array<[string, string]> = [];
    run({ path: GO, lines: [3, 5], suggestion: "\tfor _, item := range items {\n\t\tsum += item.Price * item.Quantity\n\t}", parseCheck: fakeParser([], calls) });
    expect(calls).toEqual([
      [GO, FILES[GO]],
      [
        GO,
        [
          "func Total(items []Item) int {",
          "\tsum := 0",
          "\tfor _, item := range items {",
          "\t\tsum += item.Price * item.Quantity",
          "\t}",
          '\tfmt.Println("debug", sum)',
          "\treturn sum",
          "}",
        ].join("\n"),
      ],
    ]);
  });

  it("does not parse without the file text", () => {
    const calls: Array<[string, string]> = [];
    const result = checkSuggestion({
      finding: { path: TS, line: 4, startLine: null, side: "RIGHT", title: "t", body: "b", suggestion: "    sum += item.price item.quantity;" },
      originalLines: ["    sum += item.price;"],
      parseCheck: fakeParser(["price item"], calls),
    });
    expect(result).toEqual({ kind: "committable", text: "    sum += item.price item.quantity;" });
    expect(calls).toEqual([]);
  });
});
