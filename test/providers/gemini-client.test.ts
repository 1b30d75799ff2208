import { afterEach, describe, expect, it } from "@jest/globals";
import { buildReviewJsonSchema } from "../../src/core/review/review-schema.js";
import { createGeminiClient, type GeminiClientOptions } from "../../src/providers/gemini-client.js";
import { ModelError } from "../../src/providers/model-error.js";
import { startFakeGenerateContent, type FakeCloudModel, type FakeReply, type RecordedRequest } from "../helpers/fake-cloud-models.js";
import { everythingIn, rejectionOf, reviewRequest, sameRealmFetch, SENTINEL, validAnswer } from "./provider-test-kit.js";

let fake: FakeCloudModel | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

async function gemini(reply: (request: RecordedRequest) => FakeReply, overrides: Partial<GeminiClientOptions> = {}) {
  fake = await startFakeGenerateContent(reply);
  return createGeminiClient({ apiKey: "gemini-key", baseUrl: fake.url, timeoutMs: 5_000, maxRetries: 0, retryDelayMs: 1, fetch: sameRealmFetch, ...overrides });
}

/** Google's error body, its message echoing the prompt. */
const googleError = (code: number, status: string, message = `echo: ${SENTINEL}`, reason?: string): FakeReply => ({
  status: code,
  body: { error: { code, message, status, details: reason ? [{ "@type": "type.googleapis.com/google.rpc.ErrorInfo", reason, domain: "googleapis.com" }] : [] } },
});

describe("createGeminiClient", () => {
  it("posts generateContent for the model with the x-goog-api-key header and the schema as responseJsonSchema", async () => {
    const model = await gemini(() => ({ answer: validAnswer }));

    const response = await model.complete(reviewRequest({ model: "gemini-2.5-flash" }));

    const [request] = fake!.requests;
    expect(request!.method).toBe("POST");
    expect(request!.url).toBe("/v1beta/models/gemini-2.5-flash:generateContent");
    expect(request!.headers["x-goog-api-key"]).toBe("gemini-key");
    expect(request!.headers["authorization"]).toBeUndefined();
    expect(request!.body).toEqual({
      contents: [{ role: "user", parts: [{ text: `Review this diff:\n+const token = "${SENTINEL}";` }] }],
      systemInstruction: { role: "user", parts: [{ text: "You review pull requests." }] },
      generationConfig: { responseMimeType: "application/json", responseJsonSchema: buildReviewJsonSchema(), maxOutputTokens: 4000 },
    });
    expect(model.provider).toBe("gemini");
    // Thinking tokens are output tokens.
    expect(response).toEqual({ content: validAnswer, usage: { inputTokens: 1200, outputTokens: 340 }, model: "gemini-2.5-flash" });
  });

  it.each<[string, FakeReply, { retryable: boolean; status?: number; kind?: string; contextLength?: { window: number | null } }, RegExp]>([
    ["a rejected key", googleError(400, "INVALID_ARGUMENT", `API key not valid. ${SENTINEL}`, "API_KEY_INVALID"), { retryable: false, status: 400 }, /^the model provider rejected the API key \(gemini, HTTP 400, INVALID_ARGUMENT, API_KEY_INVALID\): check GEMINI_API_KEY/],
    ["a prompt over the context window", googleError(400, "INVALID_ARGUMENT", `The input token count (1200000) exceeds the maximum number of tokens allowed (1048576). ${SENTINEL}`), { retryable: false, status: 400, kind: "too long", contextLength: { window: 1_048_576 } }, /context window \(gemini, HTTP 400, INVALID_ARGUMENT\), the server allowing 1,048,576 tokens: set PATCHWISE_CONTEXT_WINDOW/],
    ["throttling", googleError(429, "RESOURCE_EXHAUSTED"), { retryable: true, status: 429 }, /rate limiting requests \(gemini, HTTP 429, RESOURCE_EXHAUSTED\)/],
    ["an unknown model", googleError(404, "NOT_FOUND"), { retryable: false, status: 404 }, /^model not found \(gemini, HTTP 404, NOT_FOUND\): check PATCHWISE_MODEL and GEMINI_BASE_URL$/],
    ["an overloaded model", googleError(503, "UNAVAILABLE"), { retryable: true, status: 503 }, /overloaded/],
  ])("explains %s without quoting the response", async (_name, failure, expected, message) => {
    const model = await gemini(() => failure);

    const err = await rejectionOf(model.complete(reviewRequest()));

    expect(err).toBeInstanceOf(ModelError);
    expect(err).toMatchObject({ provider: "gemini", ...expected });
    expect((err as Error).message).toMatch(message);
    expect(everythingIn(err)).not.toContain(SENTINEL);
  });

  it("retries a throttled request with backoff and returns the answer", async () => {
    let calls = 0;
    const model = await gemini(() => (++calls === 1 ? googleError(429, "RESOURCE_EXHAUSTED") : { answer: validAnswer }), { maxRetries: 1 });

    await expect(model.complete(reviewRequest())).resolves.toMatchObject({ content: validAnswer });
    expect(fake!.requests).toHaveLength(2);
  });

  it("tells the request's listener of each retry, and why", async () => {
    let calls = 0;
    const model = await gemini(() => (++calls <= 2 ? googleError(503, "UNAVAILABLE") : { answer: validAnswer }), { maxRetries: 2 });
    const notices: unknown[] = [];

    await model.complete(reviewRequest({ onRetry: (notice) => notices.push(notice) }));

    expect(notices).toEqual([
      { attempt: 2, of: 3, reason: "HTTP 503, a server error" },
      { attempt: 3, of: 3, reason: "HTTP 503, a server error" },
    ]);
  });

  it.each([
    ["MAX_TOKENS", /cut off at max tokens \(gemini, 4000\)/],
    ["SAFETY", /content filter stopped the answer \(gemini\)/],
  ])("refuses an answer that finished with %s", async (stop, message) => {
    const model = await gemini(() => ({ answer: validAnswer, stop }));

    await expect(model.complete(reviewRequest())).rejects.toThrow(message);
  });

  it("tells a cancelled review from a timed-out request", async () => {
    const model = await gemini(() => ({ answer: validAnswer }));
    const controller = new AbortController();
    controller.abort();

    await expect(model.complete(reviewRequest(), controller.signal)).rejects.toMatchObject({ message: "the model request was cancelled (gemini)", retryable: false });
  });

  it("names the host it could not reach", async () => {
    const model = createGeminiClient({ apiKey: "k", baseUrl: "http://127.0.0.1:9", timeoutMs: 5_000, maxRetries: 0, fetch: sameRealmFetch });

    await expect(model.complete(reviewRequest())).rejects.toMatchObject({ message: expect.stringMatching(/^could not reach 127\.0\.0\.1:9 \(gemini\): check GEMINI_BASE_URL/), retryable: true });
  });
});
