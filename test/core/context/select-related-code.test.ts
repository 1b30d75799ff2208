import { beforeAll, describe, expect, it } from "@jest/globals";
import { createRepoSnapshot } from "../../../src/core/context/repo-snapshot.js";
import { selectRelatedCode } from "../../../src/core/context/select-related-code.js";
import type { SyntaxService } from "../../../src/core/context/types.js";
import { parsePatch } from "../../../src/core/diff/parse-patch.js";
import type { FilePatch } from "../../../src/core/types.js";
import { loadSyntaxService } from "../../../src/syntax/load-parsers.js";
import { loadContextFixture } from "../../fixtures/context/load-context-fixture.js";

let syntax: SyntaxService;

beforeAll(async () => {
  syntax = await loadSyntaxService();
});

function modified(path: string, patch: string): FilePatch {
  return parsePatch({ path, status: "modified", additions: 1, deletions: 1, patch });
}

const lineCount = (snippets: { startLine: number; endLine: number }[]) => snippets.reduce((sum, s) => sum + s.endLine - s.startLine + 1, 0);

describe("selectRelatedCode", () => {
  it("never passes the line budget: the change's own function first, then a signature where a whole definition does not fit, and says what it left out", () => {
    const fixture = loadContextFixture("typescript");
    const small = selectRelatedCode({ patches: fixture.patches, repo: fixture.repo, syntax, budgetLines: 20 });
    expect(lineCount(small.snippets)).toBeLessThanOrEqual(20);
    expect(small.stats.selectedLines).toBe(lineCount(small.snippets));
    expect(small.snippets[0]).toMatchObject({ path: "src/config/parse-config.ts", startLine: 4, endLine: 11, relation: "enclosing" });
    // readNumber's 11 lines (doc comment and body) do not fit; its header does.
    expect(small.snippets).toContainEqual(
      expect.objectContaining({ path: "src/util/env.ts", startLine: 5, endLine: 5, text: "export function readNumber(raw: Record<string, string>, key: string): number | undefined {", reason: expect.stringMatching(/`readNumber` called in src\/config\/parse-config.ts:9 \(signature only\)$/) }),
    );
    expect(small.signaturesOnly).toBe(1);
    // The two test blocks: 6 lines no kept snippet shows.
    expect(small.dropped).toEqual({ count: 2, lines: 6 });
    expect(selectRelatedCode({ patches: fixture.patches, repo: fixture.repo, syntax, budgetLines: 0 }).snippets).toEqual([]);
  });

  it("shows every used definition whole when the budget allows", () => {
    const fixture = loadContextFixture("typescript");
    const full = selectRelatedCode({ patches: fixture.patches, repo: fixture.repo, syntax });
    expect(full.signaturesOnly).toBe(0);
    expect(full.dropped).toEqual({ count: 0, lines: 0 });
    expect(full.snippets.find((snippet) => snippet.path === "src/util/env.ts")).toMatchObject({ startLine: 1, endLine: 11 });
  });

  it("falls back to the indentation/brace outline for a language without a grammar", () => {
    const kotlin = [
      "package shop",
      "",
      "fun tax(amount: Int): Int {",
      "    return amount / 5",
      "}",
      "",
      "fun total(items: List<Int>): Int {",
      "    val sum = items.sum()",
      "    // add the tax",
      "    val withTax = sum + tax(sum)",
      "    return withTax",
      "}",
      "",
    ].join("\n");
    const repo = createRepoSnapshot(new Map([["src/Shop.kt", kotlin]]));
    const patch = modified("src/Shop.kt", "@@ -9,3 +9,3 @@\n     // add the tax\n-    val withTax = sum\n+    val withTax = sum + tax(sum)\n     return withTax");
    const { snippets, stats } = selectRelatedCode({ patches: [patch], repo, syntax });
    expect(snippets.map(({ startLine, endLine, reason }) => ({ startLine, endLine, reason }))).toEqual([
      { startLine: 7, endLine: 12, reason: "enclosing `total` of the change at src/Shop.kt:10" },
      { startLine: 3, endLine: 5, reason: "definition of `tax` used in src/Shop.kt:10" },
    ]);
    expect(stats.fallbackFiles).toBe(1);
  });

  it("never takes a definition or a caller from another language for a name they share", () => {
    const repo = createRepoSnapshot(
      new Map([
        ["src/cart.ts", ["export function cartTotal(items: number[]) {", "  const count = items.length;", "  return count;", "}", ""].join("\n")],
        ["native/route.cpp", ["class Route {", " public:", "  double length() const {", "    return 1.0;", "  }", "};", "double trip(Route r) { return cartTotal(r); }", ""].join("\n")],
        ["lib/report.rb", ["def report(items)", "  cartTotal(items)", "end", ""].join("\n")],
        ["src/checkout.ts", ['import { cartTotal } from "./cart";', "", "export function checkout(items: number[]) {", "  return cartTotal(items);", "}", ""].join("\n")],
      ]),
    );
    const patch = modified("src/cart.ts", "@@ -1,4 +1,4 @@\n export function cartTotal(items: number[]) {\n-  const count = items.size;\n+  const count = items.length;\n   return count;\n }");
    const { snippets } = selectRelatedCode({ patches: [patch], repo, syntax });
    expect(snippets.map((snippet) => snippet.path)).toEqual(["src/checkout.ts"]);
  });

  it("guesses no definition for a built-in member of an unknown receiver, and takes none from a test file for code outside the tests", () => {
    const repo = createRepoSnapshot(
      new Map([
        ["src/notes.ts", ["export function collect(names: string[], text: string) {", "  names.push(text);", "  return text.indexOf(\"//\") + tally(names);", "}", ""].join("\n")],
        ["src/stack.ts", ["export class Stack {", "  push(item: string) {", "    return item;", "  }", "}", ""].join("\n")],
        ["test/helpers.ts", ["export const indexOf = (items: string[]) => items.length;", "export function tally(names: string[]) {", "  return names.length;", "}", ""].join("\n")],
      ]),
    );
    const patch = modified("src/notes.ts", "@@ -1,4 +1,4 @@\n export function collect(names: string[], text: string) {\n   names.push(text);\n-  return 0;\n+  return text.indexOf(\"//\") + tally(names);\n }");
    const { snippets } = selectRelatedCode({ patches: [patch], repo, syntax });
    expect(snippets.filter((snippet) => snippet.path !== "src/notes.ts")).toEqual([]);
  });

  it("shows the callers of a function the change removes", () => {
    const repo = createRepoSnapshot(
      new Map([
        ["src/math.ts", "export function add(a: number, b: number): number {\n  return a + b;\n}\n"],
        ["src/report.ts", 'import { add, square } from "./math.js";\n\nexport function report(x: number): string {\n  return `${add(x, 1)} ${square(x)}`;\n}\n'],
      ]),
    );
    const patch = modified("src/math.ts", "@@ -2,5 +2,2 @@\n   return a + b;\n }\n-export function square(x: number): number {\n-  return x * x;\n-}");
    const { snippets } = selectRelatedCode({ patches: [patch], repo, syntax });
    expect(snippets).toEqual([
      { path: "src/report.ts", startLine: 3, endLine: 5, relation: "caller", reason: "caller of `square`, which the change removes (src/report.ts:4)", text: "export function report(x: number): string {\n  return `${add(x, 1)} ${square(x)}`;\n}" },
    ]);
  });

  it("cuts an enclosing function longer than the snippet limit to a window around the change plus its signature, one snippet with the lines between left out", () => {
    const body = Array.from({ length: 200 }, (_, i) => `  total += step(${i});`);
    const text = ["function step(n: number): number {", "  return n;", "}", "", "export function long(): number {", "  let total = 0;", ...body, "  return total;", "}", ""].join("\n");
    const repo = createRepoSnapshot(new Map([["src/long.ts", text]]));
    // Line 106 is `  total += step(99);`.
    const patch = modified("src/long.ts", "@@ -106,1 +106,1 @@\n-  total += step(98);\n+  total += step(99);");
    const { snippets } = selectRelatedCode({ patches: [patch], repo, syntax, limits: { maxSnippetLines: 30 } });
    expect(snippets.map(({ startLine, endLine, relation, gaps }) => ({ startLine, endLine, relation, gaps }))).toEqual([
      // The signature (5-7, with the declaration of `total` the change uses) and the window (96-116).
      { startLine: 5, endLine: 116, relation: "enclosing", gaps: [{ startLine: 8, endLine: 95 }] },
      { startLine: 1, endLine: 3, relation: "definition", gaps: undefined },
    ]);
    expect(snippets[0]!.reason).toBe("enclosing function `long` of the change at src/long.ts:106 (part of 204 lines); declarations of the locals and parameters the change at src/long.ts:106 uses; signature of `long`, around the change at src/long.ts:106");
  });

  it("leaves out code the diff already shows and definitions the diff adds", () => {
    const repo = createRepoSnapshot(new Map([["src/a.ts", "export function helper(): number {\n  return 1;\n}\n\nexport function main(): number {\n  return helper();\n}\n"]]));
    const added = parsePatch({ path: "src/a.ts", status: "added", additions: 7, deletions: 0, patch: "@@ -0,0 +1,7 @@\n+export function helper(): number {\n+  return 1;\n+}\n+\n+export function main(): number {\n+  return helper();\n+}" });
    expect(selectRelatedCode({ patches: [added], repo, syntax }).snippets).toEqual([]);
  });

  it("parses the deleted code of a large change only within the parse cap", () => {
    // 30 changed files, each deleting a line in three hunks: 30 files and 90 old sides to parse.
    const head = Array.from({ length: 3 }, (_, hunk) => `export function f${hunk}(): number {\n  return ${hunk};\n}\n`).join("\n");
    const hunks = [0, 1, 2].map((hunk) => `@@ -${hunk * 4 + 2},2 +${hunk * 4 + 2},1 @@\n   return ${hunk};\n-  return -1;`).join("\n");
    const paths = Array.from({ length: 30 }, (_, file) => `src/m${file}.ts`);
    const repo = createRepoSnapshot(new Map(paths.map((path) => [path, head])));
    const patches = paths.map((path) => modified(path, hunks));
    let parsed = 0;
    const counting: SyntaxService = { outline: (path, text) => (parsed++, syntax.outline(path, text)) };

    const { stats } = selectRelatedCode({ patches, repo, syntax: counting, limits: { maxParsedFiles: 40 } });

    // Each changed file is parsed (its own outline is always needed); old sides only up to the cap.
    expect(parsed).toBe(40);
    expect(stats).toMatchObject({ parsedFiles: 40, parseCapReached: true });
  });

  it("looks for the changed symbols of a large change in file order, and stops at 40", () => {
    // 45 changed files, each changing one line of its own function: one symbol each.
    const paths = Array.from({ length: 45 }, (_, file) => `src/m${file}.ts`);
    const repo = createRepoSnapshot(new Map(paths.map((path, file) => [path, `export function f${file}(): number {\n  const x = 2;\n  return x;\n}\n`])));
    const patches = paths.map((path) => modified(path, "@@ -2,2 +2,2 @@\n-  const x = 1;\n+  const x = 2;\n   return x;"));
    const parsedOldSides: string[] = [];
    const counting: SyntaxService = {
      outline: (path, text) => {
        if (text.includes("const x = 1;")) parsedOldSides.push(path);
        return syntax.outline(path, text);
      },
    };

    selectRelatedCode({ patches, repo, syntax: counting });

    expect(parsedOldSides).toEqual(paths.slice(0, 40));
  });
});
