import { describe, expect, it } from "@jest/globals";
import { anchorFindings, type AnchorLimits } from "../../../src/core/review/anchor-findings.js";
import { lineKey, type Finding, type LineMap, type Side } from "../../../src/core/types.js";

// src/cart.ts: hunk 0 shows new lines 10-14 and old lines 10-12 (line 11 deleted, 11-13 added);
// hunk 1 shows new lines 40-42 and old lines 38-41 (old line 39 deleted).
// a/b.ts exists too, to check that a real top-level `a/` directory is not mangled.
function fileMap(entries: Array<[Side, number[], number]>): Map<string, number> {
  return new Map(entries.flatMap(([side, lines, hunk]) => lines.map((line) => [lineKey(side, line), hunk] as [string, number])));
}
const LINE_MAP: LineMap = new Map([
  ["src/cart.ts", fileMap([["RIGHT", [10, 11, 12, 13, 14], 0], ["LEFT", [10, 11, 12], 0], ["RIGHT", [40, 41, 42], 1], ["LEFT", [38, 39, 40, 41], 1]])],
  ["a/b.ts", fileMap([["RIGHT", [1, 2], 0]])],
]);

const LIMITS: AnchorLimits = { minSeverity: "nit", maxComments: 10, excludeCategories: [] };

function finding(overrides: Partial<Finding> = {}): Finding {
  return {
    path: "src/cart.ts",
    line: 12,
    startLine: null,
    side: "RIGHT",
    severity: "major",
    category: "bug",
    title: "Total ignores discounts",
    body: "Apply the discount before summing.",
    suggestion: "  return total - discount;",
    ...overrides,
  };
}

type Bucket = "inline" | "outsideDiff" | "belowThreshold" | "overLimit";

function bucketOf(result: ReturnType<typeof anchorFindings>): [Bucket, Finding] {
  const entries = (Object.entries(result) as Array<[Bucket, Finding[]]>).filter(([, list]) => list.length > 0);
  expect(entries).toHaveLength(1);
  expect(entries[0]![1]).toHaveLength(1);
  return [entries[0]![0], entries[0]![1][0]!];
}

describe("anchorFindings places one finding", () => {
  it.each<[string, Partial<Finding>, Partial<AnchorLimits>, Bucket, Partial<Finding>]>([
    ["an added line inline", {}, {}, "inline", { line: 12, startLine: null }],
    ["an unchanged line inline", { line: 10 }, {}, "inline", { line: 10 }],
    ["a deleted line on LEFT inline", { side: "LEFT", line: 11, suggestion: null }, {}, "inline", { side: "LEFT", line: 11 }],
    ["a line between the hunks outside the diff", { line: 25 }, {}, "outsideDiff", { line: 25 }],
    ["an old-file line cited on RIGHT outside the diff", { line: 38 }, {}, "outsideDiff", { line: 38 }],
    ["a file that is not in the diff outside the diff", { path: "src/other.ts" }, {}, "outsideDiff", { path: "src/other.ts" }],
    ["a valid range inline, range and suggestion kept", { startLine: 10, line: 13 }, {}, "inline", { startLine: 10, line: 13, suggestion: "  return total - discount;" }],
    ["a range across two hunks on its last line, without the suggestion", { startLine: 12, line: 41 }, {}, "inline", { startLine: null, line: 41, suggestion: null }],
    ["a range starting outside the diff on its last line", { startLine: 5, line: 12 }, {}, "inline", { startLine: null, line: 12, suggestion: null }],
    ["a reversed range on its last line", { startLine: 13, line: 12 }, {}, "inline", { startLine: null, line: 12, suggestion: null }],
    ["a range of one line as a single line, keeping the suggestion", { startLine: 12, line: 12 }, {}, "inline", { startLine: null, suggestion: "  return total - discount;" }],
    ["a range ending outside the diff outside the diff", { startLine: 12, line: 20 }, {}, "outsideDiff", { startLine: 12, line: 20 }],
    ["a range on LEFT within one hunk inline", { side: "LEFT", startLine: 10, line: 12, suggestion: null }, {}, "inline", { side: "LEFT", startLine: 10, line: 12 }],
    ["an excluded category below the threshold", { category: "style" }, { excludeCategories: ["style"] }, "belowThreshold", { category: "style" }],
    ["a severity under minSeverity below the threshold", { severity: "nit" }, { minSeverity: "minor" }, "belowThreshold", { severity: "nit" }],
    ["a severity equal to minSeverity inline", { severity: "minor" }, { minSeverity: "minor" }, "inline", { severity: "minor" }],
    ["an excluded finding outside the diff below the threshold", { category: "style", line: 25 }, { excludeCategories: ["style"] }, "belowThreshold", { line: 25 }],
    ["a path with ./ inline, normalised", { path: "./src/cart.ts" }, {}, "inline", { path: "src/cart.ts" }],
    ["a path with a leading / inline, normalised", { path: "/src/cart.ts" }, {}, "inline", { path: "src/cart.ts" }],
    ["a path with git's b/ prefix inline, normalised", { path: "b/src/cart.ts" }, {}, "inline", { path: "src/cart.ts" }],
    ["a path with git's a/ prefix inline, normalised", { path: "a/src/cart.ts" }, {}, "inline", { path: "src/cart.ts" }],
    ["a real a/ directory inline, unchanged", { path: "a/b.ts", line: 2 }, {}, "inline", { path: "a/b.ts" }],
    ["a ./ path outside the diff, listed normalised", { path: "./src/cart.ts", line: 99 }, {}, "outsideDiff", { path: "src/cart.ts", line: 99 }],
    ["any commentable finding over a limit of 0", {}, { maxComments: 0 }, "overLimit", { line: 12 }],
  ])("%s", (_name, overrides, limits, bucket, expected) => {
    const [actual, placed] = bucketOf(anchorFindings([finding(overrides)], LINE_MAP, { ...LIMITS, ...limits }));
    expect(actual).toBe(bucket);
    expect(placed).toEqual(finding({ ...overrides, ...expected }));
  });
});

describe("anchorFindings over several findings", () => {
  it("posts the most severe first, then by path and line, and lists the rest as over the limit", () => {
    const findings = [
      finding({ severity: "minor", line: 10, title: "m10" }),
      finding({ severity: "critical", line: 41, title: "c41" }),
      finding({ severity: "major", path: "a/b.ts", line: 2, title: "M-a" }),
      finding({ severity: "critical", line: 13, title: "c13" }),
      finding({ severity: "major", line: 11, title: "M11" }),
    ];
    const result = anchorFindings(findings, LINE_MAP, { ...LIMITS, maxComments: 3 });
    expect(result.inline.map((f) => f.title)).toEqual(["c13", "c41", "M-a"]);
    expect(result.overLimit.map((f) => f.title)).toEqual(["M11", "m10"]);
    expect(result.outsideDiff).toEqual([]);
    expect(result.belowThreshold).toEqual([]);
  });

  it("collapses exact duplicates (same path, line and title), also after path normalisation", () => {
    const findings = [finding(), finding({ path: "./src/cart.ts", body: "Said differently." }), finding({ title: "Another problem" }), finding({ line: 13 })];
    const result = anchorFindings(findings, LINE_MAP, LIMITS);
    expect(result.inline).toEqual([finding(), finding({ title: "Another problem" }), finding({ line: 13 })]);
  });

  it("returns empty lists for no findings", () => {
    expect(anchorFindings([], LINE_MAP, LIMITS)).toEqual({ inline: [], outsideDiff: [], belowThreshold: [], overLimit: [] });
  });
});
