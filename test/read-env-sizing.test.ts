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
});
