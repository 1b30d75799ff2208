import { describe, expect, it } from "@jest/globals";
import { rankCandidates } from "../../../src/core/context/rank-candidates.js";
import { selectWithinBudget } from "../../../src/core/context/select-within-budget.js";
import type { ContextCandidate } from "../../../src/core/context/types.js";

function candidate(overrides: Partial<ContextCandidate> & Pick<ContextCandidate, "path" | "startLine" | "endLine">): ContextCandidate {
  return { relation: "definition", reason: `${overrides.path}:${overrides.startLine}`, forTest: false, distance: 1, confidence: 0, specificity: 0, ...overrides };
}

describe("rankCandidates", () => {
  it("orders context of source changes before context of test changes, then enclosing > definition > caller > test, same file, surer resolution, calls before members, smaller first", () => {
    const ranked = rankCandidates([
      candidate({ path: "for-test.ts", startLine: 1, endLine: 2, relation: "enclosing", distance: 0, forTest: true }),
      candidate({ path: "test.ts", startLine: 1, endLine: 2, relation: "test" }),
      candidate({ path: "caller.ts", startLine: 1, endLine: 2, relation: "caller" }),
      candidate({ path: "member.ts", startLine: 1, endLine: 2, specificity: 3 }),
      candidate({ path: "searched.ts", startLine: 1, endLine: 2, confidence: 2 }),
      candidate({ path: "big-call.ts", startLine: 1, endLine: 30 }),
      candidate({ path: "small-call.ts", startLine: 1, endLine: 3 }),
      candidate({ path: "same-file.ts", startLine: 1, endLine: 50, distance: 0 }),
      candidate({ path: "enclosing.ts", startLine: 1, endLine: 90, relation: "enclosing", distance: 0 }),
    ]);
    expect(ranked.map((c) => c.path)).toEqual(["enclosing.ts", "same-file.ts", "small-call.ts", "big-call.ts", "member.ts", "searched.ts", "caller.ts", "test.ts", "for-test.ts"]);
  });
});

describe("selectWithinBudget", () => {
  it("never passes the budget, skips what does not fit and still takes smaller candidates after it", () => {
    const result = selectWithinBudget(
      [candidate({ path: "a.ts", startLine: 1, endLine: 6 }), candidate({ path: "b.ts", startLine: 1, endLine: 10 }), candidate({ path: "c.ts", startLine: 5, endLine: 8 })],
      10,
    );
    expect(result.kept.map(({ path, startLine, endLine }) => ({ path, startLine, endLine }))).toEqual([
      { path: "a.ts", startLine: 1, endLine: 6 },
      { path: "c.ts", startLine: 5, endLine: 8 },
    ]);
    expect(result.lines).toBe(10);
    expect(result.dropped).toEqual({ count: 1, lines: 10 });
  });

  it("merges overlapping and adjacent ranges of a file, charging only the new lines and keeping every reason", () => {
    const result = selectWithinBudget(
      [
        candidate({ path: "a.ts", startLine: 10, endLine: 20, relation: "enclosing", reason: "enclosing" }),
        candidate({ path: "a.ts", startLine: 15, endLine: 25, reason: "overlaps" }),
        candidate({ path: "a.ts", startLine: 26, endLine: 27, reason: "adjacent" }),
        candidate({ path: "a.ts", startLine: 12, endLine: 14, reason: "inside" }),
        candidate({ path: "a.ts", startLine: 40, endLine: 41, reason: "apart" }),
      ],
      20,
    );
    expect(result.kept).toEqual([
      { path: "a.ts", startLine: 10, endLine: 27, reasons: ["enclosing", "overlaps", "adjacent", "inside"], relation: "enclosing", order: 0 },
      { path: "a.ts", startLine: 40, endLine: 41, reasons: ["apart"], relation: "definition", order: 4 },
    ]);
    expect(result.lines).toBe(20);
    expect(result.dropped).toEqual({ count: 0, lines: 0 });
  });

  it("drops a merge whose extra lines do not fit", () => {
    const result = selectWithinBudget([candidate({ path: "a.ts", startLine: 1, endLine: 5 }), candidate({ path: "a.ts", startLine: 3, endLine: 9 })], 6);
    expect(result.kept.map(({ startLine, endLine }) => [startLine, endLine])).toEqual([[1, 5]]);
    expect(result.dropped).toEqual({ count: 1, lines: 4 });
  });

  it("keeps nothing with a zero budget", () => {
    expect(selectWithinBudget([candidate({ path: "a.ts", startLine: 1, endLine: 1 })], 0)).toEqual({ kept: [], dropped: { count: 1, lines: 1 }, lines: 0 });
  });
});
