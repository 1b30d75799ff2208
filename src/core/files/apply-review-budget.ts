import type { SkippedFile } from "../types.js";

/** US dollars per million tokens, as the model catalog states them. */
export interface ModelPrice {
  inputPerMillion: number;
  outputPerMillion: number;
}

/** What one review may spend: the operator's figures, which a repository may only lower. */
export interface BudgetSettings {
  /** `PATCHWISE_MAX_REVIEW_TOKENS`. */
  operatorMaxTokens: number;
  /** `PATCHWISE_MAX_REVIEW_COST_USD`; none when unset. */
  operatorMaxCostUsd?: number | undefined;
  /** `limits.maxReviewTokens` and `limits.maxReviewCostUsd` in `.github/patchwise.yml`. */
  repoMaxTokens?: number | undefined;
  repoMaxCostUsd?: number | undefined;
}

export interface BudgetInput<T> {
  /** The planned requests, in the order they would be sent. */
  requests: readonly T[];
  settings: BudgetSettings;
  /** The model's price, or null when the catalog does not know it (then only tokens are counted). */
  price: ModelPrice | null;
  /** The answer limit of each request: the cost ceiling counts it at the output price. */
  maxOutputTokens: number;
}

export interface BudgetResult<T> {
  kept: T[];
  /** Files of the requests left out, each with the figure that stopped it. */
  skipped: SkippedFile[];
  /** Input tokens of the kept requests, and their cost at most (answers at their limit), or null without a price. */
  planned: { inputTokens: number; maxCostUsd: number | null };
}

const CONFIG_FILE = ".github/patchwise.yml";

/**
 * Keeps requests, in order, while the review stays within its token and money budgets; the files
 * of every request left out are named with the budget and the figures. A request too large for
 * what is left is skipped, but smaller ones after it may still fit.
 */
export function applyReviewBudget<T extends { paths: string[]; inputTokens: number }>(input: BudgetInput<T>): BudgetResult<T> {
  const tokens = lower(input.settings.operatorMaxTokens, input.settings.repoMaxTokens, "PATCHWISE_MAX_REVIEW_TOKENS", `limits.maxReviewTokens in ${CONFIG_FILE}`);
  const money = input.price === null ? null : lowerOptional(input.settings.operatorMaxCostUsd, input.settings.repoMaxCostUsd, "PATCHWISE_MAX_REVIEW_COST_USD", `limits.maxReviewCostUsd in ${CONFIG_FILE}`);
  const result: BudgetResult<T> = { kept: [], skipped: [], planned: { inputTokens: 0, maxCostUsd: input.price === null ? null : 0 } };
  const skipped = new Map<string, string>();
  for (const request of input.requests) {
    const cost = input.price === null ? 0 : costOf(request.inputTokens, input.maxOutputTokens, input.price);
    const spentCost = result.planned.maxCostUsd ?? 0;
    if (result.planned.inputTokens + request.inputTokens > tokens.value) {
      const reason = `its model request (${count(request.inputTokens)} input tokens) would pass the review's budget of ${count(tokens.value)} tokens (${tokens.setBy}), ${count(result.planned.inputTokens)} of which are already planned`;
      for (const path of request.paths) if (!skipped.has(path)) skipped.set(path, reason);
    } else if (money !== null && spentCost + cost > money.value) {
      const reason = `its model request (up to ${dollars(cost)}) would pass the review's budget of ${dollars(money.value)} (${money.setBy}), ${dollars(spentCost)} of which is already planned`;
      for (const path of request.paths) if (!skipped.has(path)) skipped.set(path, reason);
    } else {
      result.kept.push(request);
      result.planned.inputTokens += request.inputTokens;
      if (result.planned.maxCostUsd !== null) result.planned.maxCostUsd += cost;
    }
  }
  result.skipped = [...skipped].map(([path, reason]) => ({ path, reason }));
  return result;
}

/** The cost of a request at the model's price: its input, and its answer at `outputTokens`. */
export function costOf(inputTokens: number, outputTokens: number, price: ModelPrice): number {
  return (inputTokens * price.inputPerMillion + outputTokens * price.outputPerMillion) / 1_000_000;
}

function lower(operator: number, repo: number | undefined, operatorName: string, repoName: string): { value: number; setBy: string } {
  return repo !== undefined && repo < operator ? { value: repo, setBy: repoName } : { value: operator, setBy: operatorName };
}

function lowerOptional(operator: number | undefined, repo: number | undefined, operatorName: string, repoName: string): { value: number; setBy: string } | null {
  if (operator === undefined) return repo === undefined ? null : { value: repo, setBy: repoName };
  return lower(operator, repo, operatorName, repoName);
}

function count(tokens: number): string {
  return tokens.toLocaleString("en-US");
}

function dollars(usd: number): string {
  return `$${usd.toFixed(usd < 1 ? 4 : 2)}`;
}
