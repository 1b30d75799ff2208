import { answerReview } from "../pipeline/answer-review.js";
import { makeLargePullRequest } from "../sizing/make-large-pull-request.js";
import { costOf } from "../../src/core/files/apply-review-budget.js";
import { describeModel } from "../../src/core/tokens/describe-model.js";
import { readEnv } from "../../src/env.js";
import { createKnownWindows } from "../../src/pipeline/known-windows.js";
import { createOpenAIClient } from "../../src/providers/openai-client.js";
import { startFakeModel, type ChatRequest, type FakeExchange } from "../../test/helpers/fake-model.js";
import { runPipeline } from "../../test/helpers/run-review-pipeline.js";
import { refuseOver, type ServerKind } from "../../test/helpers/server-refusals.js";
import type { BenchSection } from "../bench-section.js";

interface SizingCase {
  column: string;
  files: number;
  /** The model's name, and the server's own window and words for "too long". */
  model: string;
  server: { kind: ServerKind; window: number };
  /** The operator's environment besides the defaults. */
  env?: Record<string, string>;
  /** `.github/patchwise.yml`. */
  config?: unknown;
  /** A request holding this file fails with 500 every time. */
  failing?: string;
}

const LATENCIES_MS = [0, 500, 2_000];
const DEFAULT_MODEL = "gpt-4.1-mini";
const LOCAL_MODEL = "Qwen/Qwen2.5-Coder-7B-Instruct";
const GATEWAY = { kind: "openai" as const, window: 128_000 };

const CASES: SizingCase[] = [
  { column: "300 files", files: 300, model: DEFAULT_MODEL, server: GATEWAY },
  // What the request budget buys: the same pull request sized by the window alone (the catalog's 1M).
  { column: "300 files, no request budget", files: 300, model: DEFAULT_MODEL, server: GATEWAY, env: { PATCHWISE_REQUEST_TOKENS: "10000000" } },
  { column: "3,000 files", files: 3_000, model: DEFAULT_MODEL, server: GATEWAY },
  { column: "3,000 files, maxFiles 3000", files: 3_000, model: DEFAULT_MODEL, server: GATEWAY, config: { limits: { maxFiles: 3_000 } } },
  { column: "30 files, vLLM 4k", files: 30, model: LOCAL_MODEL, server: { kind: "vllm", window: 4_096 } },
  { column: "30 files, llama.cpp 4k", files: 30, model: LOCAL_MODEL, server: { kind: "llama.cpp", window: 4_096 } },
  { column: "300 files, 1 request failing", files: 300, model: DEFAULT_MODEL, server: GATEWAY, failing: "src/module01/module0150.ts" },
];

interface Measured {
  reviewed: number;
  listed: number;
  requests: number;
  refused: number;
  failed: number;
  inputTokens: number;
  outputTokens: number;
  cost: string;
  outcome: string;
  wallMs: number[];
}

