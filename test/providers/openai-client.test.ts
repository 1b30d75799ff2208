import { afterEach, describe, expect, it } from "@jest/globals";
import nock from "nock";
import { buildReviewJsonSchema } from "../../src/core/review/review-schema.js";
import { ModelError } from "../../src/providers/model-error.js";
import { createOpenAIClient } from "../../src/providers/openai-client.js";
import { everythingIn, rejectionOf, reviewRequest, sameRealmFetch, SENTINEL, validAnswer } from "./provider-test-kit.js";

const OPENAI = "https://api.openai.com";

function client(overrides: { baseURL?: string; timeoutMs?: number; maxRetries?: number } = {}) {
  return createOpenAIClient({ apiKey: "sk-test", timeoutMs: 5_000, maxRetries: 0, fetch: sameRealmFetch, ...overrides });
}

function completion(message: Record<string, unknown>, extra: Record<string, unknown> = {}) {
  return {
    id: "chatcmpl-1",
    object: "chat.completion",
    created: 1_700_000_000,
    model: "gpt-4.1-mini-2025-04-14",
    choices: [{ index: 0, finish_reason: "stop", message: { role: "assistant", refusal: null, ...message } }],
    usage: { prompt_tokens: 1200, completion_tokens: 340, total_tokens: 1540 },
    ...extra,
  };
}

afterEach(() => {
  nock.abortPendingRequests();
  nock.cleanAll();
});

