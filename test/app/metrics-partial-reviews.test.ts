import { describe, expect, it } from "@jest/globals";
import { createMetrics } from "../../src/app/create-metrics.js";
import type { ReviewOutcome } from "../../src/pipeline/review-outcome.js";

const posted = (partial?: { requests: number; of: number; files: number }): ReviewOutcome => ({
  status: "posted",
  headSha: "a".repeat(40),
  inlineComments: 1,
  findings: 1,
  severities: ["minor"],
  reviewUrl: "https://github.com/acme/rocket/pull/7#pullrequestreview-1",
  failing: false,
  ...(partial ? { partial } : {}),
  durationMs: 1_000,
  modelMs: 500,
  modelRequests: { provider: "openai", model: "gpt-4.1-mini", requests: 4, inputTokens: 1_000, outputTokens: 100, answeredBy: [] },
  sent: { files: 12, lines: 480, relatedLines: 0 },
  secretsRedacted: {},
});

describe("/metrics: partial reviews", () => {
  it("counts posted reviews whose model requests partly failed, besides the reviews by outcome", async () => {
    const metrics = createMetrics(() => ({ waiting: 0, running: 0, oldestWaitSeconds: 0 }));
    metrics.recordOutcome(posted());
    metrics.recordOutcome(posted({ requests: 1, of: 4, files: 3 }));
    const text = await metrics.registry.metrics();
    expect(text).toMatch(/^patchwise_reviews_total\{outcome="posted"\} 2$/m);
    expect(text).toMatch(/^patchwise_reviews_partial_total 1$/m);
  });
});
