import { describe, expect, it } from "@jest/globals";
import { renderSummary, type SummaryInput } from "../../../src/core/review/render-summary.js";
import { makeFinding } from "../../helpers/make-finding.js";

// Where the summary comment shows the feedback on earlier comments, the verify pass and its cost.

function input(overrides: Partial<SummaryInput> = {}): SummaryInput {
  return {
    headSha: "abcdef1234567890abcdef1234567890abcdef12",
    model: "gpt-4.1-mini",
    provider: "openai",
    tokens: { input: 12345, output: 678 },
    answer: { summary: "Adds discounts.", walkthrough: [] },
    inlineCount: 1,
    inline: [makeFinding()],
    outsideDiff: [],
    belowThreshold: [],
    overLimit: [],
    skippedFiles: [],
    configErrors: [],
    failure: null,
    ...overrides,
  };
}

const verification = { threshold: 0.6, requests: 1, failed: 0, scored: 3, dropped: 2, tokens: { input: 900, output: 45 } };
const feedback = { up: 3, down: 2, byKind: [{ category: "style" as const, severity: "nit" as const, up: 0, down: 2 }, { category: "bug" as const, severity: "major" as const, up: 3, down: 0 }] };

describe("renderSummary with the verify pass and feedback", () => {
  it("says how many findings verification dropped after the findings, and shows its tokens apart from the review's", () => {
    const summary = renderSummary(input({ verification }));

    expect(summary).toContain("\n\n🔎 Verification: 3 findings scored against the code they cite; 2 dropped by verification (score under 0.6).\n\n");
    expect(summary.indexOf("### Findings")).toBeLessThan(summary.indexOf("🔎 Verification"));
    expect(summary).toMatch(/<sub>Model `gpt-4\.1-mini` via openai · 12,345 input \/ 678 output tokens · verification: 900 input \/ 45 output tokens · commit abcdef1<\/sub>$/);
  });

  it("names the light model that verified, and every fallback model that answered a part, with its share", () => {
    const summary = renderSummary(
      input({
        verification,
        lightModel: "gpt-4.1-nano",
        answeredBy: [
          { part: "review", model: "gpt-4.1-mini", requests: 2 },
          { part: "review", model: "gpt-4.1", requests: 1 },
          { part: "verify", model: "gpt-4.1", requests: 1 },
        ],
      }),
    );

    expect(summary).toMatch(
      /<sub>Model `gpt-4\.1-mini` via openai · fallback `gpt-4\.1` answered 1 of 3 review requests · 12,345 input \/ 678 output tokens · verification with `gpt-4\.1-nano`: 900 input \/ 45 output tokens · fallback `gpt-4\.1` answered 1 of 1 verify request · commit abcdef1<\/sub>$/,
    );
  });

  it("names no other model when the review's own model answered everything", () => {
    const summary = renderSummary(input({ verification, lightModel: "gpt-4.1-mini", answeredBy: [{ part: "review", model: "gpt-4.1-mini", requests: 1 }, { part: "verify", model: "gpt-4.1-mini", requests: 1 }] }));

    expect(summary).toMatch(/<sub>Model `gpt-4\.1-mini` via openai · 12,345 input \/ 678 output tokens · verification: 900 input \/ 45 output tokens · commit abcdef1<\/sub>$/);
  });

  it("lists feedback on earlier comments before the footer", () => {
    const summary = renderSummary(input({ feedback }));

    expect(summary).toMatch(/\n\n💬 Feedback on earlier comments: 👍 3 · 👎 2 \(style\/nit: 👎 2; bug\/major: 👍 3\)\n\n<sub>/);
  });

  it("says nothing of either when verification is off and nobody reacted", () => {
    const summary = renderSummary(input({ feedback: { up: 0, down: 0, byKind: [] } }));

    expect(summary).not.toContain("Verification");
    expect(summary).not.toContain("Feedback");
    expect(summary).not.toContain("verification:");
  });

  it("shows the feedback on a failed run too, but no verification line without an answer", () => {
    const summary = renderSummary(input({ answer: null, inlineCount: 0, inline: [], failure: { stage: "posting the review", message: "GitHub answered 422" }, feedback, verification }));

    expect(summary).toContain("💬 Feedback on earlier comments");
    expect(summary).not.toContain("🔎 Verification");
  });
});

describe("renderSummary: the review's cost and a partial review", () => {
  it("shows what the provider's token counts cost at the model's price in the footer, and nothing without a price", () => {
    // 12,345 × $0.40/M + 678 × $1.60/M = $0.0060.
    expect(renderSummary(input({ costUsd: 0.0060228 }))).toContain("· 12,345 input / 678 output tokens (about $0.0060) · commit abcdef1</sub>");
    expect(renderSummary(input({ costUsd: null }))).toContain("· 12,345 input / 678 output tokens · commit abcdef1</sub>");
  });

  it("names a partial review at the top with the counts", () => {
    const summary = renderSummary(input({ partial: { requests: 1, of: 4, files: 12 }, skippedFiles: [{ path: "src/a.ts", reason: "its model request failed: the model provider had a server error (openai, HTTP 500): try /review again later" }] }));
    expect(summary).toContain("> **Partial review:** 1 of 4 model requests failed for good, so 12 files were not reviewed (listed below with the reason).");
    expect(summary.indexOf("Partial review")).toBeLessThan(summary.indexOf("### Summary"));
  });
});

