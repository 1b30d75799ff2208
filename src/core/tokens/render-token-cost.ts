import { costOf, type ModelPrice } from "../files/apply-review-budget.js";

/** "1,234 input / 56 output tokens", with "(about $0.0012)" at the model's price; no cost when the price is unknown (null). */
export function renderTokenCost(tokens: { input: number; output: number }, price: ModelPrice | null): string {
  const counted = `${tokens.input.toLocaleString("en-US")} input / ${tokens.output.toLocaleString("en-US")} output tokens`;
  return price === null ? counted : `${counted}${renderCost(costOf(tokens.input, tokens.output, price))}`;
}

/** " (about $0.0012)": four decimals under a dollar, two above; "" when the cost is unknown. */
export function renderCost(costUsd: number | null | undefined): string {
  return costUsd === undefined || costUsd === null ? "" : ` (about $${costUsd.toFixed(costUsd < 1 ? 4 : 2)})`;
}
