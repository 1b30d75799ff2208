import { describe, expect, it } from "@jest/globals";
import { renderTokenCost } from "../../../src/core/tokens/render-token-cost.js";

describe("renderTokenCost", () => {
  it.each([
    [{ input: 1200, output: 340 }, { inputPerMillion: 0.4, outputPerMillion: 1.6 }, "1,200 input / 340 output tokens (about $0.0010)"],
    [{ input: 2_000_000, output: 100_000 }, { inputPerMillion: 3, outputPerMillion: 15 }, "2,000,000 input / 100,000 output tokens (about $7.50)"],
    [{ input: 900, output: 60 }, null, "900 input / 60 output tokens"],
  ])("%j at %j: %s", (tokens, price, text) => {
    expect(renderTokenCost(tokens, price)).toBe(text);
  });
});
