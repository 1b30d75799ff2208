import { describe, expect, it } from "@jest/globals";
import type { ReviewRange } from "../../../src/core/review/plan-incremental-range.js";
import { renderReviewRange } from "../../../src/core/review/render-review-range.js";
import { renderSummary } from "../../../src/core/review/render-summary.js";
import type { ReviewState } from "../../../src/core/review/review-state.js";

const LAST = "abc1234".padEnd(40, "0");
const HEAD = "def5678".padEnd(40, "0");
const EARLIER: ReviewState = { reviewedSha: LAST, reviews: 1, findings: { critical: 0, major: 1, minor: 2, nit: 0 }, worstOpen: "major" };
const INCREMENTAL: ReviewRange = { kind: "incremental", baseSha: LAST, headSha: HEAD, files: 1, ofFiles: 3, hunks: 1, ofHunks: 4 };

describe("renderReviewRange", () => {
  it.each<[string, ReviewRange, ReviewState | null, string]>([
    ["an incremental review", INCREMENTAL, EARLIER, "Reviewed changes `abc1234..def5678` (incremental: 1 of 3 changed files, 1 of 4 hunks); earlier reviews: 3 findings (1 🟠 Major, 2 🟡 Minor)."],
    [
      "a full review after a force-push",
      { kind: "full", headSha: HEAD, reason: "history rewritten", lastReviewedSha: LAST },
      EARLIER,
      "Reviewed the whole pull request at `def5678` (full: the branch's history changed since the last review at `abc1234`, by a force-push or rebase); earlier reviews: 3 findings (1 🟠 Major, 2 🟡 Minor).",
    ],
    [
      "/review full after a review without findings",
      { kind: "full", headSha: HEAD, reason: "full review requested", lastReviewedSha: LAST },
      { ...EARLIER, findings: { critical: 0, major: 0, minor: 0, nit: 0 } },
      "Reviewed the whole pull request at `def5678` (full, as `/review full` asked); earlier reviews: no findings.",
    ],
    ["a first review says nothing", { kind: "full", headSha: HEAD, reason: "no earlier review", lastReviewedSha: null }, null, ""],
  ])("%s", (_name, range, earlier, expected) => {
    expect(renderReviewRange(range, earlier)).toBe(expected);
  });

  it("goes under the summary's title, and the new state into its hidden marker", () => {
    const summary = renderSummary({
      headSha: HEAD,
      model: "gpt-4.1-mini",
      provider: "openai",
      tokens: { input: 10, output: 5 },
      answer: { summary: "Adds a guard.", walkthrough: [] },
      inlineCount: 0,
      outsideDiff: [],
      belowThreshold: [],
      overLimit: [],
      skippedFiles: [],
      configErrors: [],
      failure: null,
      reviewRange: { range: INCREMENTAL, earlier: EARLIER },
      reviewState: { ...EARLIER, reviewedSha: HEAD, reviews: 2 },
    });

    expect(summary).toBe(
      [
        "<!-- patchwise:summary -->",
        "## Patchwise review",
        "",
        "Reviewed changes `abc1234..def5678` (incremental: 1 of 3 changed files, 1 of 4 hunks); earlier reviews: 3 findings (1 🟠 Major, 2 🟡 Minor).",
        "",
        "### Summary",
        "Adds a guard.",
        "",
        "### Findings",
        "✅ No issues found.",
        "",
        "<sub>Model `gpt-4.1-mini` via openai · 10 input / 5 output tokens · commit def5678</sub>",
        "",
        `<!-- patchwise:state v1 sha=${HEAD} reviews=2 critical=0 major=1 minor=2 nit=0 worst=major -->`,
      ].join("\n"),
    );
  });
});
