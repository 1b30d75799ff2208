import type { TokenizerChoice } from "./describe-model.js";

/** Tokens a text costs in a prompt; injected into the core so tests and other tokenizers can stand in. */
export type TokenCounter = (text: string) => number;

/** A real BPE encoding's count (gpt-tokenizer's `countTokens`), loaded by the shell. */
export type BpeCount = (text: string, options: { disallowedSpecial: Set<string> }) => number;

// PR text may contain "<|endoftext|>" and the like: count it as the plain text it is, never throw.
const PLAIN_TEXT = { disallowedSpecial: new Set<string>() };

/** A counter with the choice's real BPE encoding (`count`), scaled by the choice's safety margin. */
export function createTokenCounter(choice: TokenizerChoice, count: BpeCount): TokenCounter {
  if (choice.margin === 1) return (text) => count(text, PLAIN_TEXT);
  return (text) => Math.ceil(count(text, PLAIN_TEXT) * choice.margin);
}