describe("createOpenAIClient", () => {
  it("sends the prompt with a strict JSON schema and returns the parsed answer with usage", async () => {
    let body: unknown;
    let auth: string | undefined;
    const scope = nock(OPENAI)
      .post("/v1/chat/completions", (b: unknown) => {
        body = b;
        return true;
      })
      .reply(function () {
        auth = this.req.headers["authorization"] as string | undefined;
        return [200, completion({ content: JSON.stringify(validAnswer) })];
      });

    const response = await client().complete(reviewRequest({ model: "gpt-4.1-mini" }));

    expect(body).toEqual({
      model: "gpt-4.1-mini",
      messages: [
        { role: "system", content: "You review pull requests." },
        { role: "user", content: `Review this diff:\n+const token = "${SENTINEL}";` },
      ],
      response_format: {
        type: "json_schema",
        json_schema: { name: "submit_review", schema: buildReviewJsonSchema(), strict: true },
      },
      max_completion_tokens: 4000,
    });
    expect(auth).toBe("Bearer sk-test");
    expect(response).toEqual({
      content: validAnswer,
      usage: { inputTokens: 1200, outputTokens: 340 },
      model: "gpt-4.1-mini-2025-04-14",
    });
    expect(scope.isDone()).toBe(true);
  });

  it("sends max_tokens to a local OpenAI-compatible server at <base URL>/chat/completions", async () => {
    let body: Record<string, unknown> = {};
    const scope = nock("http://127.0.0.1:11434")
      .post("/v1/chat/completions", (b: Record<string, unknown>) => {
        body = b;
        return true;
      })
      // Ollama omits fields such as usage on some versions.
      .reply(200, { ...completion({ content: JSON.stringify(validAnswer) }), usage: undefined, model: "" });

    const response = await client({ baseURL: "http://127.0.0.1:11434/v1" }).complete(reviewRequest({ model: "qwen2.5-coder" }));

    expect(scope.isDone()).toBe(true);
    expect(body["max_tokens"]).toBe(4000);
    expect(body).not.toHaveProperty("max_completion_tokens");
    expect(response).toEqual({ content: validAnswer, usage: { inputTokens: 0, outputTokens: 0 }, model: "qwen2.5-coder" });
  });

  it("keeps max_completion_tokens for Azure OpenAI's v1 endpoint", async () => {
    let body: Record<string, unknown> = {};
    nock("https://patchwise.openai.azure.com")
      .post("/openai/v1/chat/completions", (b: Record<string, unknown>) => {
        body = b;
        return true;
      })
      .reply(200, completion({ content: JSON.stringify(validAnswer) }));

    await client({ baseURL: "https://patchwise.openai.azure.com/openai/v1" }).complete(reviewRequest());

    expect(body["max_completion_tokens"]).toBe(4000);
    expect(body).not.toHaveProperty("max_tokens");
  });

  it.each([
    ["fenced JSON", "```json\n{\"summary\":\"x\"}\n```"],
    ["prose", "Looks good to me!"],
    ["an empty string", ""],
  ])("returns %s as the raw string so validation and repair can handle it", async (_name, content) => {
    nock(OPENAI).post("/v1/chat/completions").reply(200, completion({ content }));

    const response = await client().complete(reviewRequest());

    expect(response.content).toBe(content);
  });

  it("retries a 429 (honouring retry-after-ms) and then succeeds", async () => {
    const scope = nock(OPENAI)
      .post("/v1/chat/completions")
      .reply(429, { error: { message: "slow down", type: "requests", code: "rate_limit_exceeded" } }, { "retry-after-ms": "1" })
      .post("/v1/chat/completions")
      .reply(200, completion({ content: JSON.stringify(validAnswer) }));

    const response = await client({ maxRetries: 2 }).complete(reviewRequest());

    expect(response.content).toEqual(validAnswer);
    expect(scope.isDone()).toBe(true);
  });

  it("reports a 429 that outlasts the retries as retryable, with what to change", async () => {
    nock(OPENAI)
      .post("/v1/chat/completions")
      .times(2)
      .reply(429, { error: { message: "slow down", type: "requests", code: "rate_limit_exceeded" } }, { "retry-after-ms": "1" });

    const err = await rejectionOf(client({ maxRetries: 1 }).complete(reviewRequest()));

    expect(err).toBeInstanceOf(ModelError);
    expect(err).toMatchObject({ retryable: true, status: 429, provider: "openai" });
    expect((err as ModelError).message).toMatch(/rate limit.*PATCHWISE_CONCURRENCY/);
  });

  it("turns a 401 into a non-retryable error naming OPENAI_API_KEY, without any body, prompt or header", async () => {
    nock(OPENAI)
      .post("/v1/chat/completions")
      .reply(
        401,
        { error: { message: `Incorrect API key provided: sk-te***; you sent ${SENTINEL}`, type: "invalid_request_error", code: "invalid_api_key" } },
        { "x-request-id": SENTINEL },
      );

    const err = await rejectionOf(client().complete(reviewRequest()));

    expect(err).toBeInstanceOf(ModelError);
    expect(err).toMatchObject({ retryable: false, status: 401, provider: "openai" });
    expect((err as ModelError).message).toContain("check OPENAI_API_KEY");
    expect((err as ModelError).cause).toBeUndefined();
    expect(everythingIn(err)).not.toContain(SENTINEL);
    expect(everythingIn(err)).not.toContain("sk-test");
  });

  it("names PATCHWISE_MODEL when the model does not exist", async () => {
    nock(OPENAI)
      .post("/v1/chat/completions")
      .reply(404, { error: { message: `The model ${SENTINEL} does not exist`, type: "invalid_request_error", code: "model_not_found" } });

    const err = await rejectionOf(client().complete(reviewRequest()));

    expect(err).toMatchObject({ retryable: false, status: 404 });
    expect((err as ModelError).message).toMatch(/^model not found.*check PATCHWISE_MODEL$/);
    expect(everythingIn(err)).not.toContain(SENTINEL);
  });

  it("reports a timeout as retryable", async () => {
    nock(OPENAI).post("/v1/chat/completions").delay(2_000).reply(200, completion({ content: "{}" }));

    const err = await rejectionOf(client({ timeoutMs: 50 }).complete(reviewRequest()));

    expect(err).toBeInstanceOf(ModelError);
    expect(err).toMatchObject({ retryable: true });
    expect((err as ModelError).message).toContain("PATCHWISE_MODEL_TIMEOUT_MS");
  });

  it("names the unreachable host and OPENAI_BASE_URL when the connection is refused", async () => {
    nock("http://127.0.0.1:11434")
      .post("/v1/chat/completions")
      .replyWithError(Object.assign(new Error(`connect ECONNREFUSED ${SENTINEL}`), { code: "ECONNREFUSED" }));

    const err = await rejectionOf(client({ baseURL: "http://127.0.0.1:11434/v1" }).complete(reviewRequest()));

    expect(err).toMatchObject({ retryable: true, provider: "openai" });
    expect((err as ModelError).message).toMatch(/^could not reach 127\.0\.0\.1:11434 .*check OPENAI_BASE_URL/);
    expect(everythingIn(err)).not.toContain(SENTINEL);
  });

  it("stops at once when the caller aborts, as a non-retryable cancellation", async () => {
    const scope = nock(OPENAI).post("/v1/chat/completions").delay(2_000).reply(200, completion({ content: "{}" }));
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 20);
    const started = Date.now();

    const err = await rejectionOf(client({ maxRetries: 3 }).complete(reviewRequest(), controller.signal));

    expect(Date.now() - started).toBeLessThan(1_000);
    expect(err).toBeInstanceOf(ModelError);
    expect(err).toMatchObject({ retryable: false });
    expect((err as ModelError).message).toContain("cancelled");
    expect(scope.isDone()).toBe(true);
  });

  it("sends nothing when the signal is already aborted", async () => {
    const scope = nock(OPENAI).post("/v1/chat/completions").reply(200, completion({ content: "{}" }));

    const err = await rejectionOf(client().complete(reviewRequest(), AbortSignal.abort()));

    expect((err as ModelError).message).toContain("cancelled");
    expect(scope.isDone()).toBe(false);
  });

  it.each([
    ["a refusal", { content: null, refusal: `I will not review ${SENTINEL}` }, "stop", /refused/],
    ["no content", { content: null }, "stop", /refused/],
    ["an answer cut off at max tokens", { content: '{"summary": "trunc' }, "length", /cut off at max tokens.*PATCHWISE_MAX_OUTPUT_TOKENS/],
    ["a content-filter stop", { content: null }, "content_filter", /content filter/],
  ])("turns %s into a non-retryable error", async (_name, message, finishReason, expected) => {
    const reply = completion(message);
    reply.choices[0]!.finish_reason = finishReason;
    nock(OPENAI).post("/v1/chat/completions").reply(200, reply);

    const err = await rejectionOf(client().complete(reviewRequest()));

    expect(err).toBeInstanceOf(ModelError);
    expect(err).toMatchObject({ retryable: false, provider: "openai" });
    expect((err as ModelError).message).toMatch(expected);
    expect(everythingIn(err)).not.toContain(SENTINEL);
  });
});
