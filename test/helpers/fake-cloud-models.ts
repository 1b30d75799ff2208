import { createServer as createHttpServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from "node:http";
import { createServer as createHttp2Server, type Http2ServerRequest, type Http2ServerResponse, type Http2Session } from "node:http2";
import { writeFile } from "node:fs/promises";
import type { AddressInfo } from "node:net";

// Loopback servers that speak the cloud model providers' own wire protocols, so each adapter is
// tested through its real SDK, transport and authentication: Azure OpenAI's deployments API,
// Bedrock's Converse (over HTTP/2, as the AWS SDK sends it), Gemini's and Vertex AI's
// generateContent, and an OAuth token endpoint for Google's credentials. `reply` decides each
// answer from the request, so tests can answer the diff they sent, or fail.

export interface RecordedRequest {
  method: string;
  /** Path and query, as sent (percent-encoding kept). */
  url: string;
  headers: IncomingHttpHeaders;
  /** The JSON body, parsed; the raw text when it is not JSON (a form). */
  body: any;
}

/** A structured answer (as the provider would wrap it), or an HTTP error with the provider's own error body. */
export type FakeReply = { answer: unknown; stop?: string } | { status: number; body: unknown; headers?: Record<string, string> };

export interface FakeCloudModel {
  /** Scheme, host and port: what the provider's base URL or endpoint setting is set to. */
  url: string;
  requests: RecordedRequest[];
  close(): Promise<void>;
}

type Render = (request: RecordedRequest, answer: unknown, stop: string | undefined) => unknown;

/** Azure OpenAI: chat completions under `/openai/deployments/{deployment}`. */
export function startFakeAzureOpenAI(reply: (request: RecordedRequest) => FakeReply): Promise<FakeCloudModel> {
  return serve("http1", reply, (request, answer, stop) => ({
    id: "chatcmpl-azure-1",
    object: "chat.completion",
    created: 1_700_000_000,
    model: "gpt-4.1-mini-2025-04-14",
    choices: [{ index: 0, finish_reason: stop ?? "stop", message: { role: "assistant", content: JSON.stringify(answer), refusal: null } }],
    usage: { prompt_tokens: 1200, completion_tokens: 340, total_tokens: 1540 },
  }));
}

/** Gemini API and Vertex AI: `…/models/{model}:generateContent`, the answer as the candidate's JSON text. */
export function startFakeGenerateContent(reply: (request: RecordedRequest) => FakeReply): Promise<FakeCloudModel> {
  return serve("http1", reply, (request, answer, stop) => ({
    candidates: [{ content: { role: "model", parts: [{ text: JSON.stringify(answer) }] }, finishReason: stop ?? "STOP", index: 0 }],
    usageMetadata: { promptTokenCount: 1200, candidatesTokenCount: 300, thoughtsTokenCount: 40, totalTokenCount: 1540 },
    modelVersion: decodeURIComponent(/models\/([^/:]+):generateContent/.exec(request.url)?.[1] ?? "unknown"),
    responseId: "resp-1",
  }));
}

/** Bedrock Runtime's Converse over cleartext HTTP/2: the answer as the forced tool's input. */
export function startFakeBedrock(reply: (request: RecordedRequest) => FakeReply): Promise<FakeCloudModel> {
  return serve("http2", reply, (request, answer, stop) => ({
    output: {
      message: {
        role: "assistant",
        content: [{ toolUse: { toolUseId: "tooluse_1", name: request.body?.toolConfig?.toolChoice?.tool?.name ?? "submit_review", input: answer } }],
      },
    },
    stopReason: stop ?? "tool_use",
    usage: { inputTokens: 1000, outputTokens: 340, totalTokens: 1540, cacheReadInputTokens: 150, cacheWriteInputTokens: 50 },
    metrics: { latencyMs: 12 },
  }));
}

/** An OAuth token endpoint (a credentials file's `token_url`) handing out `token`, or refusing the grant when it is null. */
export function startFakeTokenServer(token: string | null, refusal = "the refresh token was revoked"): Promise<FakeCloudModel> {
  return serve(
    "http1",
    () => (token === null ? { status: 400, body: { error: "invalid_grant", error_description: refusal } } : { answer: null }),
    () => ({ access_token: token, expires_in: 3600, token_type: "Bearer" }),
  );
}

/**
 * Writes a Google credentials file of type external_account_authorized_user (what `gcloud auth
 * login` writes for workforce identity) at `path`, whose token_url is the fake token server.
 */
export async function writeAuthorizedUserCredentials(path: string, tokenServer: FakeCloudModel): Promise<string> {
  await writeFile(
    path,
    JSON.stringify({
      type: "external_account_authorized_user",
      audience: "//iam.googleapis.com/locations/global/workforcePools/review-pool/providers/review-provider",
      client_id: "client-id",
      client_secret: "client-secret",
      refresh_token: "refresh-token",
      token_url: `${tokenServer.url}/v1/oauthtoken`,
    }),
  );
  return path;
}

async function serve(protocol: "http1" | "http2", reply: (request: RecordedRequest) => FakeReply, render: Render): Promise<FakeCloudModel> {
  const requests: RecordedRequest[] = [];
  const handle = (req: IncomingMessage | Http2ServerRequest, res: ServerResponse | Http2ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const text = Buffer.concat(chunks).toString("utf8");
      const request: RecordedRequest = { method: req.method ?? "GET", url: req.url ?? "/", headers: req.headers, body: parseOrRaw(text) };
      requests.push(request);
      const outcome = reply(request);
      const [status, body, headers] = "status" in outcome ? [outcome.status, outcome.body, outcome.headers ?? {}] : [200, render(request, outcome.answer, outcome.stop), {}];
      res.writeHead(status, { "content-type": "application/json", ...headers });
      res.end(JSON.stringify(body));
    });
  };
  const sessions = new Set<Http2Session>();
  const server = protocol === "http2" ? createHttp2Server(handle) : createHttpServer(handle);
  server.on("session", (session: Http2Session) => {
    sessions.add(session);
    session.on("close", () => sessions.delete(session));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    close: () =>
      new Promise((resolve) => {
        // The AWS SDK keeps its HTTP/2 session open for the next request; closing it lets the server stop.
        for (const session of sessions) session.destroy();
        if ("closeAllConnections" in server) server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function parseOrRaw(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}
