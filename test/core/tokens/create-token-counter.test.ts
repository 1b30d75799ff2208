import { describe, expect, it } from "@jest/globals";
import { createTokenCounter } from "../../../src/core/tokens/create-token-counter.js";
import { describeModel, type TokenizerChoice } from "../../../src/core/tokens/describe-model.js";
import { loadBpeCount } from "../../../src/tokens/load-bpe-count.js";

/** The counter of a tokenizer choice with its real encoding, loaded as the shell loads it. */
const counterOf = async (choice: TokenizerChoice) => createTokenCounter(choice, await loadBpeCount(choice.encoding));

const CODE = "export function add(a: number, b: number): number {\n  return a + b;\n}\n";
const JAPANESE = "こんにちは世界、コードレビューをお願いします。";

describe("createTokenCounter", () => {
  it.each([
    // chars/4 would say 3, 18, 6 and 25: the counts below are the real tokenizers'.
    ["gpt-4o", "hello world", 2],
    ["gpt-4o", CODE, 20],
    ["gpt-4o", JAPANESE, 8],
    ["gpt-4", JAPANESE, 18],
    ["gpt-4.1", "x".repeat(100), 13],
  ])("%s counts %j as %i tokens", async (model, text, tokens) => {
    expect((await counterOf(describeModel(model).tokenizer))(text)).toBe(tokens);
  });

  it("counts special-token text from a pull request as plain text instead of throwing", async () => {
    expect((await counterOf(describeModel("gpt-4o").tokenizer))("<|endoftext|>")).toBe(7);
  });

  it("scales an estimate by its margin, rounding up", async () => {
    // o200k says 8; Claude's margin of 1.25 makes it 10.
    expect((await counterOf(describeModel("claude-sonnet-4-5").tokenizer))(JAPANESE)).toBe(10);
    expect((await counterOf({ encoding: "o200k_base", exact: false, margin: 1.15 }))("hello world")).toBe(3);
  });
});
