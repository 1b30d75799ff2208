import type { BpeCount } from "../core/tokens/create-token-counter.js";
import type { TokenizerChoice } from "../core/tokens/describe-model.js";

/**
 * The BPE counter of one encoding, imported on first use: each of gpt-tokenizer's encodings holds
 * some 40 MiB of rank tables, and a process needs only its model's (Node caches the import).
 */
export async function loadBpeCount(encoding: TokenizerChoice["encoding"]): Promise<BpeCount> {
  const module = encoding === "cl100k_base" ? await import("gpt-tokenizer/encoding/cl100k_base") : await import("gpt-tokenizer/encoding/o200k_base");
  return module.countTokens;
}
