import { describe, expect, it } from "@jest/globals";
import Anthropic from "@anthropic-ai/sdk";
import OpenAI from "openai";
import { ModelError, toModelError, type ModelProviderName } from "../../src/providers/model-error.js";
import { everythingIn, SENTINEL } from "./provider-test-kit.js";

function openaiError(status: number, error: Record<string, unknown>): unknown {
  return OpenAI.APIError.generate(status, { error: { message: `echo: ${SENTINEL}`, ...error } }, undefined, new Headers({ "x-request-id": SENTINEL }));
}

function anthropicError(status: number, type: string, errorCode?: string): unknown {
  const details = errorCode === undefined ? {} : { details: { error_code: errorCode } };
  return Anthropic.APIError.generate(
    status,
    { type: "error", error: { type, message: `echo: ${SENTINEL}`, ...details } },
    undefined,
    new Headers({ "request-id": SENTINEL }),
  );
}

describe("toModelError", () => {
  it.each<[string, ModelProviderName, unknown, string | undefined, { retryable: boolean; status?: number; contextLength?: { window: number | null } }, RegExp]>([
    ["a bad OpenAI request", "openai", openaiError(400, { type: "invalid_request_error", code: null }), undefined, { retryable: false, status: 400 }, /^the model provider refused the request \(openai, HTTP 400, invalid_request_error\): check that PATCHWISE_MODEL/],
    ["a prompt over the context window", "openai", openaiError(400, { code: "context_length_exceeded" }), undefined, { retryable: false, contextLength: { window: null } }, /context window.*PATCHWISE_CONTEXT_WINDOW/],
    ["a missing Anthropic key", "anthropic", anthropicError(401, "authentication_error"), undefined, { retryable: false, status: 401 }, /rejected the API key \(anthropic, HTTP 401, authentication_error\): check ANTHROPIC_API_KEY$/],
    ["an Anthropic billing problem", "anthropic", anthropicError(402, "billing_error"), undefined, { retryable: false }, /billing/],
    ["a forbidden model", "openai", openaiError(403, {}), undefined, { retryable: false, status: 403 }, /permissions and PATCHWISE_MODEL/],
    ["an unknown model on OpenAI", "openai", openaiError(404, { code: "model_not_found" }), undefined, { retryable: false }, /^model not found .*: check PATCHWISE_MODEL$/],
    ["a 404 from a custom base URL", "openai", openaiError(404, {}), "http://vllm:8000/v1", { retryable: false }, /check PATCHWISE_MODEL and OPENAI_BASE_URL$/],
    ["a request that is too large", "anthropic", anthropicError(413, "request_too_large"), undefined, { retryable: false }, /too large/],
    ["an exhausted quota", "openai", openaiError(429, { type: "insufficient_quota", code: "insufficient_quota" }), undefined, { retryable: false, status: 429 }, /no quota left/],
    ["a rate limit", "anthropic", anthropicError(429, "rate_limit_error"), undefined, { retryable: true, status: 429 }, /rate limiting/],
    ["an overloaded Anthropic API", "anthropic", anthropicError(529, "overloaded_error"), undefined, { retryable: true, status: 529 }, /overloaded/],
    ["a server error", "openai", openaiError(500, { type: "server_error" }), undefined, { retryable: true, status: 500 }, /server error/],
    ["an OpenAI timeout", "openai", new OpenAI.APIConnectionTimeoutError(), undefined, { retryable: true }, /did not answer in time.*PATCHWISE_MODEL_TIMEOUT_MS/],
    ["an Anthropic timeout", "anthropic", new Anthropic.APIConnectionTimeoutError(), undefined, { retryable: true }, /did not answer in time/],
    ["an unreachable default host", "anthropic", new Anthropic.APIConnectionError({ message: SENTINEL }), undefined, { retryable: true }, /^could not reach api\.anthropic\.com \(anthropic\): check ANTHROPIC_BASE_URL/],
    ["an unreachable base URL with credentials in it", "openai", new OpenAI.APIConnectionError({ message: SENTINEL }), `http://user:${SENTINEL}@gpu-box:8000/v1?key=${SENTINEL}`, { retryable: true }, /^could not reach gpu-box:8000 /],
    ["a user abort", "openai", new OpenAI.APIUserAbortError(), undefined, { retryable: false }, /cancelled/],
    ["a DOM abort", "anthropic", Object.assign(new Error(SENTINEL), { name: "AbortError" }), undefined, { retryable: false }, /cancelled/],
    ["an unexpected error", "openai", new TypeError(`cannot read ${SENTINEL}`), undefined, { retryable: false }, /^unexpected TypeError from the openai client/],
    ["a thrown string", "anthropic", SENTINEL, undefined, { retryable: false }, /^unexpected string from the anthropic client/],
  ])("explains %s", (_name, provider, err, baseUrl, expected, message) => {
    const result = toModelError(provider, err, baseUrl);

    expect(result).toBeInstanceOf(ModelError);
    expect(result).toMatchObject({ provider, ...expected });
    expect(result.message).toMatch(message);
    expect(result.cause).toBeUndefined();
    expect(everythingIn(result)).not.toContain(SENTINEL);
  });

  it("drops an error code that is free text rather than an identifier", () => {
    const result = toModelError("openai", openaiError(400, { type: "invalid_request_error", code: `see ${SENTINEL} for details` }));

    expect(result.message).toContain("invalid_request_error");
    expect(everythingIn(result)).not.toContain(SENTINEL);
  });

  it("passes a ModelError through unchanged", () => {
    const original = new ModelError({ provider: "openai", message: "the model refused to answer", retryable: false });

    expect(toModelError("openai", original)).toBe(original);
  });
});
