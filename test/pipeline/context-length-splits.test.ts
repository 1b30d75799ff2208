import { afterEach, describe, expect, it } from "@jest/globals";
import { answerReview } from "../../bench/pipeline/answer-review.js";
import { createKnownWindows } from "../../src/pipeline/known-windows.js";
import { createOpenAIClient } from "../../src/providers/openai-client.js";
import { fakePromptTokens, startFakeModel, type FakeModel } from "../helpers/fake-model.js";
import { refuseOver, type ServerKind } from "../helpers/server-refusals.js";
import { addedFile, pathsIn, runPipeline } from "../helpers/run-review-pipeline.js";

// A server with a window smaller than Patchwise believed refuses in its own words; the request is
// split to fit and sent again, the window is remembered, and nothing is lost but a hunk too large
// for the window even alone, which is named.

let model: FakeModel | undefined;
afterEach(async () => {
  await model?.close();
  model = undefined;
});

const WINDOW = 4_096;
const FILES = ["a", "b", "c"].flatMap((dir) => [1, 2, 3].map((n) => addedFile(`src/${dir}/file${n}.ts`, 30)));
const user = (request: { messages: Array<{ role: string; content: string }> }) => request.messages.find((message) => message.role === "user")?.content ?? "";

async function localServer(kind: ServerKind) {
  model = await startFakeModel({ answer: answerReview, refuse: refuseOver(kind, WINDOW) });
  // The operator believes the window is 32k (as for an unknown model); the server runs with 4k.
  return createOpenAIClient({ apiKey: "test", baseURL: model.baseUrl, timeoutMs: 10_000, maxRetries: 0 });
}

describe("a local server whose window is smaller than believed", () => {
  it.each<ServerKind>(["vllm", "llama.cpp", "openai"])("%s: the refused request is split until every part fits, and the review is whole", async (kind) => {
    const client = await localServer(kind);
    const knownWindows = createKnownWindows();
    const run = await runPipeline(FILES, client, { limits: { contextWindow: 32_000, maxOutputTokens: 8_000 }, deps: { knownWindows, defaultModel: "house-model" } });

    expect(run.outcome).toMatchObject({ status: "posted" });
    expect(run.outcome).not.toHaveProperty("partial");
    const answered = model!.exchanges.length;
    const refused = model!.requests.length - answered;
    expect(refused).toBeGreaterThanOrEqual(1);
    // Every file reached the model in a request it answered.
    const fitting = model!.requests.filter((request) => fakePromptTokens(request) + Number(request.max_tokens) <= WINDOW);
    expect(new Set(fitting.flatMap((request) => pathsIn(user(request))))).toEqual(new Set(FILES.map((file) => file.path)));
    expect(run.summary).not.toContain("not reviewed");
    expect(knownWindows.get("house-model")).toBe(WINDOW);
    expect(run.logs).toContainEqual(expect.objectContaining({ msg: "the model server stated its context window; requests are split to fit", obj: expect.objectContaining({ contextWindow: WINDOW }) }));
  });

  it("sizes the next review by the window it remembered: no request is refused", async () => {
    const client = await localServer("vllm");
    const knownWindows = createKnownWindows();
    await runPipeline(FILES, client, { limits: { contextWindow: 32_000 }, deps: { knownWindows, defaultModel: "house-model" } });
    const before = model!.requests.length;

    const second = await runPipeline(FILES, client, { limits: { contextWindow: 32_000 }, deps: { knownWindows, defaultModel: "house-model" } });

    expect(second.outcome).toMatchObject({ status: "posted" });
    const requests = model!.requests.slice(before);
    expect(requests.every((request) => fakePromptTokens(request) + Number(request.max_tokens) <= WINDOW)).toBe(true);
  });

  it("names a hunk too large for the window even alone, and reviews the rest", async () => {
    const client = await localServer("llama.cpp");
    const run = await runPipeline([...FILES, addedFile("src/generated.ts", 400)], client, { limits: { contextWindow: 32_000 }, deps: { defaultModel: "house-model" } });

    expect(run.outcome).toMatchObject({ status: "posted" });
    expect(run.summary).toContain("`src/generated.ts` — not even one hunk of it fits the server's 4,096-token context window with the rest of the prompt");
    expect(run.summary).toContain("| `src/a/file1.ts` |");
  });
});

describe("a server that reported its window to the probe", () => {
  it("Ollama: requests are sized to the context it runs with from the start, and the summary says it drops the rest silently", async () => {
    // Ollama's OpenAI endpoint would truncate rather than refuse; the fake refuses, so a request too large would show.
    const client = await localServer("openai");
    const run = await runPipeline(FILES, client, {
      limits: { contextWindow: 32_000 },
      deps: { defaultModel: "qwen2.5-coder:14b", probeWindow: async () => ({ window: WINDOW, server: "Ollama", truncatesSilently: true, defaulted: true }) },
    });

    expect(run.outcome).toMatchObject({ status: "posted" });
    expect(model!.requests.length).toBe(model!.exchanges.length);
    expect(run.summary).toContain(
      "ℹ️ Ollama runs this model with its default context of 4,096 tokens and silently drops what passes it, so requests are sized to fit it; for larger requests raise it (OLLAMA_CONTEXT_LENGTH, or num_ctx in the model's Modelfile).",
    );
  });
});
