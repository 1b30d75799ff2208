import { afterEach, describe, expect, it } from "@jest/globals";
import nock from "nock";
import { buildReviewJsonSchema } from "../../src/core/review/review-schema.js";
import { createAnthropicClient } from "../../src/providers/anthropic-client.js";
import { ModelError } from "../../src/providers/model-error.js";
import { everythingIn, rejectionOf, reviewRequest, sameRealmFetch, SENTINEL, validAnswer } from "./provider-test-kit.js";

const ANTHROPIC = "https://api.anthropic.com";

function client(overrides: { baseURL?: string; timeoutMs?: number; maxRetries?: number } = {}) {
  return createAnthropicClient({ apiKey: "sk-ant-test", timeoutMs: 5_000, maxRetries: 0, fetch: sameRealmFetch, ...overrides });
}

function message(extra: Record<string, unknown> = {}) {
  return {
    id: "msg_01",
    type: "message",
    role: "assistant",
    model: "claude-sonnet-4-6",
    content: [{ type: "tool_use", id: "toolu_01", name: "submit_review", input: validAnswer }],
    stop_reason: "tool_use",
    stop_sequence: null,
    usage: { input_tokens: 1500, output_tokens: 420, cache_creation_input_tokens: null, cache_read_input_tokens: null },
    ...extra,
  };
}

function apiError(type: string, text: string) {
  return { type: "error", error: { type, message: text }, request_id: "req_01" };
}

afterEach(() => {
  nock.abortPendingRequests();
  nock.cleanAll();
});

describe("createAnthropicClient", () => {
  it("forces the schema tool and returns its input with usage", async () => {
    let body: unknown;
    let auth: string | undefined;
    const scope = nock(ANTHROPIC)
      .post("/v1/messages", (b: unknown) => {
        body = b;
        return true;
      })
      .reply(function () {
        auth = this.req.headers["authorization"] as string | undefined;
        return [200, message()];
      });

    const response = await client().complete(reviewRequest({ model: "claude-sonnet-4-6" }));

    expect(body).toEqual({
      model: "claude-sonnet-4-6",
      max_tokens: 4000,
      system: "You review pull requests.",
      messages: [{ role: "user", content: `Review this diff:\n+const token = "${SENTINEL}";` }],
      tools: [
        {
          name: "submit_review",
          description: expect.any(String),
          input_schema: buildReviewJsonSchema(),
        },
      ],
      tool_choice: { type: "tool", name: "submit_review" },
    });
    expect(auth).toBe("Bearer sk-ant-test");
    expect(response).toEqual({ content: validAnswer, usage: { inputTokens: 1500, outputTokens: 420 }, model: "claude-sonnet-4-6" });
    expect(scope.isDone()).toBe(true);
  });

  it("counts cached prompt tokens as input", async () => {
    nock(ANTHROPIC)
      .post("/v1/messages")
      .reply(200, message({ usage: { input_tokens: 10, output_tokens: 5, cache_creation_input_tokens: 100, cache_read_input_tokens: 1000 } }));

    const response = await client().complete(reviewRequest());

    expect(response.usage).toEqual({ inputTokens: 1110, outputTokens: 5 });
  });

  it("uses the configured base URL", async () => {
    const scope = nock("https://llm-gateway.example.com").post("/anthropic/v1/messages").reply(200, message());

    await client({ baseURL: "https://llm-gateway.example.com/anthropic" }).complete(reviewRequest());

    expect(scope.isDone()).toBe(true);
  });

  it("retries a 429 (honouring retry-after-ms) and then succeeds", async () => {
    const scope = nock(ANTHROPIC)
      .post("/v1/messages")
      .reply(429, apiError("rate_limit_error", "slow down"), { "retry-after-ms": "1" })
      .post("/v1/messages")
      .reply(200, message());

    const response = await client({ maxRetries: 2 }).complete(reviewRequest());

    expect(response.content).toEqual(validAnswer);
    expect(scope.isDone()).toBe(true);
  });

  it("reports an overload that outlasts the retries as retryable", async () => {
    nock(ANTHROPIC).post("/v1/messages").times(2).reply(529, apiError("overloaded_error", "Overloaded"), { "retry-after-ms": "1" });

    const err = await rejectionOf(client({ maxRetries: 1 }).complete(reviewRequest()));

    expect(err).toBeInstanceOf(ModelError);
    expect(err).toMatchObject({ retryable: true, status: 529, provider: "anthropic" });
    expect((err as ModelError).message).toContain("overloaded");
  });

  it("turns a 401 into a non-retryable error naming ANTHROPIC_API_KEY, without any body, prompt or header", async () => {
    nock(ANTHROPIC)
      .post("/v1/messages")
      .reply(401, apiError("authentication_error", `invalid x-api-key near ${SENTINEL}`), { "request-id": SENTINEL });

    const err = await rejectionOf(client().complete(reviewRequest()));

    expect(err).toBeInstanceOf(ModelError);
    expect(err).toMatchObject({ retryable: false, status: 401, provider: "anthropic" });
    expect((err as ModelError).message).toContain("check ANTHROPIC_API_KEY");
    expect((err as ModelError).cause).toBeUndefined();
    expect(everythingIn(err)).not.toContain(SENTINEL);
    expect(everythingIn(err)).not.toContain("sk-ant-test");
  });

  it("reports a timeout as retryable", async () => {
    nock(ANTHROPIC).post("/v1/messages").delay(2_000).reply(200, message());

    const err = await rejectionOf(client({ timeoutMs: 50 }).complete(reviewRequest()));

    expect(err).toBeInstanceOf(ModelError);
    expect(err).toMatchObject({ retryable: true });
    expect((err as ModelError).message).toContain("PATCHWISE_MODEL_TIMEOUT_MS");
  });

  it("stops at once when the caller aborts, as a non-retryable cancellation", async () => {
    nock(ANTHROPIC).post("/v1/messages").delay(2_000).reply(200, message());
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 20);
    const started = Date.now();

    const err = await rejectionOf(client({ maxRetries: 3 }).complete(reviewRequest(), controller.signal));

    expect(Date.now() - started).toBeLessThan(1_000);
    expect(err).toBeInstanceOf(ModelError);
    expect(err).toMatchObject({ retryable: false });
    expect((err as ModelError).message).toContain("cancelled");
  });

  it.each([
    ["an answer cut off at max tokens", { stop_reason: "max_tokens" }, /cut off at max tokens.*PATCHWISE_MAX_OUTPUT_TOKENS/],
    ["a refusal", { stop_reason: "refusal", content: [{ type: "text", text: `No. ${SENTINEL}`, citations: null }] }, /refused/],
    [
      "an answer without the tool call",
      { stop_reason: "end_turn", content: [{ type: "text", text: `{"summary": "${SENTINEL}"}`, citations: null }] },
      /without calling the submit_review tool/,
    ],
    ["a context window overflow", { stop_reason: "model_context_window_exceeded" }, /context window/],
  ])("turns %s into a non-retryable error", async (_name, extra, expected) => {
    nock(ANTHROPIC).post("/v1/messages").reply(200, message(extra));

    const err = await rejectionOf(client().complete(reviewRequest()));

    expect(err).toBeInstanceOf(ModelError);
    expect(err).toMatchObject({ retryable: false, provider: "anthropic" });
    expect((err as ModelError).message).toMatch(expected);
    expect(everythingIn(err)).not.toContain(SENTINEL);
  });
});
