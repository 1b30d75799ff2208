import { describe, expect, it } from "@jest/globals";
import { describeModel } from "../../../src/core/tokens/describe-model.js";

describe("describeModel", () => {
  // Figures from the catalog (llm-zoo) as shipped: a catalog update may change them, and these rows with it.
  it.each([
    ["gpt-4.1-mini", "gpt-4.1-mini", 1_000_000, 32_768, "o200k_base", true, { inputPerMillion: 0.4, outputPerMillion: 1.6 }],
    ["gpt-4.1-mini-2025-04-14", "gpt-4.1-mini", 1_000_000, 32_768, "o200k_base", true, { inputPerMillion: 0.4, outputPerMillion: 1.6 }],
    ["gpt-4o", "gpt-4o", 128_000, 16_384, "o200k_base", true, { inputPerMillion: 2.5, outputPerMillion: 10 }],
    ["openai/gpt-4o-mini", "gpt-4o-mini", 128_000, 16_384, "o200k_base", true, { inputPerMillion: 0.15, outputPerMillion: 0.6 }],
    ["o4-mini-2025-04-16", "o4-mini", 200_000, 100_000, "o200k_base", true, { inputPerMillion: 1.1, outputPerMillion: 4.4 }],
    ["gpt-5", "gpt-5", 400_000, 128_000, "o200k_base", true, { inputPerMillion: 1.25, outputPerMillion: 10 }],
    ["gpt-4-turbo", "gpt-4-turbo", 128_000, 4_096, "cl100k_base", true, { inputPerMillion: 10, outputPerMillion: 30 }],
    ["gpt-oss-120b", "gpt-oss-120b", 131_072, 33_000, "o200k_base", true, { inputPerMillion: 0.15, outputPerMillion: 0.6 }],
    ["claude-sonnet-4-6", "claude-sonnet-4-6", 1_000_000, 64_000, "o200k_base", false, { inputPerMillion: 3, outputPerMillion: 15 }],
    ["claude-sonnet-4-5@20250929", "claude-sonnet-4-5", 200_000, 64_000, "o200k_base", false, { inputPerMillion: 3, outputPerMillion: 15 }],
    ["us.anthropic.claude-opus-4-1-20250805-v1:0", "claude-opus-4-1", 200_000, 32_000, "o200k_base", false, { inputPerMillion: 15, outputPerMillion: 75 }],
    ["global.anthropic.claude-sonnet-4-6", "claude-sonnet-4-6", 1_000_000, 64_000, "o200k_base", false, { inputPerMillion: 3, outputPerMillion: 15 }],
    ["models/gemini-2.5-pro", "gemini-2.5-pro", 1_048_576, 65_536, "o200k_base", false, { inputPerMillion: 1.25, outputPerMillion: 10 }],
  ])("%s: %s, %i-token window, %i output, %s (exact: %s), price %j", (model, family, contextWindow, maxOutputTokens, encoding, exact, price) => {
    expect(describeModel(model)).toEqual({ family, contextWindow, maxOutputTokens, tokenizer: expect.objectContaining({ encoding, exact }), price, known: true });
  });

  it("takes the safe figures where the catalog's entries of one name disagree: the smaller window and answer, the higher price", () => {
    // claude-sonnet-4-20250514 is listed twice (with and without extended thinking) at two prices.
    expect(describeModel("claude-sonnet-4-20250514").price).toEqual({ inputPerMillion: 5, outputPerMillion: 25 });
  });

  it.each([
    ["gpt-4", "cl100k_base"],
    ["llama3.1:8b", "cl100k_base"],
    ["Qwen/Qwen2.5-Coder-32B-Instruct", "o200k_base"],
  ])("counts %s, which the catalog does not know, with %s and a 32k window until the server says otherwise", (model, encoding) => {
    expect(describeModel(model)).toMatchObject({ contextWindow: 32_000, tokenizer: { encoding }, price: null, known: false });
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
