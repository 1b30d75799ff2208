import { afterEach, describe, expect, it } from "@jest/globals";
import nock from "nock";
import { Readable } from "node:stream";
import { readEnv } from "../../src/env.js";
import type { RetryWait } from "../../src/providers/bound-retry-waits.js";
import { bedrockAuth, createModelClient, type ModelClientSettings } from "../../src/providers/create-model-client.js";
import { ModelError } from "../../src/providers/model-error.js";
import { rejectionOf, reviewRequest, validAnswer } from "./provider-test-kit.js";

const anthropicReply = {
  id: "msg_01",
  type: "message",
  role: "assistant",
  model: "claude",
  content: [{ type: "tool_use", id: "toolu_01", name: "submit_review", input: validAnswer }],
  stop_reason: "tool_use",
  stop_sequence: null,
  usage: { input_tokens: 1, output_tokens: 1 },
};

const openaiReply = {
  id: "chatcmpl-1",
  object: "chat.completion",
  created: 1_700_000_000,
  model: "m",
  choices: [{ index: 0, finish_reason: "stop", message: { role: "assistant", content: JSON.stringify(validAnswer), refusal: null } }],
};

afterEach(() => {
  nock.cleanAll();
});

describe("createModelClient", () => {
  it.each<[string, ModelClientSettings, RegExp]>([
    ["openai without a key", { provider: "openai" }, /OPENAI_API_KEY is not set/],
    ["openai at api.openai.com without a key", { provider: "openai", openaiBaseUrl: "https://api.openai.com/v1" }, /OPENAI_API_KEY/],
    ["anthropic without a key", { provider: "anthropic", openaiApiKey: "sk-openai" }, /ANTHROPIC_API_KEY is not set/],
    ["gemini without a key", readEnv({ PATCHWISE_PROVIDER: "gemini" }).model, /GEMINI_API_KEY is not set/],
    ["bedrock without a region", readEnv({ PATCHWISE_PROVIDER: "bedrock" }).model, /AWS_REGION is not set/],
    ["vertex without a project", readEnv({ PATCHWISE_PROVIDER: "vertex", GOOGLE_CLOUD_LOCATION: "europe-west4" }).model, /GOOGLE_CLOUD_PROJECT is not set/],
    ["azure without an endpoint", readEnv({ PATCHWISE_PROVIDER: "azure", AZURE_OPENAI_API_KEY: "k" }).model, /AZURE_OPENAI_ENDPOINT is not set/],
  ])("refuses %s", (_name, settings, expected) => {
    expect(() => createModelClient(settings)).toThrow(expected);
  });

  it("sends the OpenAI key to OpenAI", async () => {
    let auth: unknown;
    nock("https://api.openai.com")
      .post("/v1/chat/completions")
      .reply(function () {
        auth = this.req.headers["authorization"];
        return [200, openaiReply];
      });

    const model = createModelClient({ provider: "openai", openaiApiKey: "sk-openai", anthropicApiKey: "sk-ant" });

    expect(model.provider).toBe("openai");
    await model.complete(reviewRequest());
    expect(auth).toBe("Bearer sk-openai");
  });

  it("lets a local OpenAI-compatible server run without a key", async () => {
    let auth: unknown;
    const scope = nock("http://localhost:11434")
      .post("/v1/chat/completions")
      .reply(function () {
        auth = this.req.headers["authorization"];
        return [200, openaiReply];
      });

    const model = createModelClient({ provider: "openai", openaiBaseUrl: "http://localhost:11434/v1" });
    const response = await model.complete(reviewRequest());

    expect(scope.isDone()).toBe(true);
    expect(auth).toBe("Bearer not-needed");
    expect(response.content).toEqual(validAnswer);
  });

  it("sends the Anthropic key to the configured Anthropic base URL", async () => {
    let auth: unknown;
    nock("https://anthropic-proxy.example.com")
      .post("/v1/messages")
      .reply(function () {
        auth = this.req.headers["authorization"];
        return [200, anthropicReply];
      });

    const model = createModelClient({ provider: "anthropic", anthropicApiKey: "sk-ant", anthropicBaseUrl: "https://anthropic-proxy.example.com" });

    expect(model.provider).toBe("anthropic");
    await expect(model.complete(reviewRequest())).resolves.toMatchObject({ content: validAnswer });
    expect(auth).toBe("Bearer sk-ant");
  });

  it("retries three times by default before giving up", async () => {
    const scope = nock("https://api.openai.com")
      .post("/v1/chat/completions")
      .times(4)
      .reply(503, { error: { message: "unavailable", type: "server_error" } }, { "retry-after-ms": "1" });

    const err = await rejectionOf(createModelClient({ provider: "openai", openaiApiKey: "sk-openai" }).complete(reviewRequest()));

    expect(scope.isDone()).toBe(true);
    expect(err).toBeInstanceOf(ModelError);
    expect(err).toMatchObject({ retryable: true, status: 503 });
  });

  it("reads Azure's settings, with a generally available API version by default", () => {
    const env = readEnv({ PATCHWISE_PROVIDER: "azure", AZURE_OPENAI_ENDPOINT: "https://review.openai.azure.com", AZURE_OPENAI_API_KEY: "k" });

    expect(env.model.azure).toEqual({ endpoint: "https://review.openai.azure.com", apiKey: "k", apiVersion: "2024-10-21" });
    expect(createModelClient(env.model).provider).toBe("azure");
  });

  it("names every provider when PATCHWISE_PROVIDER is not one of them", () => {
    expect(() => readEnv({ PATCHWISE_PROVIDER: "azure-openai" })).toThrow(/PATCHWISE_PROVIDER: .*"openai".*"anthropic".*"azure".*"bedrock".*"gemini".*"vertex"/);
  });

  it.each([
    ["a Bedrock API key, before any other credential", { AWS_BEARER_TOKEN_BEDROCK: "abk", AWS_ACCESS_KEY_ID: "AKID", AWS_SECRET_ACCESS_KEY: "s" }, { kind: "api key", token: "abk" }],
    ["static keys with their session token", { AWS_ACCESS_KEY_ID: "AKID", AWS_SECRET_ACCESS_KEY: "s", AWS_SESSION_TOKEN: "t" }, { kind: "keys", accessKeyId: "AKID", secretAccessKey: "s", sessionToken: "t" }],
    ["AWS's credential chain (profile, SSO, IRSA, ECS or EC2 role) otherwise", { AWS_PROFILE: "review" }, { kind: "chain" }],
  ])("signs Bedrock requests with %s", (_name, vars, expected) => {
    const env = readEnv({ PATCHWISE_PROVIDER: "bedrock", AWS_DEFAULT_REGION: "eu-west-1", ...vars });

    expect(env.model.bedrock.region).toBe("eu-west-1");
    expect(bedrockAuth(env.model.bedrock)).toEqual(expected);
    expect(createModelClient(env.model).provider).toBe("bedrock");
  });
});

