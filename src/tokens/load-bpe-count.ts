import { readFile } from "node:fs/promises";
import { CL100K_TOKEN_SPLIT_REGEX, O200K_TOKEN_SPLIT_REGEX } from "gpt-tokenizer/encodingParams/constants";
import type { BpeCount } from "../core/tokens/create-token-counter.js";
import type { TokenizerChoice } from "../core/tokens/describe-model.js";
import { createBpeCounter } from "./count-bpe-tokens.js";
import { readRankTable } from "./read-rank-table.js";
import { resolveAsset } from "../assets/resolve-asset.js";

const SPLIT_PATTERNS: Record<TokenizerChoice["encoding"], RegExp> = { o200k_base: O200K_TOKEN_SPLIT_REGEX, cl100k_base: CL100K_TOKEN_SPLIT_REGEX };

// A vocabulary holds no code under review and never changes, so one process shares each one:
// read on first use, and only the encodings its models need.
const counters = new Map<TokenizerChoice["encoding"], Promise<BpeCount>>();

/**
 * The BPE counter of one encoding, read on first use from the `.tiktoken` file gpt-tokenizer
 * ships (`gpt-tokenizer/data/`) into typed arrays: some 5 MiB where gpt-tokenizer's own module
 * of the same vocabulary costs 60. Special-token text counts as plain text, as a review asks.
 */
export function loadBpeCount(encoding: TokenizerChoice["encoding"]): Promise<BpeCount> {
  let pending = counters.get(encoding);
  if (!pending) {
    pending = readFile(resolveAsset(`gpt-tokenizer/data/${encoding}.tiktoken`)).then((file) => createBpeCounter(readRankTable(file), SPLIT_PATTERNS[encoding]));
    counters.set(encoding, pending);
    // A failed read is not cached, so a later review can try again.
    pending.catch(() => counters.delete(encoding));
  }
  return pending;
}
