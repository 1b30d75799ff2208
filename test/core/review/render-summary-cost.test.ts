import { describe, expect, it } from "@jest/globals";
import { renderSummary, type SummaryInput } from "../../../src/core/review/render-summary.js";

const base: SummaryInput = {
  headSha: "abcdef1234567890abcdef1234567890abcdef12",
  model: "gpt-4.1-mini",
  provider: "openai",
  tokens: { input: 412_345, output: 6_780 },
  answer: { summary: "Adds discounts.", walkthrough: [] },
  inlineCount: 0,
  outsideDiff: [],
  belowThreshold: [],
  overLimit: [],
  skippedFiles: [],
  configErrors: [],
  failure: null,
};

describe("renderSummary: the review's cost", () => {
  it("shows what the provider's token counts cost at the model's price in the footer", () => {
    // 412,345 × $0.40/M + 6,780 × $1.60/M = $0.1758.
    expect(renderSummary({ ...base, costUsd: 0.1758228 })).toContain("· 412,345 input / 6,780 output tokens (about $0.1758) · commit abcdef1</sub>");
  });

  it("shows no figure when the price is unknown", () => {
    expect(renderSummary({ ...base, costUsd: null })).toContain("· 412,345 input / 6,780 output tokens · commit abcdef1</sub>");
  });

  it("names a partial review at the top with the counts", () => {
    const summary = renderSummary({ ...base, partial: { requests: 1, of: 4, files: 12 }, skippedFiles: [{ path: "src/a.ts", reason: "its model request failed: the model provider had a server error (openai, HTTP 500): try /review again later" }] });
    expect(summary).toContain("> **Partial review:** 1 of 4 model requests failed for good, so 12 files were not reviewed (listed below with the reason).");
    expect(summary.indexOf("Partial review")).toBeLessThan(summary.indexOf("### Summary"));
  });
});
