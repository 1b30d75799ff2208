import type { ModelPrice } from "../files/apply-review-budget.js";
import { createTokenCounter, type BpeCount, type TokenCounter } from "./create-token-counter.js";
import { describeModel } from "./describe-model.js";
import { resolveModelLimits, type LimitSettings, type ModelLimits } from "./resolve-model-limits.js";

/**
 * How one review sizes its requests for a model: its token counter, its window and answer
 * limits, and its price where known. `count` is the BPE count of the model's encoding
 * (`describeModel(model).tokenizer.encoding`).
 */
export function sizeModelRequests(model: string, settings: LimitSettings, count: BpeCount): { countTokens: TokenCounter; limits: ModelLimits; price: ModelPrice | null } {
  const profile = describeModel(model);
  return { countTokens: createTokenCounter(profile.tokenizer, count), limits: resolveModelLimits(profile, settings), price: settings.operatorPrice ?? profile.price };
}
