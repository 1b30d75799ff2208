import type { PreparedReview } from "../review/prepare-review.js";
import type { DryRunReport } from "./local-report-schema.js";

export interface DryRunInput {
  range: string;
  provider: string;
  model: string;
  endpoint: DryRunReport["endpoint"];
  prepared: PreparedReview;
  /** US dollars per million input tokens, or null when the model's price is unknown. */
  inputPricePerMillion: number | null;
  relatedCode: DryRunReport["relatedCode"];
  redactions: DryRunReport["redactions"];
}

/** Exactly the requests a review would send, with their token counts and estimated input cost. */
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
    estimatedCostUsd: input.inputPricePerMillion === null ? null : roundCents((totalInputTokens / 1_000_000) * input.inputPricePerMillion),
    skippedFiles: input.prepared.skippedFiles,
    relatedCode: input.relatedCode,
    redactions: input.redactions,
  };
}

function roundCents(value: number): number {
  return Math.round(value * 10_000) / 10_000;
}
