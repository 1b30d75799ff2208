import { countTokens as countCl100k } from "gpt-tokenizer/encoding/cl100k_base";
import { countTokens as countO200k } from "gpt-tokenizer/encoding/o200k_base";
import type { TokenizerChoice } from "./describe-model.js";

/** Tokens a text costs in a prompt; injected into the core so tests and other tokenizers can stand in. */
export type TokenCounter = (text: string) => number;

// PR text may contain "<|endoftext|>" and the like: count it as the plain text it is, never throw.
const PLAIN_TEXT = { disallowedSpecial: new Set<string>() };

/** A counter with a real BPE tokenizer (gpt-tokenizer), scaled by the choice's safety margin. */
export function createTokenCounter(choice: TokenizerChoice): TokenCounter {
  const count = choice.encoding === "cl100k_base" ? countCl100k : countO200k;
  if (choice.margin === 1) return (text) => count(text, PLAIN_TEXT);
  return (text) => Math.ceil(count(text, PLAIN_TEXT) * choice.margin);
}
