import { describe, expect, it } from "@jest/globals";
import { applyReviewBudget } from "../../../src/core/files/apply-review-budget.js";

const request = (paths: string[], inputTokens: number) => ({ paths, inputTokens });
const PRICE = { inputPerMillion: 2, outputPerMillion: 8 };

describe("applyReviewBudget", () => {
  it("keeps every request within the budgets and says what they cost at most", () => {
    const result = applyReviewBudget({ requests: [request(["a.ts"], 10_000), request(["b.ts"], 20_000)], settings: { operatorMaxTokens: 100_000 }, price: PRICE, maxOutputTokens: 1_000 });
    expect(result.kept).toHaveLength(2);
    expect(result.skipped).toEqual([]);
    // 30,000 input tokens at $2/M and two answers of at most 1,000 tokens at $8/M.
    expect(result.planned).toEqual({ inputTokens: 30_000, maxCostUsd: 0.06 + 0.016 });
  });

  it("names each file past the token budget with the budget, the setting and what was already planned; a smaller request after it still fits", () => {
    const result = applyReviewBudget({
      requests: [request(["a.ts", "b.ts"], 60_000), request(["c.ts"], 50_000), request(["d.ts"], 30_000)],
      settings: { operatorMaxTokens: 100_000 },
      price: null,
      maxOutputTokens: 1_000,
    });
    expect(result.kept.map((kept) => kept.paths)).toEqual([["a.ts", "b.ts"], ["d.ts"]]);
    expect(result.skipped).toEqual([
      { path: "c.ts", reason: "its model request (50,000 input tokens) would pass the review's budget of 100,000 tokens (PATCHWISE_MAX_REVIEW_TOKENS), 60,000 of which are already planned" },
    ]);
    expect(result.planned).toEqual({ inputTokens: 90_000, maxCostUsd: null });
  });

  it("lets a repository lower the token budget, and names its setting then, but never raise it", () => {
    const requests = [request(["a.ts"], 40_000), request(["b.ts"], 40_000)];
    const lowered = applyReviewBudget({ requests, settings: { operatorMaxTokens: 100_000, repoMaxTokens: 50_000 }, price: null, maxOutputTokens: 0 });
    expect(lowered.skipped).toEqual([{ path: "b.ts", reason: expect.stringContaining("budget of 50,000 tokens (limits.maxReviewTokens in .github/patchwise.yml)") }]);
    const raised = applyReviewBudget({ requests, settings: { operatorMaxTokens: 60_000, repoMaxTokens: 500_000 }, price: null, maxOutputTokens: 0 });
    expect(raised.skipped).toEqual([{ path: "b.ts", reason: expect.stringContaining("(PATCHWISE_MAX_REVIEW_TOKENS)") }]);
  });

  it("stops at the money budget where the price is known, counting each answer at its limit", () => {
    // Each request: 100,000 input tokens ($0.20) and up to 10,000 answer tokens ($0.08).
    const requests = [request(["a.ts"], 100_000), request(["b.ts"], 100_000), request(["c.ts"], 100_000)];
    const result = applyReviewBudget({ requests, settings: { operatorMaxTokens: 10_000_000, operatorMaxCostUsd: 0.6 }, price: PRICE, maxOutputTokens: 10_000 });
    expect(result.kept.map((kept) => kept.paths[0])).toEqual(["a.ts", "b.ts"]);
    expect(result.skipped).toEqual([{ path: "c.ts", reason: "its model request (up to $0.2800) would pass the review's budget of $0.6000 (PATCHWISE_MAX_REVIEW_COST_USD), $0.5600 of which is already planned" }]);
  });

  it("lets a repository set a money budget the operator did not, and ignores money when the price is unknown", () => {
    const requests = [request(["a.ts"], 100_000), request(["b.ts"], 100_000)];
    const repo = applyReviewBudget({ requests, settings: { operatorMaxTokens: 10_000_000, repoMaxCostUsd: 0.3 }, price: PRICE, maxOutputTokens: 10_000 });
    expect(repo.skipped).toEqual([{ path: "b.ts", reason: expect.stringContaining("(limits.maxReviewCostUsd in .github/patchwise.yml)") }]);
    const unpriced = applyReviewBudget({ requests, settings: { operatorMaxTokens: 10_000_000, repoMaxCostUsd: 0.3 }, price: null, maxOutputTokens: 10_000 });
    expect(unpriced.skipped).toEqual([]);
  });

  it("lists a file split over several requests once", () => {
    const result = applyReviewBudget({ requests: [request(["big.ts"], 60_000), request(["big.ts"], 60_000), request(["big.ts"], 60_000)], settings: { operatorMaxTokens: 70_000 }, price: null, maxOutputTokens: 0 });
    expect(result.skipped.map((entry) => entry.path)).toEqual(["big.ts"]);
  });
});
