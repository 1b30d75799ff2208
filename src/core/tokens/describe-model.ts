import type { ModelPrice } from "../files/apply-review-budget.js";

/** How tokens of a model are counted: OpenAI's own encodings are exact, the rest are estimates. */
export interface TokenizerChoice {
  encoding: "o200k_base" | "cl100k_base";
  /** False when the model's own tokenizer is not available and `encoding` only estimates it. */
  exact: boolean;
  /** Multiplier on the count (≥ 1), so that an estimate errs on the side of a smaller prompt. */
  margin: number;
}

/** What the review needs to know about a model to size its requests. */
export interface ModelProfile {
  /** US dollars per million tokens, or null when the catalog does not know the price. */
  price: ModelPrice | null;
  family: string;
  contextWindow: number;
  maxOutputTokens: number;
  tokenizer: TokenizerChoice;
  /** False for a model this table does not know (conservative defaults apply). */
  known: boolean;
}

const O200K: TokenizerChoice = { encoding: "o200k_base", exact: true, margin: 1 };
const CL100K: TokenizerChoice = { encoding: "cl100k_base", exact: true, margin: 1 };
// Llama 3's vocabulary is cl100k's plus 28k more tokens, so cl100k never counts fewer.
const LLAMA3: TokenizerChoice = { encoding: "cl100k_base", exact: false, margin: 1 };
// Anthropic does not publish Claude's tokenizer, which needs noticeably more tokens than o200k for
// the same code; the margin is an assumption, not a measurement.
const CLAUDE: TokenizerChoice = { encoding: "o200k_base", exact: false, margin: 1.25 };
const OTHER: TokenizerChoice = { encoding: "o200k_base", exact: false, margin: 1.15 };

type Row = [pattern: RegExp, family: string, contextWindow: number, maxOutputTokens: number, tokenizer: TokenizerChoice];

// First match wins, so specific names come before their family. Output limits are the provider's
// documented maxima; where a family's members differ, the smallest (a smaller reserve is safe).
const MODELS: readonly Row[] = [
  [/^gpt-4\.1/, "gpt-4.1", 1_047_576, 32_768, O200K],
  [/^gpt-5(\.\d+)?-chat/, "gpt-5-chat", 128_000, 16_384, O200K],
  [/^gpt-5/, "gpt-5", 400_000, 128_000, O200K],
  [/^(chatgpt-4o|gpt-4o)/, "gpt-4o", 128_000, 16_384, O200K],
  [/^gpt-oss/, "gpt-oss", 131_072, 32_768, O200K],
  [/^o1-(mini|preview)/, "o1-mini", 128_000, 32_768, O200K],
  [/^o[134](-|$)/, "o-series", 200_000, 100_000, O200K],
  [/^gpt-4-turbo|^gpt-4-\d{4}-preview/, "gpt-4-turbo", 128_000, 4_096, CL100K],
  [/^gpt-4(-|$)/, "gpt-4", 8_192, 8_192, CL100K],
  [/^gpt-3\.5-turbo/, "gpt-3.5-turbo", 16_385, 4_096, CL100K],
  [/^claude-(sonnet|haiku)-4/, "claude-4", 200_000, 64_000, CLAUDE],
  [/^claude-opus-4/, "claude-opus-4", 200_000, 32_000, CLAUDE],
  [/^claude-3-7-sonnet/, "claude-3.7", 200_000, 64_000, CLAUDE],
  [/^claude-3-5/, "claude-3.5", 200_000, 8_192, CLAUDE],
  [/^claude/, "claude", 200_000, 4_096, CLAUDE],
  [/^gemini-2\.5/, "gemini-2.5", 1_048_576, 65_536, OTHER],
  [/^gemini/, "gemini", 1_048_576, 8_192, OTHER],
  [/^(meta-)?llama-?3\.[1-3]/, "llama-3.1", 131_072, 8_192, LLAMA3],
  [/^(meta-)?llama-?3/, "llama-3", 8_192, 4_096, LLAMA3],
  [/^qwen2\.5-coder/, "qwen2.5-coder", 32_768, 8_192, OTHER],
];

const UNKNOWN = { family: "unknown", contextWindow: 32_000, maxOutputTokens: 4_096, tokenizer: OTHER };

/**
 * The context window, output limit and tokenizer of a model, by name. Understands provider
 * prefixes and tags (`openai/gpt-4o`, `models/gemini-2.5-pro`, `us.anthropic.claude-sonnet-4-…`,
 * `llama3.1:8b`, `Qwen/Qwen2.5-Coder-32B-Instruct`); an unknown model gets a 32k window.
 */
export function describeModel(model: string): ModelProfile {
  const name = normalizeModelName(model);
  const row = MODELS.find(([pattern]) => pattern.test(name));
  if (row === undefined) return { ...UNKNOWN, price: null, known: false };
  const [, family, contextWindow, maxOutputTokens, tokenizer] = row;
  return { family, contextWindow, maxOutputTokens, tokenizer, price: null, known: true };
}

function normalizeModelName(model: string): string {
  const base = model.trim().toLowerCase().split("/").pop() ?? "";
  return base.replace(/^([a-z]{2,4}\.)?anthropic\./, "");
}
