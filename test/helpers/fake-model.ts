import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";

// An OpenAI-compatible chat-completions server on loopback. `answer` decides the structured
// review from the request (so tests can point findings at lines of the diff they sent).

export interface ChatRequest {
  model: string;
  messages: Array<{ role: string; content: string }>;
  response_format?: { type: string; json_schema?: { name: string; strict?: boolean; schema: unknown } };
  [key: string]: unknown;
}

/** One answered request: the usage the fake reported, and when (performance.now()) it arrived and was answered. */
export interface FakeExchange {
  usage: { prompt_tokens: number; completion_tokens: number };
  receivedAt: number;
  answeredAt: number;
}

export interface FakeModel {
  baseUrl: string;
  requests: ChatRequest[];
  /** In order of answering; the benchmark sums the usage and the time spent inside the model. */
  exchanges: FakeExchange[];
  close(): Promise<void>;
}

export interface FakeModelOptions {
  answer: (request: ChatRequest) => unknown;
  latencyMs?: number;
  /** An HTTP error status to answer with instead (for failure paths), or undefined for a normal answer. */
  failWith?: (request: ChatRequest) => number | undefined;
  /** An error answer of the test's own (a server's words for "too long"), or undefined for a normal answer. */
  refuse?: (request: ChatRequest, promptTokens: number) => { status: number; body: unknown } | undefined;
  /** True: the request is never answered (a stuck model), its connection held until `close`. */
  hold?: (request: ChatRequest) => boolean;
}

/** Prompt tokens as the fake counts them (a character count, not a tokenizer): what its `usage` reports. */
export function fakePromptTokens(request: ChatRequest): number {
  return Math.ceil(JSON.stringify(request.messages).length / 4);
}

/** Starts the fake model; `baseUrl` is what OPENAI_BASE_URL should be set to. */
export async function startFakeModel(options: FakeModelOptions): Promise<FakeModel> {
  const requests: ChatRequest[] = [];
  const exchanges: FakeExchange[] = [];
  const server: Server = createServer((req, res) => {
    // Only chat completions: a window probe (GET /v1/models, /props...) finds no such server here.
    if (!req.url?.endsWith("/chat/completions")) return void req.resume().on("end", () => res.writeHead(404).end());
    const receivedAt = performance.now();
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const request = JSON.parse(Buffer.concat(chunks).toString("utf8")) as ChatRequest;
      requests.push(request);
      if (options.hold?.(request)) return;
      const failure = options.failWith?.(request);
      if (failure !== undefined) {
        // The error body echoes the prompt, as some servers do: it must not reach a log either.
        // `retry-after-ms: 0` lets the SDKs retry at once, so a test of retries does not wait for their backoff.
        return void res.writeHead(failure, { "content-type": "application/json", "retry-after-ms": "0" }).end(JSON.stringify({ error: { message: `overloaded: ${JSON.stringify(request.messages)}` } }));
      }
      const refusal = options.refuse?.(request, fakePromptTokens(request));
      if (refusal !== undefined) return void res.writeHead(refusal.status, { "content-type": "application/json" }).end(JSON.stringify(refusal.body));
      const answer = options.answer(request);
      const content = typeof answer === "string" ? answer : JSON.stringify(answer);
      const reply = {
        id: `chatcmpl-${requests.length}`,
        object: "chat.completion",
        created: Math.floor(Date.now() / 1000),
        model: request.model,
        choices: [{ index: 0, finish_reason: "stop", message: { role: "assistant", content, refusal: null } }],
        usage: { prompt_tokens: fakePromptTokens(request), completion_tokens: Math.ceil(content.length / 4), total_tokens: 0 },
      };
      res.once("finish", () => exchanges.push({ usage: reply.usage, receivedAt, answeredAt: performance.now() }));
      setTimeout(() => res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(reply)), options.latencyMs ?? 0);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`,
    requests,
    exchanges,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        // Held requests would keep the server open.
        server.closeAllConnections();
      }),
  };
}
