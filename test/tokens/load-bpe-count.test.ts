import { readFileSync } from "node:fs";
import { describe, expect, it } from "@jest/globals";
import { countTokens as countCl100k } from "gpt-tokenizer/encoding/cl100k_base";
import { countTokens as countO200k } from "gpt-tokenizer/encoding/o200k_base";
import { loadBpeCount } from "../../src/tokens/load-bpe-count.js";

const PLAIN_TEXT = { disallowedSpecial: new Set<string>() };
const SOURCE = readFileSync(new URL("../../src/pipeline/review-pull-request.ts", import.meta.url), "utf8");

// Code, prose and the text a pull request can hold that splits or merges unusually.
const TEXTS = [
  "",
  "hello world",
  SOURCE,
  "def load(record_id: str) -> list[Invoice]:\n    rows = await db.fetch(QUERY, record_id)\n    if not rows:\n        return None\n",
  "\tif err != nil {\n\t\treturn nil, fmt.Errorf(\"query: %w\", err)\n\t}\n",
  "こんにちは世界、コードレビューをお願いします。",
  "Привет, мир! Ünïcödé çàfé naïve 你好 안녕하세요 مرحبا שלום नमस्ते",
  "emoji 🙂👍🏽 and flags 🇫🇷 in a comment",
  "they're we'll I'VE it's don't",
  "1234567890 3.14159 0xDEADBEEF 1e-9",
  " ".repeat(4000),
  "\n".repeat(500),
  "x".repeat(1000),
  "a\ud800b lone \udc00 surrogates \ud83d",
  "<|endoftext|> <|im_start|>user",
  "\u0000\u0001\u001b[31mred\u001b[0m",
];

describe("loadBpeCount", () => {
  const encodings: Array<["o200k_base" | "cl100k_base", (text: string, options: typeof PLAIN_TEXT) => number]> = [
    ["o200k_base", countO200k],
    ["cl100k_base", countCl100k],
  ];
  it.each(encodings)("counts %s tokens as gpt-tokenizer's own encoding does", async (encoding, reference) => {
    const count = await loadBpeCount(encoding);
    for (const text of TEXTS) expect([text.slice(0, 40), count(text, PLAIN_TEXT)]).toEqual([text.slice(0, 40), reference(text, PLAIN_TEXT)]);
  });

  it("counts a byte-order mark as the one token OpenAI's vocabulary has for it", async () => {
    // gpt-tokenizer strips the mark when it decodes the vocabulary, and counts 2 here.
    expect((await loadBpeCount("o200k_base"))("\ufeff", PLAIN_TEXT)).toBe(1);
  });

  it("reads each vocabulary once per process", async () => {
    expect(await loadBpeCount("o200k_base")).toBe(await loadBpeCount("o200k_base"));
  });
});
