import { describe, expect, it } from "@jest/globals";
import { describeModel } from "../../../src/core/tokens/describe-model.js";

describe("describeModel", () => {
  it.each([
    ["gpt-4.1", "gpt-4.1", 1_047_576, 32_768, "o200k_base", true],
    ["gpt-4.1-mini-2025-04-14", "gpt-4.1", 1_047_576, 32_768, "o200k_base", true],
    ["gpt-4o", "gpt-4o", 128_000, 16_384, "o200k_base", true],
    ["openai/gpt-4o-mini", "gpt-4o", 128_000, 16_384, "o200k_base", true],
    ["o3", "o-series", 200_000, 100_000, "o200k_base", true],
    ["o4-mini-2025-04-16", "o-series", 200_000, 100_000, "o200k_base", true],
    ["gpt-5", "gpt-5", 400_000, 128_000, "o200k_base", true],
    ["gpt-5-mini", "gpt-5", 400_000, 128_000, "o200k_base", true],
    ["gpt-5-chat-latest", "gpt-5-chat", 128_000, 16_384, "o200k_base", true],
    ["gpt-4-turbo", "gpt-4-turbo", 128_000, 4_096, "cl100k_base", true],
    ["gpt-4", "gpt-4", 8_192, 8_192, "cl100k_base", true],
    ["gpt-3.5-turbo", "gpt-3.5-turbo", 16_385, 4_096, "cl100k_base", true],
    ["claude-sonnet-4-20250514", "claude-4", 200_000, 64_000, "o200k_base", false],
    ["claude-sonnet-4-5", "claude-4", 200_000, 64_000, "o200k_base", false],
    ["us.anthropic.claude-opus-4-1-20250805-v1:0", "claude-opus-4", 200_000, 32_000, "o200k_base", false],
    ["claude-3-5-haiku-latest", "claude-3.5", 200_000, 8_192, "o200k_base", false],
    ["models/gemini-2.5-pro", "gemini-2.5", 1_048_576, 65_536, "o200k_base", false],
    ["gemini-2.5-flash", "gemini-2.5", 1_048_576, 65_536, "o200k_base", false],
    ["llama3.1:8b", "llama-3.1", 131_072, 8_192, "cl100k_base", false],
    ["meta-llama/Meta-Llama-3.1-70B-Instruct", "llama-3.1", 131_072, 8_192, "cl100k_base", false],
    ["qwen2.5-coder:7b", "qwen2.5-coder", 32_768, 8_192, "o200k_base", false],
    ["Qwen/Qwen2.5-Coder-32B-Instruct", "qwen2.5-coder", 32_768, 8_192, "o200k_base", false],
  ])("%s: family %s, %i-token window, %i output, %s (exact: %s)", (model, family, contextWindow, maxOutputTokens, encoding, exact) => {
    expect(describeModel(model)).toMatchObject({ family, contextWindow, maxOutputTokens, tokenizer: { encoding, exact }, known: true });
  });

  it("gives an unknown model a 32k window, a small answer and an estimating tokenizer with a margin", () => {
    expect(describeModel("my-fine-tune-v2")).toEqual({
      family: "unknown",
      contextWindow: 32_000,
      maxOutputTokens: 4_096,
      tokenizer: { encoding: "o200k_base", exact: false, margin: 1.15 },
      price: null,
      known: false,
    });
  });

  it("counts estimates on the safe side: Claude's tokenizer needs more tokens than o200k", () => {
    expect(describeModel("claude-sonnet-4-5").tokenizer.margin).toBeGreaterThan(1);
    expect(describeModel("gpt-4o").tokenizer.margin).toBe(1);
  });
});
