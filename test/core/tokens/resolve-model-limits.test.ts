import { describe, expect, it } from "@jest/globals";
import { describeModel } from "../../../src/core/tokens/describe-model.js";
import { computePromptBudget, resolveModelLimits } from "../../../src/core/tokens/resolve-model-limits.js";

describe("resolveModelLimits", () => {
  it.each([
    ["the table's window and the operator's answer limit", "gpt-4o", {}, 8_000, { contextWindow: 128_000, maxOutputTokens: 8_000, requestTokens: 32_000 }],
    ["a known model's output maximum caps the operator's", "gpt-4o", {}, 32_000, { contextWindow: 128_000, maxOutputTokens: 16_384, requestTokens: 32_000 }],
    ["the operator's window replaces the table's", "llama3.1:8b", { operatorContextWindow: 64_000 }, 8_000, { contextWindow: 64_000, maxOutputTokens: 8_000, requestTokens: 32_000 }],
    ["a repository may lower the window", "gpt-4.1", { repoContextWindow: 200_000 }, 8_000, { contextWindow: 200_000, maxOutputTokens: 8_000, requestTokens: 32_000 }],
    ["a repository may not raise it", "gpt-4o", { repoContextWindow: 1_000_000 }, 8_000, { contextWindow: 128_000, maxOutputTokens: 8_000, requestTokens: 32_000 }],
    ["nor raise the operator's", "gpt-4o", { operatorContextWindow: 64_000, repoContextWindow: 100_000 }, 8_000, { contextWindow: 64_000, maxOutputTokens: 8_000, requestTokens: 32_000 }],
    ["an unknown model keeps the operator's answer limit", "house-model", {}, 8_000, { contextWindow: 32_000, maxOutputTokens: 8_000, requestTokens: 32_000 }],
    ["the answer takes at most a quarter of a small window", "house-model", { operatorContextWindow: 8_192 }, 8_000, { contextWindow: 8_192, maxOutputTokens: 2_048, requestTokens: 32_000 }],
    ["the window the server states wins over the operator's", "gpt-4o", { operatorContextWindow: 64_000, serverContextWindow: 8_192 }, 8_000, { contextWindow: 8_192, maxOutputTokens: 2_048, requestTokens: 32_000 }],
    ["the operator sets the request budget", "gpt-4o", { requestTokens: 16_000 }, 8_000, { contextWindow: 128_000, maxOutputTokens: 8_000, requestTokens: 16_000 }],
    ["a repository may lower the request budget", "gpt-4o", { requestTokens: 16_000, repoRequestTokens: 8_000 }, 8_000, { contextWindow: 128_000, maxOutputTokens: 8_000, requestTokens: 8_000 }],
    ["but not raise it", "gpt-4o", { repoRequestTokens: 100_000 }, 8_000, { contextWindow: 128_000, maxOutputTokens: 8_000, requestTokens: 32_000 }],
  ])("%s", (_case, model, windows, maxOutputTokens, expected) => {
    expect(resolveModelLimits(describeModel(model), { ...windows, maxOutputTokens })).toEqual(expected);
  });
});

describe("computePromptBudget", () => {
  it("packs to the request budget less the fixed prompt, and allows at most the window less the answer", () => {
    expect(computePromptBudget({ contextWindow: 128_000, maxOutputTokens: 8_000, requestTokens: 32_000 }, 2_000)).toEqual({ target: 32_000 - 2_000 - 64, limit: 128_000 - 8_000 - 2_000 - 64 });
  });

  it("aims at the window when it is smaller than the request budget", () => {
    expect(computePromptBudget({ contextWindow: 8_192, maxOutputTokens: 2_000, requestTokens: 32_000 }, 1_000)).toEqual({ target: 8_192 - 2_000 - 1_000 - 64, limit: 8_192 - 2_000 - 1_000 - 64 });
  });

  it("never goes below zero", () => {
    expect(computePromptBudget({ contextWindow: 4_000, maxOutputTokens: 2_000, requestTokens: 32_000 }, 3_000)).toEqual({ target: 0, limit: 0 });
  });
});
