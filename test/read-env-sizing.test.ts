import { describe, expect, it } from "@jest/globals";
import { EnvError, readEnv } from "../src/env.js";

// The operator's sizing settings: how large one model request is, and what one review may spend.
describe("readEnv: request and review budgets", () => {
  it("aims at 32,000 input tokens a request by default", () => {
    expect(readEnv({}).model.requestTokens).toBe(32_000);
  });

  it("reads the operator's request budget and refuses one too small to hold a prompt", () => {
    expect(readEnv({ PATCHWISE_REQUEST_TOKENS: "16000" }).model.requestTokens).toBe(16_000);
    expect(() => readEnv({ PATCHWISE_REQUEST_TOKENS: "500" })).toThrow(EnvError);
  });

  it("lets one review send at most 1,000,000 input tokens by default, with no money limit unless set", () => {
    expect(readEnv({}).model).toMatchObject({ maxReviewTokens: 1_000_000, maxReviewCostUsd: undefined });
    expect(readEnv({ PATCHWISE_MAX_REVIEW_TOKENS: "200000", PATCHWISE_MAX_REVIEW_COST_USD: "0.50" }).model).toMatchObject({ maxReviewTokens: 200_000, maxReviewCostUsd: 0.5 });
    expect(() => readEnv({ PATCHWISE_MAX_REVIEW_COST_USD: "-1" })).toThrow(/PATCHWISE_MAX_REVIEW_COST_USD/);
  });

  it("reads the operator's price of the model, input/output US dollars per million tokens", () => {
    expect(readEnv({ PATCHWISE_MODEL_PRICE: "0.4/1.6" }).model.price).toEqual({ inputPerMillion: 0.4, outputPerMillion: 1.6 });
    expect(readEnv({}).model.price).toBeUndefined();
    expect(() => readEnv({ PATCHWISE_MODEL_PRICE: "$2 in, $8 out" })).toThrow(/PATCHWISE_MODEL_PRICE: expected INPUT\/OUTPUT/);
  });
});
