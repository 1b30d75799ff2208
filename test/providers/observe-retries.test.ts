import { afterEach, describe, expect, it } from "@jest/globals";
import nock from "nock";
import { createAnthropicClient } from "../../src/providers/anthropic-client.js";
import { createOpenAIClient } from "../../src/providers/openai-client.js";
import type { RetryNotice } from "../../src/pipeline/ports.js";
import { rejectionOf, reviewRequest, sameRealmFetch, SENTINEL, validAnswer } from "./provider-test-kit.js";

// A request the SDK sends again says so, with the attempt and the reason (a status, never the body).

afterEach(() => {
  nock.abortPendingRequests();
  nock.cleanAll();
});

// Retry at once, so that the test does not wait for the SDK's backoff.
const AT_ONCE = { "retry-after-ms": "0" };
const completion = { id: "c", object: "chat.completion", created: 1, model: "gpt-4.1-mini", choices: [{ index: 0, finish_reason: "stop", message: { role: "assistant", refusal: null, content: JSON.stringify(validAnswer) } }], usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 } };

describe("retries told to the request's listener", () => {
  it("OpenAI: a 503 then an answer tells of attempt 2 of 3, once", async () => {
    nock("https://api.openai.com").post("/v1/chat/completions").reply(503, { error: { message: SENTINEL } }, AT_ONCE).post("/v1/chat/completions").reply(200, completion);
    const notices: RetryNotice[] = [];
    const client = createOpenAIClient({ apiKey: "sk-test", timeoutMs: 5_000, maxRetries: 2, fetch: sameRealmFetch });

    await client.complete(reviewRequest({ onRetry: (notice) => notices.push(notice) }));

    expect(notices).toEqual([{ attempt: 2, of: 3, reason: "HTTP 503, a server error" }]);
  });

  it("OpenAI: no notice for the last failure, which is not retried", async () => {
    nock("https://api.openai.com").post("/v1/chat/completions").times(2).reply(429, { error: { message: SENTINEL } }, AT_ONCE);
    const notices: RetryNotice[] = [];
    const client = createOpenAIClient({ apiKey: "sk-test", timeoutMs: 5_000, maxRetries: 1, fetch: sameRealmFetch });

    await rejectionOf(client.complete(reviewRequest({ onRetry: (notice) => notices.push(notice) })));

    expect(notices).toEqual([{ attempt: 2, of: 2, reason: "HTTP 429, rate limited" }]);
  });

  it("Anthropic: an overloaded API", async () => {
    nock("https://api.anthropic.com")
      .post("/v1/messages")
      .reply(529, { type: "error", error: { type: "overloaded_error", message: SENTINEL } }, AT_ONCE)
      .post("/v1/messages")
      .reply(200, { id: "m", type: "message", role: "assistant", model: "claude-sonnet-4-6", stop_reason: "tool_use", content: [{ type: "tool_use", id: "t", name: "submit_review", input: validAnswer }], usage: { input_tokens: 1, output_tokens: 1 } });
    const notices: RetryNotice[] = [];
    const client = createAnthropicClient({ apiKey: "sk-ant-test", timeoutMs: 5_000, maxRetries: 3, fetch: sameRealmFetch });

    await client.complete(reviewRequest({ model: "claude-sonnet-4-6", onRetry: (notice) => notices.push(notice) }));

    expect(notices).toEqual([{ attempt: 2, of: 4, reason: "HTTP 529, overloaded" }]);
  });
});
