import { afterEach, describe, expect, it } from "@jest/globals";
import { buildReviewJsonSchema } from "../../src/core/review/review-schema.js";
import { createAzureClient, type AzureClientOptions } from "../../src/providers/azure-client.js";
import { ModelError } from "../../src/providers/model-error.js";
import { startFakeAzureOpenAI, type FakeCloudModel, type FakeReply, type RecordedRequest } from "../helpers/fake-cloud-models.js";
import { everythingIn, rejectionOf, reviewRequest, sameRealmFetch, SENTINEL, validAnswer } from "./provider-test-kit.js";

let fake: FakeCloudModel | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

async function azure(reply: (request: RecordedRequest) => FakeReply, overrides: Partial<AzureClientOptions> = {}) {
  fake = await startFakeAzureOpenAI(reply);
  return createAzureClient({ endpoint: `${fake.url}/`, apiVersion: "2024-10-21", auth: { apiKey: "azure-key" }, timeoutMs: 5_000, maxRetries: 0, fetch: sameRealmFetch, ...overrides });
}

/** Azure's error body, echoing the prompt as some of its messages do. */
const azureError = (status: number, code: string, type?: string): FakeReply => ({
  status,
  body: { error: { code, message: `echo: ${SENTINEL}`, ...(type ? { type } : {}) } },
  headers: { "retry-after-ms": "1", "x-ms-request-id": SENTINEL },
});

describe("createAzureClient", () => {
  it("posts to the deployment named by the model, with the api-version and the api-key header, and a strict JSON schema", async () => {
    const model = await azure(() => ({ answer: validAnswer }));

    const response = await model.complete(reviewRequest({ model: "review-gpt41" }));

    expect(fake!.requests).toHaveLength(1);
    const [request] = fake!.requests;
    expect(request!.method).toBe("POST");
    expect(request!.url).toBe("/openai/deployments/review-gpt41/chat/completions?api-version=2024-10-21");
    expect(request!.headers["api-key"]).toBe("azure-key");
    expect(request!.headers["authorization"]).toBeUndefined();
    expect(request!.body).toEqual({
      model: "review-gpt41",
      messages: [
        { role: "system", content: "You review pull requests." },
        { role: "user", content: `Review this diff:\n+const token = "${SENTINEL}";` },
      ],
      response_format: { type: "json_schema", json_schema: { name: "submit_review", schema: buildReviewJsonSchema(), strict: true } },
      max_completion_tokens: 4000,
    });
    expect(model.provider).toBe("azure");
    expect(response).toEqual({ content: validAnswer, usage: { inputTokens: 1200, outputTokens: 340 }, model: "gpt-4.1-mini-2025-04-14" });
  });

  it("sends a Microsoft Entra ID token as a bearer token when there is no key", async () => {
    const model = await azure(() => ({ answer: validAnswer }), { auth: { tokenProvider: async () => "entra-token" } });

    await model.complete(reviewRequest());

    expect(fake!.requests[0]!.headers["authorization"]).toBe("Bearer entra-token");
    expect(fake!.requests[0]!.headers["api-key"]).toBeUndefined();
  });

  it.each<[string, FakeReply, { retryable: boolean; status?: number; kind?: string; contextLength?: { window: number | null } }, RegExp]>([
    ["a rejected key", azureError(401, "401"), { retryable: false, status: 401 }, /^the model provider rejected the key or Entra ID token \(azure, HTTP 401\): check AZURE_OPENAI_API_KEY/],
    ["an identity without the role", azureError(403, "PermissionDenied"), { retryable: false, status: 403 }, /Cognitive Services OpenAI User role/],
    ["an unknown deployment", azureError(404, "DeploymentNotFound"), { retryable: false, status: 404 }, /^model not found \(azure, HTTP 404, DeploymentNotFound\): check that PATCHWISE_MODEL is the name of a deployment/],
    ["throttling", azureError(429, "429"), { retryable: true, status: 429 }, /rate limiting requests \(azure, HTTP 429/],
    ["a prompt over the context window", azureError(400, "context_length_exceeded", "invalid_request_error"), { retryable: false, status: 400, kind: "too long", contextLength: { window: null } }, /context window \(azure, .*\): set PATCHWISE_CONTEXT_WINDOW to the server's window or lower PATCHWISE_REQUEST_TOKENS/],
  ])("explains %s without quoting the response", async (_name, failure, expected, message) => {
    const model = await azure(() => failure);

    const err = await rejectionOf(model.complete(reviewRequest()));

    expect(err).toBeInstanceOf(ModelError);
    expect(err).toMatchObject({ provider: "azure", ...expected });
    expect((err as Error).message).toMatch(message);
    expect(everythingIn(err)).not.toContain(SENTINEL);
  });

  it("retries a throttled request after Azure's retry-after-ms and returns the answer", async () => {
    let calls = 0;
    const model = await azure(() => (++calls === 1 ? azureError(429, "429") : { answer: validAnswer }), { maxRetries: 1 });

    await expect(model.complete(reviewRequest())).resolves.toMatchObject({ content: validAnswer });
    expect(fake!.requests).toHaveLength(2);
  });

  it("says what to fix when Entra ID gives no token", async () => {
    const model = await azure(() => ({ answer: validAnswer }), {
      auth: {
        tokenProvider: async () => {
          throw new ModelError({ provider: "azure", message: "could not get a Microsoft Entra ID token (azure): set AZURE_OPENAI_API_KEY", retryable: false });
        },
      },
    });

    const err = await rejectionOf(model.complete(reviewRequest()));

    expect(err).toBeInstanceOf(ModelError);
    expect((err as Error).message).toMatch(/^could not get a Microsoft Entra ID token/);
    expect(fake!.requests).toHaveLength(0);
  });

  it("stops when the review is cancelled", async () => {
    const model = await azure(() => ({ answer: validAnswer }));
    const controller = new AbortController();
    controller.abort();

    const err = await rejectionOf(model.complete(reviewRequest(), controller.signal));

    expect(err).toMatchObject({ provider: "azure", retryable: false, message: "the model request was cancelled (azure)" });
  });
});
