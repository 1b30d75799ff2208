import { afterEach, beforeAll, afterAll, describe, expect, it } from "@jest/globals";
import nock from "nock";
import { createWindowProbe } from "../../src/providers/create-window-probe.js";
import { probeContextWindow } from "../../src/providers/probe-context-window.js";
import { createRecordingLogger } from "../helpers/silent-logger.js";
import { sameRealmFetch } from "./provider-test-kit.js";

// Each local server tells its window in its own API; a server that tells nothing (or is not
// there) leaves the sizing as it was, and no probe fails a review.

const HOST = "http://gpu-box:8000";
const BASE = `${HOST}/v1`;

beforeAll(() => nock.disableNetConnect());
afterAll(() => nock.enableNetConnect());
afterEach(() => {
  nock.abortPendingRequests();
  nock.cleanAll();
});

/** The server answers `routes` and 404 to everything else. */
function server(routes: (scope: nock.Scope) => nock.Scope) {
  return routes(nock(HOST)).get(/.*/).times(10).reply(404).post(/.*/).times(10).reply(404);
}

const probe = (model: string) => probeContextWindow({ baseUrl: BASE, model, fetch: sameRealmFetch });

describe("probeContextWindow", () => {
  it("vLLM: max_model_len of the model in GET /v1/models", async () => {
    server((scope) => scope.get("/v1/models").reply(200, { object: "list", data: [{ id: "Qwen/Qwen2.5-Coder-32B-Instruct", object: "model", max_model_len: 8_192 }] }));
    await expect(probe("Qwen/Qwen2.5-Coder-32B-Instruct")).resolves.toEqual({ window: 8_192, server: "vLLM", truncatesSilently: false });
  });

  it("llama.cpp: n_ctx in GET /props", async () => {
    server((scope) => scope.get("/v1/models").reply(200, { object: "list", data: [{ id: "qwen2.5-coder-7b-q4_k_m.gguf" }] }).get("/props").reply(200, { default_generation_settings: { n_ctx: 4_096 }, total_slots: 1 }));
    await expect(probe("anything")).resolves.toEqual({ window: 4_096, server: "llama.cpp", truncatesSilently: false });
  });

  it("LM Studio: loaded_context_length of the model in GET /api/v0/models", async () => {
    server((scope) => scope.get("/api/v0/models").reply(200, { object: "list", data: [{ id: "qwen2.5-coder-7b-instruct", state: "loaded", loaded_context_length: 4_096, max_context_length: 32_768 }] }));
    await expect(probe("qwen2.5-coder-7b-instruct")).resolves.toEqual({ window: 4_096, server: "LM Studio", truncatesSilently: false });
  });

  it("Ollama: the model's num_ctx from POST /api/show, flagged as truncating silently", async () => {
    let asked: unknown;
    server((scope) => scope.post("/api/show", (body) => ((asked = body), true)).reply(200, { parameters: "num_ctx                        16384\nstop                           \"<|im_end|>\"", model_info: { "qwen2.context_length": 32_768 } }));
    await expect(probe("qwen2.5-coder:14b")).resolves.toEqual({ window: 16_384, server: "Ollama", truncatesSilently: true });
    expect(asked).toEqual({ model: "qwen2.5-coder:14b" });
  });

  it("Ollama: the running model's context_length from GET /api/ps, else its default context", async () => {
    server((scope) => scope.post("/api/show").reply(200, { parameters: "stop \"<|im_end|>\"", model_info: {} }).get("/api/ps").reply(200, { models: [{ name: "qwen2.5-coder:14b", model: "qwen2.5-coder:14b", context_length: 8_192 }] }));
    await expect(probe("qwen2.5-coder:14b")).resolves.toEqual({ window: 8_192, server: "Ollama", truncatesSilently: true });

    nock.cleanAll();
    server((scope) => scope.post("/api/show").reply(200, { parameters: "", model_info: {} }).get("/api/ps").reply(200, { models: [] }));
    await expect(probe("qwen2.5-coder:14b")).resolves.toEqual({ window: 4_096, server: "Ollama", truncatesSilently: true, defaulted: true });
  });

  it("null when the server tells nothing, or is not there", async () => {
    server((scope) => scope.get("/v1/models").reply(200, { object: "list", data: [{ id: "gpt-x" }, { id: "gpt-y" }] }));
    await expect(probe("gpt-x")).resolves.toBeNull();
    nock.cleanAll();
    nock(HOST).get(/.*/).times(10).replyWithError("connect ECONNREFUSED").post(/.*/).times(10).replyWithError("connect ECONNREFUSED");
    await expect(probe("gpt-x")).resolves.toBeNull();
  });
});

describe("createWindowProbe", () => {
  it("asks once per model and process, and logs what the server said", async () => {
    const scope = server((s) => s.get("/v1/models").once().reply(200, { data: [{ id: "m", max_model_len: 8_192 }] }));
    const log = createRecordingLogger();
    const ask = createWindowProbe({ provider: "openai", baseUrl: BASE, log, fetch: sameRealmFetch })!;

    await expect(ask("m")).resolves.toMatchObject({ window: 8_192 });
    await expect(ask("m")).resolves.toMatchObject({ window: 8_192 });

    expect(scope.pendingMocks().filter((mock) => mock.includes("/v1/models"))).toEqual([]);
    expect(log.lines.filter((line) => line.msg?.startsWith("the model server reports"))).toHaveLength(1);
  });

  it("asks no hosted API, nor an Anthropic endpoint", () => {
    const log = createRecordingLogger();
    expect(createWindowProbe({ provider: "openai", baseUrl: undefined, log })).toBeUndefined();
    expect(createWindowProbe({ provider: "openai", baseUrl: "https://api.openai.com/v1", log })).toBeUndefined();
    expect(createWindowProbe({ provider: "openai", baseUrl: "https://acme.openai.azure.com/openai/v1/", log })).toBeUndefined();
    expect(createWindowProbe({ provider: "openai", baseUrl: "https://generativelanguage.googleapis.com/v1beta/openai/", log })).toBeUndefined();
    expect(createWindowProbe({ provider: "anthropic", baseUrl: HOST, log })).toBeUndefined();
  });
});
