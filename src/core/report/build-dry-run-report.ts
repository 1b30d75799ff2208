import type { ModelPrice } from "../files/apply-review-budget.js";
import type { PreparedReview } from "../review/prepare-review.js";
import type { DryRunReport } from "./local-report-schema.js";

export interface DryRunInput {
  range: string;
  provider: string;
  model: string;
  endpoint: DryRunReport["endpoint"];
  prepared: PreparedReview;
  /** The model's price (the catalog's, or the operator's), or null when unknown. */
  price: ModelPrice | null;
  relatedCode: DryRunReport["relatedCode"];
  redactions: DryRunReport["redactions"];
}

/** Exactly the requests a review would send, with their token counts, the input's cost and the most the review can cost. */
export function buildDryRunReport(input: DryRunInput): DryRunReport {
  const requests = input.prepared.prompts.map((prompt) => ({
    paths: prompt.paths,
    inputTokens: prompt.inputTokens,
    system: prompt.system,
    user: prompt.user,
  }));
  const totalInputTokens = requests.reduce((sum, request) => sum + request.inputTokens, 0);
  return {
    schemaVersion: 1,
    kind: "dry-run",
    range: input.range,
    provider: input.provider,
    model: input.model,
    endpoint: input.endpoint,
    requests,
    totalInputTokens,
    estimatedCostUsd: input.price === null ? null : roundCents((totalInputTokens / 1_000_000) * input.price.inputPerMillion),
    maxCostUsd: input.prepared.planned.maxCostUsd === null ? null : roundCents(input.prepared.planned.maxCostUsd),
    skippedFiles: input.prepared.skippedFiles,
    relatedCode: input.relatedCode,
    redactions: input.redactions,
  };
}

function roundCents(value: number): number {
  return Math.round(value * 10_000) / 10_000;
}
