import { describe, expect, it } from "@jest/globals";
import { mergeChunkFindings } from "../../../src/core/chunk/merge-chunk-findings.js";
import type { Finding } from "../../../src/core/types.js";

const finding = (over: Partial<Finding>): Finding => ({
  path: "src/cart.ts",
  line: 10,
  startLine: null,
  side: "RIGHT",
  severity: "minor",
  category: "bug",
  title: "Missing null check",
  body: "b",
  suggestion: null,
  ...over,
});

describe("mergeChunkFindings", () => {
  it("keeps a finding two requests both reported once, at its first place, with the higher severity", () => {
    const first = [finding({ title: "Off-by-one in loop", line: 3 }), finding({ body: "first words" })];
    const second = [finding({ title: "missing null check.", severity: "major", body: "second words" }), finding({ line: 11 })];
    expect(mergeChunkFindings([first, second])).toEqual([
      finding({ title: "Off-by-one in loop", line: 3 }),
      finding({ title: "missing null check.", severity: "major", body: "second words" }),
      finding({ line: 11 }),
    ]);
  });

  it.each([
    ["another line", { line: 12 }],
    ["another file", { path: "src/other.ts" }],
    ["the other side", { side: "LEFT" as const }],
    ["another title", { title: "Unbounded retry" }],
  ])("keeps findings on %s apart", (_case, over) => {
    expect(mergeChunkFindings([[finding({})], [finding(over)]])).toHaveLength(2);
  });

  it("keeps the first of equally severe duplicates", () => {
    expect(mergeChunkFindings([[finding({ body: "one" })], [finding({ body: "two" })]])).toEqual([finding({ body: "one" })]);
  });
});
