import type { ModelPrice } from "../files/apply-review-budget.js";
import { renderTokenCost } from "../tokens/render-token-cost.js";
import { renderCodeSpan } from "./render-code-span.js";

/** What one answer's model request was and spent, for its footer. */
export interface ModelSpend {
  model: string;
  provider: string;
  tokens: { input: number; output: number };
  /** The model's price (the operator's, else the catalog's); null when unknown, and only tokens are shown. */
  price: ModelPrice | null;
}

/** "model `gpt-4.1-mini` via openai · 1,200 input / 340 output tokens (about $0.0010)": the footer of an answer or a description. */
export function renderModelSpend(spend: ModelSpend): string {
  return `model ${renderCodeSpan(spend.model)} via ${spend.provider} · ${renderTokenCost(spend.tokens, spend.price)}`;
}
