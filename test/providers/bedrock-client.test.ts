import { afterEach, describe, expect, it } from "@jest/globals";
import { buildReviewJsonSchema } from "../../src/core/review/review-schema.js";
import { createBedrockClient, type BedrockClientOptions } from "../../src/providers/bedrock-client.js";
import { ModelError } from "../../src/providers/model-error.js";
import { startFakeBedrock, type FakeCloudModel, type FakeReply, type RecordedRequest } from "../helpers/fake-cloud-models.js";
import { everythingIn, rejectionOf, reviewRequest, SENTINEL, validAnswer } from "./provider-test-kit.js";

// The real AWS SDK and its default HTTP/2 handler, against a cleartext HTTP/2 server on loopback.

const MODEL_ID = "eu.anthropic.claude-sonnet-4-6";
const KEYS = { kind: "keys", accessKeyId: "AKIDEXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", sessionToken: "session-token" } as const;

let fake: FakeCloudModel | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

async function bedrock(reply: (request: RecordedRequest) => FakeReply, overrides: Partial<BedrockClientOptions> = {}) {
  fake = await startFakeBedrock(reply);
  return createBedrockClient({ region: "eu-central-1", endpoint: fake.url, auth: KEYS, timeoutMs: 5_000, maxRetries: 0, ...overrides });
}

/** An AWS error: its type in `x-amzn-errortype`, its message echoing the prompt. */
const awsError = (status: number, type: string, message = `echo: ${SENTINEL}`): FakeReply => ({
  status,
  body: { message },
  headers: { "x-amzn-errortype": `${type}:http://internal.amazon.com/coral/com.amazon.bedrock/`, "x-amzn-requestid": SENTINEL },
});

describe("createBedrockClient", () => {
  it("sends Converse over HTTP/2 with a SigV4 signature and the schema as a forced tool", async () => {
    const model = await bedrock(() => ({ answer: validAnswer }));

    const response = await model.complete(reviewRequest({ model: MODEL_ID }));

    const [request] = fake!.requests;
    expect(request!.method).toBe("POST");
    expect(request!.url).toBe(`/model/${encodeURIComponent(MODEL_ID)}/converse`);
    expect(request!.headers[":scheme"]).toBe("http");
    // Over HTTP/2 the SDK signs the :authority pseudo-header where HTTP/1.1 has host.
    expect(request!.headers["authorization"]).toMatch(
      /^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE\/\d{8}\/eu-central-1\/bedrock\/aws4_request, SignedHeaders=:authority;[a-z0-9;-]*x-amz-content-sha256;x-amz-date;x-amz-security-token[a-z0-9;-]*, Signature=[0-9a-f]{64}$/,
    );
    expect(request!.headers["x-amz-security-token"]).toBe("session-token");
    expect(request!.headers["x-amz-date"]).toMatch(/^\d{8}T\d{6}Z$/);
    expect(request!.body).toEqual({
      system: [{ text: "You review pull requests." }],
      messages: [{ role: "user", content: [{ text: `Review this diff:\n+const token = "${SENTINEL}";` }] }],
      inferenceConfig: { maxTokens: 4000 },
      toolConfig: {
        tools: [{ toolSpec: { name: "submit_review", description: expect.any(String), inputSchema: { json: buildReviewJsonSchema() } } }],
        toolChoice: { tool: { name: "submit_review" } },
      },
    });
    expect(model.provider).toBe("bedrock");
    // Cache reads and writes are input tokens too.
    expect(response).toEqual({ content: validAnswer, usage: { inputTokens: 1200, outputTokens: 340 }, model: MODEL_ID });
  });

  it("sends a Bedrock API key as a bearer token instead of a signature", async () => {
    const model = await bedrock(() => ({ answer: validAnswer }), { auth: { kind: "api key", token: "bedrock-api-key" } });

    await model.complete(reviewRequest({ model: MODEL_ID }));

    expect(fake!.requests[0]!.headers["authorization"]).toBe("Bearer bedrock-api-key");
  });

  it.each<[string, FakeReply, { retryable: boolean; status?: number; kind?: string; contextLength?: { window: number | null } }, RegExp]>([
    ["rejected keys", awsError(403, "UnrecognizedClientException"), { retryable: false, status: 403 }, /^the model provider rejected the AWS credentials \(bedrock, HTTP 403, UnrecognizedClientException\)/],
    ["a model that is not enabled", awsError(403, "AccessDeniedException"), { retryable: false, status: 403 }, /allow bedrock:InvokeModel on PATCHWISE_MODEL .* enable the model in AWS_REGION$/],
    ["throttling", awsError(429, "ThrottlingException"), { retryable: true, status: 429 }, /rate limiting requests \(bedrock, HTTP 429, ThrottlingException\)/],
    ["a prompt over the context window", awsError(400, "ValidationException", `Input is too long for requested model. ${SENTINEL}`), { retryable: false, status: 400, kind: "too long", contextLength: { window: null } }, /context window \(bedrock, HTTP 400, ValidationException\)/],
    ["an exhausted quota", awsError(400, "ServiceQuotaExceededException"), { retryable: false, status: 400 }, /no quota left/],
    ["an unknown model", awsError(404, "ResourceNotFoundException"), { retryable: false, status: 404 }, /^model not found \(bedrock, .*\): check PATCHWISE_MODEL/],
  ])("explains %s without quoting the response", async (_name, failure, expected, message) => {
    const model = await bedrock(() => failure);

    const err = await rejectionOf(model.complete(reviewRequest({ model: MODEL_ID })));

    expect(err).toBeInstanceOf(ModelError);
    expect(err).toMatchObject({ provider: "bedrock", ...expected });
    expect((err as Error).message).toMatch(message);
    expect(everythingIn(err)).not.toContain(SENTINEL);
  });

  it("retries a throttled request and returns the answer", async () => {
    let calls = 0;
    const model = await bedrock(() => (++calls === 1 ? awsError(429, "ThrottlingException") : { answer: validAnswer }), { maxRetries: 1 });

    await expect(model.complete(reviewRequest({ model: MODEL_ID }))).resolves.toMatchObject({ content: validAnswer });
    expect(fake!.requests).toHaveLength(2);
  });

  it("refuses an answer cut off at max tokens", async () => {
    const model = await bedrock(() => ({ answer: validAnswer, stop: "max_tokens" }));

    await expect(model.complete(reviewRequest({ model: MODEL_ID }))).rejects.toThrow(/cut off at max tokens \(bedrock, 4000\)/);
  });

  it("stops when the review is cancelled", async () => {
    const model = await bedrock(() => ({ answer: validAnswer }));
    const controller = new AbortController();
    controller.abort();

    await expect(model.complete(reviewRequest({ model: MODEL_ID }), controller.signal)).rejects.toMatchObject({ message: "the model request was cancelled (bedrock)", retryable: false });
  });

  it("names the endpoint it could not reach", async () => {
    const model = createBedrockClient({ region: "eu-central-1", endpoint: "http://127.0.0.1:9", auth: KEYS, timeoutMs: 5_000, maxRetries: 0 });

    await expect(model.complete(reviewRequest({ model: MODEL_ID }))).rejects.toMatchObject({
      message: expect.stringMatching(/^could not reach 127\.0\.0\.1:9 \(bedrock\): check AWS_ENDPOINT_URL_BEDROCK_RUNTIME/),
      retryable: true,
    });
  });
});
