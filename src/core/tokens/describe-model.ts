import { MODEL_CONFIGS } from "llm-zoo";
import type { ModelPrice } from "../files/apply-review-budget.js";

/** How tokens of a model are counted: OpenAI's own encodings are exact, the rest are estimates. */
export interface TokenizerChoice {
  encoding: "o200k_base" | "cl100k_base";
  /** False when the model's own tokenizer is not available and `encoding` only estimates it. */
  exact: boolean;
  /** Multiplier on the count (≥ 1), so that an estimate errs on the side of a smaller prompt. */
  margin: number;
}

/** What the review needs to know about a model to size its requests and count its cost. */
export interface ModelProfile {
  /** The catalog's name for the model (`unknown` when the catalog does not know it). */
  family: string;
  contextWindow: number;
  maxOutputTokens: number;
  tokenizer: TokenizerChoice;
  /** US dollars per million tokens, or null when the catalog does not know the price. */
  price: ModelPrice | null;
  /** False for a model the catalog does not know (conservative defaults apply). */
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

const UNKNOWN = { family: "unknown", contextWindow: 32_000, maxOutputTokens: 4_096, tokenizer: OTHER, price: null, known: false } as const;

interface CatalogFacts {
  family: string;
  contextWindow: number;
  maxOutputTokens: number;
  price: ModelPrice;
}

// The catalog (llm-zoo, shipped in the package: nothing is fetched at run time) by every name it
// gives a model. Where entries of one name disagree (a "thinking" variant), the safe figures win:
// the smaller window and answer, the higher price.
const CATALOG: ReadonlyMap<string, CatalogFacts> = (() => {
  const byName = new Map<string, CatalogFacts>();
  for (const entry of Object.values(MODEL_CONFIGS)) {
    const facts: CatalogFacts = {
      family: entry.shortName ?? entry.fullName,
      contextWindow: entry.contextWindow,
      maxOutputTokens: entry.maxOutputTokens,
      price: { inputPerMillion: entry.inputPrice, outputPerMillion: entry.outputPrice },
    };
    for (const name of new Set([entry.fullName, entry.shortName].filter((value): value is string => Boolean(value)).map((value) => value.toLowerCase()))) {
      const earlier = byName.get(name);
      byName.set(name, earlier === undefined ? facts : safer(earlier, facts));
    }
  }
  return byName;
})();
// Longest first, so that `gpt-4o-mini-2024-07-18` finds `gpt-4o-mini` before `gpt-4o`.
const NAMES = [...CATALOG.keys()].sort((a, b) => b.length - a.length);

/**
 * The context window, output limit, price and tokenizer of a model, by name, from the model
 * catalog. Understands provider prefixes, dates and tags (`openai/gpt-4o`, `models/gemini-2.5-pro`,
 * `us.anthropic.claude-sonnet-4-5-20250929-v1:0`, `claude-sonnet-4-5@20250929`,
 * `gpt-4o-2024-08-06`); a model the catalog does not know gets a 32k window and no price.
 */
export function describeModel(model: string): ModelProfile {
  const name = normalizeModelName(model);
  const key = CATALOG.has(name) ? name : NAMES.find((candidate) => name.startsWith(`${candidate}-`));
  const facts = key === undefined ? undefined : CATALOG.get(key);
  if (facts === undefined) return { ...UNKNOWN, tokenizer: chooseTokenizer(name) };
  return { family: facts.family, contextWindow: facts.contextWindow, maxOutputTokens: facts.maxOutputTokens, tokenizer: chooseTokenizer(name), price: facts.price, known: true };
}

// Which of our counters fits a model: a fact about our tokenizers rather than about the model, so
// it stays here. GPT-4 (not 4o or 4.1) and GPT-3.5 use cl100k; OpenAI's later models o200k.
function chooseTokenizer(name: string): TokenizerChoice {
  if (/^gpt-(4|3\.5)(-|$)/.test(name)) return CL100K;
  if (/^(gpt-|o\d(-|$)|chatgpt-|codex-)/.test(name)) return O200K;
  if (/^claude/.test(name)) return CLAUDE;
  if (/llama-?3/.test(name)) return LLAMA3;
  return OTHER;
}

function safer(a: CatalogFacts, b: CatalogFacts): CatalogFacts {
  return {
    ...a,
    contextWindow: Math.min(a.contextWindow, b.contextWindow),
    maxOutputTokens: Math.min(a.maxOutputTokens, b.maxOutputTokens),
    price: { inputPerMillion: Math.max(a.price.inputPerMillion, b.price.inputPerMillion), outputPerMillion: Math.max(a.price.outputPerMillion, b.price.outputPerMillion) },
  };
}

function normalizeModelName(model: string): string {
  const base = model.trim().toLowerCase().split("/").pop() ?? "";
  // Bedrock's inference profiles: a region (us., eu.) or `global.` before the vendor.
  return base
    .replace(/^([a-z]{2,6}\.)?anthropic\./, "")
    .replace(/-v\d+(:\d+)?$/, "")
    .replace(/@.*$/, "");
}
