import type { ChatRequest } from "./fake-model.js";

// How each OpenAI-compatible server answers a prompt longer than its context window, in its own
// words, for fakes of those servers (tests and the bench).

export type ServerKind = "openai" | "vllm" | "llama.cpp";

/** A refusal when the prompt and its answer limit pass `window`, as `kind` words it; undefined when it fits. */
export function refuseOver(kind: ServerKind, window: number): (request: ChatRequest, promptTokens: number) => { status: number; body: unknown } | undefined {
  return (request, promptTokens) => {
    const answer = Number(request.max_tokens ?? request.max_completion_tokens ?? 0);
    if (promptTokens + answer <= window) return undefined;
    const words = `This model's maximum context length is ${window} tokens. However, you requested ${promptTokens + answer} tokens (${promptTokens} in the messages, ${answer} in the completion). Please reduce the length of the messages or completion.`;
    if (kind === "openai") return { status: 400, body: { error: { message: words, type: "invalid_request_error", param: "messages", code: "context_length_exceeded" } } };
    if (kind === "vllm") return { status: 400, body: { object: "error", message: words, type: "BadRequestError", param: null, code: 400 } };
    return { status: 400, body: { error: { code: 400, message: "the request exceeds the available context size, try increasing it", type: "exceed_context_size_error", n_prompt_tokens: promptTokens, n_ctx: window } } };
  };
}