// Faults that would hold a review (and its queue slot) for an hour, or for ever.
describe("createModelClient: faults that would hang a review", () => {
  const PROVIDERS = [
    { provider: "openai" as const, origin: "https://api.openai.com", path: "/v1/chat/completions", reply: openaiReply, error: { error: { message: "slow down", type: "requests", code: "rate_limit_exceeded" } } },
    { provider: "anthropic" as const, origin: "https://api.anthropic.com", path: "/v1/messages", reply: anthropicReply, error: { type: "error", error: { type: "rate_limit_error", message: "slow down" } } },
  ];
  const client = (provider: "openai" | "anthropic", waits: RetryWait[] = [], timeoutMs = 5_000) =>
    createModelClient({ provider, openaiApiKey: "sk-openai", anthropicApiKey: "sk-ant", maxRetries: 3, timeoutMs, onRetryWait: (wait) => void waits.push(wait) });

  it.each(PROVIDERS)("$provider: a 429 asking for an hour's wait fails at once, not retried, saying when to try again", async ({ provider, origin, path, error }) => {
    const scope = nock(origin).post(path).reply(429, error, { "retry-after": "3600", date: "Mon, 05 Jan 2026 14:00:00 GMT" });
    const waits: RetryWait[] = [];

    const err = await rejectionOf(client(provider, waits).complete(reviewRequest()));

    expect(scope.isDone()).toBe(true);
    expect(err).toBeInstanceOf(ModelError);
    expect(err).toMatchObject({ retryable: false, status: 429, message: expect.stringMatching(/^the model provider asked to wait until 2026-01-05 15:00:00 UTC \(.+, HTTP 429.*\): comment \/review after then$/) });
    expect(waits).toEqual([{ status: 429, seconds: 3600, taken: false }]);
  });

  it.each(PROVIDERS)("$provider: a short wait the provider asks for is taken, told, and the request retried", async ({ provider, origin, path, reply, error }) => {
    const scope = nock(origin).post(path).reply(429, error, { "retry-after-ms": "5" }).post(path).reply(200, reply);
    const waits: RetryWait[] = [];

    await expect(client(provider, waits).complete(reviewRequest())).resolves.toMatchObject({ content: validAnswer });

    expect(scope.isDone()).toBe(true);
    expect(waits).toEqual([{ status: 429, seconds: 1, taken: true }]);
  });

  it.each(PROVIDERS)("$provider: an answer whose body stops after the headers fails at PATCHWISE_MODEL_TIMEOUT_MS", async ({ provider, origin, path }) => {
    nock(origin)
      .post(path)
      .reply(200, () => {
        const body = new Readable({ read() {} });
        body.push('{"id": "1", ');
        return body;
      }, { "content-type": "application/json" });

    const err = await rejectionOf(client(provider, [], 300).complete(reviewRequest()));

    expect(err).toBeInstanceOf(ModelError);
    expect(err).toMatchObject({ retryable: true, message: `the model did not answer in time (${provider}): raise PATCHWISE_MODEL_TIMEOUT_MS or choose a faster model` });
  });
});
