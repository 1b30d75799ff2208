import { describe, expect, it } from "@jest/globals";
import { readCommentedLines } from "../../../src/core/findings/read-commented-lines.js";
import { parsePatch } from "../../../src/core/diff/parse-patch.js";
import type { Finding } from "../../../src/core/types.js";

// New lines 10-14 (11-13 added, old 11 deleted); new lines 40-41 in a second hunk.
const PATCH = parsePatch({
  path: "src/cart.ts",
  status: "modified",
  additions: 3,
  deletions: 1,
  patch: [
    "@@ -10,3 +10,5 @@ export function total() {",
    "   let sum = 0;",
    "-  for (let i = 0; i <= items.length; i++) {",
    "+  for (const item of items) {",
    "+    sum += item.price;",
    "+  }",
    "   return sum;",
    "@@ -38,2 +40,2 @@",
    "-const a = 1;",
    "+const a = 2;",
    " const b = 3;",
  ].join("\n"),
});

const read = readCommentedLines([PATCH]);
const at = (overrides: Partial<Finding>) => read({ path: "src/cart.ts", line: 12, startLine: null, side: "RIGHT", ...overrides });

describe("readCommentedLines", () => {
  it.each<[string, Partial<Finding>, string[] | null]>([
    ["an added line", {}, ["    sum += item.price;"]],
    ["an unchanged line on RIGHT", { line: 14 }, ["  return sum;"]],
    ["a range of added and unchanged lines", { startLine: 11, line: 14 }, ["  for (const item of items) {", "    sum += item.price;", "  }", "  return sum;"]],
    ["a deleted line on LEFT", { side: "LEFT", line: 11 }, ["  for (let i = 0; i <= items.length; i++) {"]],
    ["an unchanged line on LEFT by its old number", { side: "LEFT", line: 12 }, ["  return sum;"]],
    ["a line of the second hunk", { line: 40 }, ["const a = 2;"]],
    ["a range reaching past the hunk", { startLine: 13, line: 16 }, null],
    ["a line between the hunks", { line: 20 }, null],
    ["a file not in the diff", { path: "src/other.ts" }, null],
  ])("%s", (_name, overrides, lines) => {
    expect(at(overrides)).toEqual(lines);
  });
});
