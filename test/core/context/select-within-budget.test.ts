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
    expect(selectWithinBudget([candidate({ path: "a.ts", startLine: 1, endLine: 1 })], 0)).toEqual({ kept: [], dropped: { count: 1, lines: 1 }, signaturesOnly: 0, lines: 0 });
  });

  it("first takes the signature of every definition, then whole ones in rank order while they fit", () => {
    const result = selectWithinBudget(
      [
        candidate({ path: "first.ts", startLine: 1, endLine: 30, signature: { startLine: 5, endLine: 6 }, reason: "first" }),
        candidate({ path: "second.ts", startLine: 1, endLine: 8, signature: { startLine: 3, endLine: 3 }, reason: "second" }),
        candidate({ path: "third.ts", startLine: 10, endLine: 40, signature: { startLine: 10, endLine: 10 }, reason: "third" }),
      ],
      12,
    );
    // Signatures: 2 + 1 + 1 lines; then first.ts whole (28 more) does not fit, second.ts whole (7 more) does.
    expect(result.kept).toEqual([
      { path: "first.ts", startLine: 5, endLine: 6, reasons: ["first (signature only)"], relation: "definition", order: 0 },
      { path: "second.ts", startLine: 1, endLine: 8, reasons: ["second"], relation: "definition", order: 1 },
      { path: "third.ts", startLine: 10, endLine: 10, reasons: ["third (signature only)"], relation: "definition", order: 2 },
    ]);
    expect(result).toMatchObject({ lines: 11, signaturesOnly: 2, dropped: { count: 0, lines: 0 } });
  });

  it("counts a definition shown by its header once, however many uses asked for it, even when other code around its header is shown", () => {
    const result = selectWithinBudget(
      [
        candidate({ path: "a.ts", startLine: 1, endLine: 60, signature: { startLine: 1, endLine: 1 }, reason: "use 1" }),
        candidate({ path: "a.ts", startLine: 1, endLine: 60, signature: { startLine: 1, endLine: 1 }, reason: "use 2" }),
        candidate({ path: "b.ts", startLine: 5, endLine: 80, signature: { startLine: 5, endLine: 5 }, reason: "method" }),
        candidate({ path: "b.ts", startLine: 1, endLine: 9, relation: "caller", reason: "around the method's header" }),
      ],
      20,
    );
    expect(result.kept.map((range) => [range.path, range.startLine, range.endLine])).toEqual([
      ["a.ts", 1, 1],
      ["b.ts", 1, 9],
    ]);
    expect(result.signaturesOnly).toBe(2);
  });

  it("keeps a short enclosing definition or one without a signature in the first pass, and callers and tests only in the second", () => {
    const result = selectWithinBudget(
      [
        candidate({ path: "a.ts", startLine: 1, endLine: 4, relation: "enclosing", reason: "enclosing" }),
        candidate({ path: "b.ts", startLine: 1, endLine: 30, relation: "enclosing", reason: "long window" }),
        candidate({ path: "c.ts", startLine: 1, endLine: 20, signature: { startLine: 1, endLine: 1 }, reason: "definition" }),
        candidate({ path: "d.ts", startLine: 1, endLine: 3, relation: "caller", reason: "caller" }),
      ],
      8,
    );
    expect(result.kept.map((range) => range.reasons)).toEqual([["enclosing"], ["definition (signature only)"], ["caller"]]);
    expect(result.dropped).toEqual({ count: 1, lines: 30 });
  });
});
