import type { RepoConfig } from "../config/repo-config-schema.js";
import type { BudgetSettings } from "./apply-review-budget.js";

/** The review budgets of the operator (`maxReviewTokens` unset: no limit) and of the repository's `limits`. */
export function reviewBudget(operator: { maxReviewTokens?: number | undefined; maxReviewCostUsd?: number | undefined }, config: Pick<RepoConfig, "limits">): BudgetSettings {
  return {
    operatorMaxTokens: operator.maxReviewTokens ?? Number.POSITIVE_INFINITY,
    operatorMaxCostUsd: operator.maxReviewCostUsd,
    repoMaxTokens: config.limits.maxReviewTokens,
    repoMaxCostUsd: config.limits.maxReviewCostUsd,
  };
}
