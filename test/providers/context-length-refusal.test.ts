import { afterEach, describe, expect, it } from "@jest/globals";
import nock from "nock";
import { createAnthropicClient } from "../../src/providers/anthropic-client.js";
import { ModelError } from "../../src/providers/model-error.js";
import { createOpenAIClient } from "../../src/providers/openai-client.js";
import { readContextLengthRefusal } from "../../src/providers/read-context-length-refusal.js";
import { everythingIn, rejectionOf, reviewRequest, sameRealmFetch, SENTINEL } from "./provider-test-kit.js";

// Each server says "too long" in its own words. The refusal is recognised and the window it states
// is kept as a number only: the words may quote the prompt (the sentinel stands for it here).

afterEach(() => {
  nock.abortPendingRequests();
  nock.cleanAll();
});

const VLLM_WORDS = `This model's maximum context length is 4096 tokens. However, you requested 5120 tokens (4096 in the messages, 1024 in the completion). ${SENTINEL}`;

describe("a context-length refusal over HTTP", () => {
  it.each<[string, string, number, unknown, number | null]>([
    [
      "OpenAI (context_length_exceeded)",
      "https://api.openai.com/v1",
      400,
      { error: { message: `This model's maximum context length is 128000 tokens. However, your messages resulted in 240512 tokens. ${SENTINEL}`, type: "invalid_request_error", param: "messages", code: "context_length_exceeded" } },
      128_000,
    ],
    [
      "Azure OpenAI (the same code, no number in its words)",
      "https://acme.openai.azure.com/openai/v1",
      400,
      { error: { message: `The prompt is over this deployment's limit. ${SENTINEL}`, type: "invalid_request_error", code: "context_length_exceeded" } },
      null,
    ],
    ["vLLM, bare error body with no code", "http://gpu-box:8000/v1", 400, { object: "error", message: VLLM_WORDS, type: "BadRequestError", param: null, code: 400 }, 4_096],
    ["vLLM, OpenAI-shaped error body", "http://gpu-box:8000/v1", 400, { error: { message: VLLM_WORDS, type: "BadRequestError", param: null, code: 400 } }, 4_096],
    [
      "llama.cpp (exceed_context_size_error, n_ctx)",
      "http://laptop:8080/v1",
      400,
      { error: { code: 400, message: `the request exceeds the available context size, try increasing it ${SENTINEL}`, type: "exceed_context_size_error", n_prompt_tokens: 5_000, n_ctx: 4_096 } },
      4_096,
    ],
    [
      "Gemini's OpenAI endpoint (a one-element list)",
      "https://generativelanguage.googleapis.com/v1beta/openai",
      400,
      [{ error: { code: 400, message: `The input token count (1200000) exceeds the maximum number of tokens allowed (1048576). ${SENTINEL}`, status: "INVALID_ARGUMENT" } }],
      1_048_576,
    ],
    [
      "LM Studio",
      "http://localhost:1234/v1",
      400,
      { error: `Trying to keep the first 5000 tokens when context the overflows. However, the model is loaded with context length of only 4096 tokens, which is not enough. ${SENTINEL}` },
      4_096,
    ],
  ])("%s", async (_server, baseURL, status, body, window) => {
    const url = new URL(baseURL);
    nock(url.origin).post(`${url.pathname}/chat/completions`.replace("//", "/")).reply(status, body as nock.Body);
    const client = createOpenAIClient({ apiKey: "test", baseURL, timeoutMs: 5_000, maxRetries: 0, fetch: sameRealmFetch });

    const error = await rejectionOf(client.complete(reviewRequest()));

    expect(error).toBeInstanceOf(ModelError);
    expect((error as ModelError).contextLength).toEqual({ window });
    expect((error as ModelError).retryable).toBe(false);
    expect((error as ModelError).message).toMatch(/^the prompt does not fit the model's context window \(openai, HTTP 400/);
    expect(everythingIn(error)).not.toContain(SENTINEL);
  });

  it("Anthropic (prompt is too long)", async () => {
    nock("https://api.anthropic.com")
      .post("/v1/messages")
      .reply(400, { type: "error", error: { type: "invalid_request_error", message: `prompt is too long: 208310 tokens > 200000 maximum ${SENTINEL}` } });
    const client = createAnthropicClient({ apiKey: "test", timeoutMs: 5_000, maxRetries: 0, fetch: sameRealmFetch });

    const error = await rejectionOf(client.complete(reviewRequest({ model: "claude-sonnet-4-6" })));

    expect((error as ModelError).contextLength).toEqual({ window: 200_000 });
    expect((error as ModelError).message).toBe(
      "the prompt does not fit the model's context window (anthropic, HTTP 400, invalid_request_error), the server allowing 200,000 tokens: set PATCHWISE_CONTEXT_WINDOW to the server's window or lower PATCHWISE_REQUEST_TOKENS",
    );
    expect(everythingIn(error)).not.toContain(SENTINEL);
  });

  it("leaves any other bad request as it was", async () => {
    nock("https://api.openai.com").post("/v1/chat/completions").reply(400, { error: { message: `Invalid schema ${SENTINEL}`, type: "invalid_request_error", code: "invalid_json_schema" } });
    const client = createOpenAIClient({ apiKey: "test", timeoutMs: 5_000, maxRetries: 0, fetch: sameRealmFetch });

    const error = await rejectionOf(client.complete(reviewRequest()));

    expect((error as ModelError).contextLength).toBeUndefined();
    expect((error as ModelError).message).toMatch(/^the model provider refused the request/);
  });
});

describe("readContextLengthRefusal: the words of providers with clients of their own", () => {
  it.each<[string, Parameters<typeof readContextLengthRefusal>[0], number | null]>([
    ["Gemini's own API", { code: "INVALID_ARGUMENT", text: "The input token count (1200000) exceeds the maximum number of tokens allowed (1048576)." }, 1_048_576],
    ["Bedrock (ValidationException)", { type: "ValidationException", text: "Input is too long for requested model." }, null],
    ["Claude on Bedrock", { type: "ValidationException", text: "input length and `max_tokens` exceed context limit: 199000 + 8000 > 200000, decrease input length" }, 200_000],
    ["Anthropic with no figure", { type: "invalid_request_error", text: "prompt is too long" }, null],
    ["numbers with separators", { text: "This model's maximum context length is 8,192 tokens." }, 8_192],
  ])("%s", (_provider, facts, window) => {
    expect(readContextLengthRefusal(facts)).toEqual({ window });
  });

  it("is not fooled by other refusals", () => {
    expect(readContextLengthRefusal({ type: "ValidationException", text: "Malformed input request: extraneous key [foo] is not permitted" })).toBeNull();
    expect(readContextLengthRefusal({ type: "invalid_request_error", text: "max_tokens: 100000 > 64000, which is the maximum allowed" })).toBeNull();
  });
});
