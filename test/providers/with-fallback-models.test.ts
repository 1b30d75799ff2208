import { afterEach, describe, expect, it } from "@jest/globals";
import { ModelError } from "../../src/providers/model-error.js";
import { createOpenAIClient } from "../../src/providers/openai-client.js";
import { withFallbackModels } from "../../src/providers/with-fallback-models.js";
import { startFakeModel, type FakeModel } from "../helpers/fake-model.js";
import { waitFor } from "../helpers/wait-for.js";
import { reviewRequest, validAnswer } from "./provider-test-kit.js";

// The fallback wrapper over a real provider client and a local OpenAI-compatible server that
// fails for some model names: which models are asked, in which order, and what the caller sees.

let server: FakeModel | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function serve(failures: Record<string, number>) {
  server = await startFakeModel({ answer: () => validAnswer, failWith: (request) => failures[request.model] });
  return createOpenAIClient({ apiKey: "sk-test", baseURL: server.baseUrl, timeoutMs: 5_000, maxRetries: 0 });
}

function wrap(client: ReturnType<typeof createOpenAIClient>, fallbacks: string[]) {
  const answered: string[] = [];
  const moves: Array<[string, string, string | undefined]> = [];
  const wrapped = withFallbackModels(client, {
    fallbacks,
    onAnswer: (model) => answered.push(model),
    onFallback: ({ from, to, error }) => moves.push([from, to, error.kind]),
  });
  return { wrapped, answered, moves };
}

const asked = () => server!.requests.map((request) => request.model);

describe("withFallbackModels", () => {
  it("does not fall back from a prompt too long, in vLLM's words without a code, and keeps the window for the split", async () => {
    const vllmWords = { object: "error", type: "BadRequestError", message: "This model's maximum context length is 4096 tokens. However, you requested 9000 tokens.", code: 400 };
    server = await startFakeModel({ answer: () => validAnswer, refuse: (request) => (request.model === "big" ? { status: 400, body: vllmWords } : undefined) });
    const { wrapped, answered } = wrap(createOpenAIClient({ apiKey: "sk-test", baseURL: server.baseUrl, timeoutMs: 5_000, maxRetries: 0 }), ["medium"]);

    const error = await wrapped.complete(reviewRequest({ model: "big" })).catch((caught: unknown) => caught);

    expect(error).toMatchObject({ kind: "too long", contextLength: { window: 4_096 } });
    expect(asked()).toEqual(["big"]);
    expect(answered).toEqual([]);
  });

  it("keeps the window of a fallback model's too-long refusal in the error naming every model", async () => {
    server = await startFakeModel({
      answer: () => validAnswer,
      failWith: (request) => (request.model === "big" ? 503 : undefined),
      refuse: (request) => (request.model === "medium" ? { status: 400, body: { error: { message: "too long", type: "invalid_request_error", code: "context_length_exceeded" } } } : undefined),
    });
    const { wrapped } = wrap(createOpenAIClient({ apiKey: "sk-test", baseURL: server.baseUrl, timeoutMs: 5_000, maxRetries: 0 }), ["medium", "small"]);

    const error = await wrapped.complete(reviewRequest({ model: "big" })).catch((caught: unknown) => caught);

    expect(error).toMatchObject({ kind: "too long", contextLength: { window: null }, message: expect.stringMatching(/^every model tried failed \(big: .*; medium: the prompt does not fit/) });
    expect(asked()).toEqual(["big", "medium"]);
  });

  it.each([
    ["503 (server error)", 503, "server error"],
    ["529 (overloaded)", 529, "overloaded"],
    ["429 (rate limited, its retries spent)", 429, "rate limited"],
    ["404 (model not found)", 404, "not found"],
    ["403 (the account may not use the model)", 403, "forbidden"],
  ])("after %s asks the next model, and says which answered", async (_name, status, kind) => {
    const { wrapped, answered, moves } = wrap(await serve({ big: status }), ["medium", "small"]);

    const response = await wrapped.complete(reviewRequest({ model: "big" }));

    expect(response.content).toEqual(validAnswer);
    expect(asked()).toEqual(["big", "medium"]);
    expect(answered).toEqual(["medium"]);
    expect(moves).toEqual([["big", "medium", kind]]);
  });

  it.each([
    ["401 (key rejected)", 401],
    ["402 (billing)", 402],
    ["400 (request refused)", 400],
  ])("after %s asks no other model and passes the error on as it is", async (_name, status) => {
    const { wrapped, answered } = wrap(await serve({ big: status }), ["medium"]);

    const error = await wrapped.complete(reviewRequest({ model: "big" })).catch((err: unknown) => err);

    expect(error).toBeInstanceOf(ModelError);
    expect((error as ModelError).status).toBe(status);
    expect((error as ModelError).message).not.toMatch(/every model/);
    expect(asked()).toEqual(["big"]);
    expect(answered).toEqual([]);
  });

  it("goes down the list in order, skips the requested model where the list repeats it, and names each reason when all fail", async () => {
    const { wrapped } = wrap(await serve({ big: 503, medium: 404, small: 529 }), ["medium", "big", "small"]);

    const error = (await wrapped.complete(reviewRequest({ model: "big" })).catch((err: unknown) => err)) as ModelError;

    expect(asked()).toEqual(["big", "medium", "small"]);
    expect(error).toBeInstanceOf(ModelError);
    expect(error.message).toMatch(/^every model tried failed \(big: the model provider had a server error \(openai, HTTP 503\): .*; medium: model not found \(openai, HTTP 404\): .*; small: the model provider is overloaded \(openai, HTTP 529\): .*\)$/);
    expect({ kind: error.kind, status: error.status, retryable: error.retryable }).toEqual({ kind: "overloaded", status: 529, retryable: true });
    // The fake's error bodies quote the prompt: none of it reaches the message.
    expect(error.message).not.toContain("Review this diff");
  });

  it("stops at a fallback whose failure another model would share (401)", async () => {
    const { wrapped } = wrap(await serve({ big: 503, medium: 401 }), ["medium", "small"]);

    const error = (await wrapped.complete(reviewRequest({ model: "big" })).catch((err: unknown) => err)) as ModelError;

    expect(asked()).toEqual(["big", "medium"]);
    expect(error.kind).toBe("credentials");
    expect(error.message).toMatch(/^every model tried failed \(big: .*; medium: the model provider rejected the API key/);
  });

  it("without fallbacks asks the requested model once and passes its error on unchanged", async () => {
    const client = await serve({ big: 503 });
    const direct = await client.complete(reviewRequest({ model: "big" })).catch((err: unknown) => err);
    const { wrapped } = wrap(client, []);

    const error = await wrapped.complete(reviewRequest({ model: "big" })).catch((err: unknown) => err);

    expect(asked()).toEqual(["big", "big"]);
    expect(error).toEqual(direct);
    expect((error as ModelError).kind).toBe("server error");
  });

  it("asks no fallback once the review is cancelled", async () => {
    const controller = new AbortController();
    server = await startFakeModel({ answer: () => validAnswer, hold: () => true });
    const client = createOpenAIClient({ apiKey: "sk-test", baseURL: server.baseUrl, timeoutMs: 5_000, maxRetries: 0 });
    const { wrapped } = wrap(client, ["medium"]);

    const pending = wrapped.complete(reviewRequest({ model: "big" }), controller.signal).catch((err: unknown) => err);
    await waitFor(() => server!.requests.length > 0);
    controller.abort();
    const error = (await pending) as ModelError;

    expect(error.kind).toBe("cancelled");
    expect(asked()).toEqual(["big"]);
  });
});
