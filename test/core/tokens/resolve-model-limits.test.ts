import { describe, expect, it } from "@jest/globals";
import { describeModel } from "../../../src/core/tokens/describe-model.js";
import { computePromptBudget, resolveModelLimits } from "../../../src/core/tokens/resolve-model-limits.js";

describe("resolveModelLimits", () => {
  it.each([
    ["the table's window and the operator's answer limit", "gpt-4o", {}, 8_000, { contextWindow: 128_000, maxOutputTokens: 8_000 }],
    ["a known model's output maximum caps the operator's", "gpt-4", {}, 16_000, { contextWindow: 8_192, maxOutputTokens: 4_096 }],
    ["the operator's window replaces the table's", "llama3.1:8b", { operatorContextWindow: 16_384 }, 8_000, { contextWindow: 16_384, maxOutputTokens: 8_000 }],
    ["a repository may lower the window", "gpt-4.1", { repoContextWindow: 200_000 }, 8_000, { contextWindow: 200_000, maxOutputTokens: 8_000 }],
    ["a repository may not raise it", "gpt-4o", { repoContextWindow: 1_000_000 }, 8_000, { contextWindow: 128_000, maxOutputTokens: 8_000 }],
    ["nor raise the operator's", "gpt-4o", { operatorContextWindow: 64_000, repoContextWindow: 100_000 }, 8_000, { contextWindow: 64_000, maxOutputTokens: 8_000 }],
    ["an unknown model keeps the operator's answer limit", "house-model", {}, 8_000, { contextWindow: 32_000, maxOutputTokens: 8_000 }],
    ["the answer takes at most half a small window", "house-model", { operatorContextWindow: 8_192 }, 8_000, { contextWindow: 8_192, maxOutputTokens: 4_096 }],
  ])("%s", (_case, model, windows, maxOutputTokens, expected) => {
    expect(resolveModelLimits(describeModel(model), { ...windows, maxOutputTokens })).toEqual(expected);
  });
});

describe("computePromptBudget", () => {
  it("leaves the window minus the answer, the fixed prompt and the message framing", () => {
    expect(computePromptBudget({ contextWindow: 128_000, maxOutputTokens: 8_000 }, 2_000)).toBe(128_000 - 8_000 - 2_000 - 64);
  });

  it("never goes below zero", () => {
    expect(computePromptBudget({ contextWindow: 4_000, maxOutputTokens: 2_000 }, 3_000)).toBe(0);
  });
});