/** Request sizing on loopback fakes that refuse in each server's own words: requests, splits, time, tokens, cost, coverage. */
export async function run(): Promise<BenchSection> {
  const results: Array<Measured & { column: string }> = [];
  for (const sizingCase of CASES) results.push({ ...(await measure(sizingCase)), column: sizingCase.column });
  const row = (metric: string, value: (result: Measured) => string | number) => Object.fromEntries([["metric", metric], ...results.map((result) => [result.column, value(result)])]);
  return {
    title: "Request sizing: budgets, server limits and partial reviews",
    rows: [
      row("outcome", (r) => r.outcome),
      row("files reviewed / listed as not reviewed", (r) => `${r.reviewed} / ${r.listed}`),
      row("model requests sent (refused as too long)", (r) => `${r.requests} (${r.refused})`),
      row("requests that failed for good", (r) => r.failed),
      row("input tokens (server's count)", (r) => r.inputTokens),
      row("output tokens (server's count)", (r) => r.outputTokens),
      row("answer tokens per file reviewed", (r) => (r.reviewed === 0 ? 0 : Math.round(r.outputTokens / r.reviewed))),
      row("cost at the catalog's price", (r) => r.cost),
      ...LATENCIES_MS.map((latency, index) => row(`wall time, model answering in ${latency} ms, ms`, (r) => Math.round(r.wallMs[index] ?? Number.NaN))),
    ],
    notes: [
      "In-process review pipeline (src/pipeline/review-pull-request.ts) with in-memory GitHub ports (test/helpers/run-review-pipeline.ts) and the real OpenAI client against a fake OpenAI-compatible server on loopback (test/helpers/fake-model.ts) that refuses a prompt whose tokens plus max_tokens pass its window, in its own words (test/helpers/server-refusals.ts): OpenAI's context_length_exceeded at 128k for gpt-4.1-mini (a gateway or deployment allowing 128k where the catalog says 1M); vLLM's sentence without a code and llama.cpp's exceed_context_size_error with n_ctx at 4,096 for a model the catalog does not know. The fake counts a token per 4 characters of the messages' JSON; its usage is what the rows report.",
      `Pull requests of 100 changed lines per file (bench/sizing/make-large-pull-request.ts): 300 files are 30,000 lines. The defaults apply: PATCHWISE_REQUEST_TOKENS 32,000, PATCHWISE_MAX_REVIEW_TOKENS 1,000,000, PATCHWISE_MAX_OUTPUT_TOKENS 8,000, PATCHWISE_MODEL_CONCURRENCY 4, limits.maxFiles 300, no related code (no repository reader), except as the column says.`,
      "\"No request budget\" sets PATCHWISE_REQUEST_TOKENS to 10M, so requests are sized by the window alone, as before the budget: the first request is refused at 128k and split. \"1 request failing\": every request holding one file is answered 500 (retried 3 times, at once), and the review posts the rest as a partial review.",
      `Wall times at ${LATENCIES_MS.join(", ")} ms per answered request (a refusal or a 500 comes back at once); each case once per latency, with a fresh process memory of known windows. A fixed time per request favours few large requests; a real model's time grows with the prompt and, above all, the answer, which these figures leave out. Answer tokens per file are the fake's (a walkthrough line per file, 3 findings per request), not a model's.`,
    ],
  };
}

async function measure(sizingCase: SizingCase): Promise<Measured> {
  const files = makeLargePullRequest(sizingCase.files);
  const env = readEnv(sizingCase.env ?? {});
  const wallMs: number[] = [];
  let measured: Omit<Measured, "wallMs"> | undefined;
  for (const latencyMs of LATENCIES_MS) {
    const holds = (request: ChatRequest) => sizingCase.failing !== undefined && (request.messages.find((message) => message.role === "user")?.content ?? "").includes(`File: ${sizingCase.failing} (`);
    const model = await startFakeModel({ answer: answerReview, latencyMs, refuse: refuseOver(sizingCase.server.kind, sizingCase.server.window), failWith: (request) => (holds(request) ? 500 : undefined) });
    try {
      const client = createOpenAIClient({ apiKey: "bench", baseURL: model.baseUrl, timeoutMs: env.model.timeoutMs, maxRetries: env.model.maxRetries });
      const started = performance.now();
      const run = await runPipeline(files, client, {
        config: sizingCase.config,
        limits: { maxOutputTokens: env.model.maxOutputTokens, concurrency: env.model.concurrency, requestTokens: env.model.requestTokens, maxReviewTokens: env.model.maxReviewTokens },
        deps: { defaultModel: sizingCase.model, knownWindows: createKnownWindows() },
      });
      wallMs.push(performance.now() - started);
      const listed = Number(/(\d+) files? not reviewed/.exec(run.summary ?? "")?.[1] ?? 0);
      const answered = model.exchanges.length;
      measured ??= {
        outcome: run.outcome.status === "posted" ? (run.outcome.partial ? "posted, partial" : "posted") : `${run.outcome.status}`,
        reviewed: files.length - listed,
        listed,
        requests: model.requests.length,
        refused: model.requests.filter((request) => sizingCase.server && !holds(request)).length - answered,
        failed: run.outcome.status === "posted" ? (run.outcome.partial?.requests ?? 0) : 0,
        inputTokens: model.exchanges.reduce((sum, exchange) => sum + exchange.usage.prompt_tokens, 0),
        outputTokens: model.exchanges.reduce((sum, exchange) => sum + exchange.usage.completion_tokens, 0),
        cost: priceOf(sizingCase.model, model.exchanges),
      };
    } finally {
      await model.close();
    }
  }
  return { ...measured!, wallMs };
}

// What the server's token counts cost at the catalog's price (the summary says the same from the pipeline's counts).
function priceOf(model: string, exchanges: FakeExchange[]): string {
  const price = describeModel(model).price;
  if (price === null) return "unknown price";
  const cost = exchanges.reduce((sum, exchange) => sum + costOf(exchange.usage.prompt_tokens, exchange.usage.completion_tokens, price), 0);
  return `$${cost.toFixed(4)}`;
}
