/** The server refused a prompt as longer than its context window. */
export interface ContextLengthRefusal {
  /** The window the server stated, in tokens; null when it did not say. */
  window: number | null;
}

/** What a provider's error says, as far as it matters here. `text` is read for numbers only, never kept. */
export interface RefusalFacts {
  type?: string | undefined;
  code?: string | undefined;
  text?: string | undefined;
  /** llama.cpp's `n_ctx` field of its error body. */
  nCtx?: unknown;
}

// Each provider's own words, with the number that is the window where the words carry one.
const WORDS: ReadonlyArray<[RegExp, number | null]> = [
  // OpenAI, Azure OpenAI and vLLM: "This model's maximum context length is 8192 tokens. However, ..."
  [/maximum context length is ([\d,]+) tokens/i, 1],
  // Anthropic: "prompt is too long: 208310 tokens > 200000 maximum"
  [/prompt is too long: [\d,]+ tokens > ([\d,]+) maximum/i, 1],
  [/prompt is too long/i, null],
  // Gemini: "The input token count (1200000) exceeds the maximum number of tokens allowed (1048576)."
  [/input token count \(?[\d,]+\)? exceeds the maximum number of tokens allowed \(?([\d,]+)\)?/i, 1],
  // Claude on Bedrock: "input length and `max_tokens` exceed context limit: 199000 + 8000 > 200000"
  [/exceed context limit: [\d,]+ \+ [\d,]+ > ([\d,]+)/i, 1],
  // Bedrock's other models: "Input is too long for requested model."
  [/input is too long/i, null],
  // LM Studio: "... the model is loaded with context length of only 4096 tokens"
  [/context length of only ([\d,]+) tokens/i, 1],
  // llama.cpp's message (its type and n_ctx are read first): "the request exceeds the available context size"
  [/exceeds the available context size/i, null],
];

/**
 * Recognises a context-length refusal in any provider's words: OpenAI and Azure
 * (`context_length_exceeded`), Anthropic (`prompt is too long`), vLLM (the sentence, no code),
 * llama.cpp (`exceed_context_size_error`, `n_ctx`), Gemini, Bedrock (`Input is too long`), LM
 * Studio. Returns the window the server stated, as a number only: the text can quote the prompt.
 */
export function readContextLengthRefusal(facts: RefusalFacts): ContextLengthRefusal | null {
  const byCode = facts.code === "context_length_exceeded" || facts.type === "exceed_context_size_error";
  const nCtx = typeof facts.nCtx === "number" && Number.isInteger(facts.nCtx) && facts.nCtx > 0 ? facts.nCtx : null;
  if (facts.type === "exceed_context_size_error" && nCtx !== null) return { window: nCtx };
  const text = typeof facts.text === "string" ? facts.text.slice(0, 2_000) : "";
  for (const [pattern, group] of WORDS) {
    const match = pattern.exec(text);
    if (match) return { window: group === null ? null : toTokens(match[group]) };
  }
  return byCode ? { window: nCtx } : null;
}

function toTokens(digits: string | undefined): number | null {
  const value = Number((digits ?? "").replace(/,/g, ""));
  return Number.isSafeInteger(value) && value > 0 ? value : null;
}
