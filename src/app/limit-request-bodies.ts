import type { IncomingMessage, Server as HttpServer, ServerResponse } from "node:http";
import type { Logger } from "../log.js";

/** GitHub caps a webhook payload at 25 MB and does not deliver larger ones; anything bigger is not GitHub. */
export const GITHUB_MAX_WEBHOOK_BYTES = 25 * 1024 * 1024;

type RequestListener = (req: IncomingMessage, res: ServerResponse) => void;

interface LimitOptions {
  maxBytes: number;
  log: Logger;
}

/**
 * Puts a body limit in front of every request listener of `httpServer` (Probot's, which would
 * otherwise buffer a webhook body of any size). A declared Content-Length over `maxBytes` is
 * answered 413 before a byte is read; any other body is read here with a running count (so a
 * chunked body is answered 413 the moment it passes the limit) and handed on as text, which
 * Probot's webhook middleware then uses instead of reading the stream. A refused request
 * reaches no handler, and nothing of its body is kept.
 */
export function limitRequestBodies(httpServer: HttpServer, options: LimitOptions): void {
  const listeners = httpServer.listeners("request") as RequestListener[];
  httpServer.removeAllListeners("request");
  const forward: RequestListener = (req, res) => {
    for (const listener of listeners) listener.call(httpServer, req, res);
  };
  httpServer.on("request", (req: IncomingMessage & { body?: string }, res: ServerResponse) => {
    if (!hasBody(req)) return forward(req, res);
    if (Number(req.headers["content-length"]) > options.maxBytes) return refuse(req, res, options);
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= options.maxBytes) return void chunks.push(chunk);
      req.off("data", onData).off("end", onEnd);
      chunks.length = 0;
      refuse(req, res, options);
    };
    const onEnd = () => {
      req.body = new TextDecoder().decode(Buffer.concat(chunks));
      forward(req, res);
    };
    // The client went away mid-body: there is no one left to answer.
    req.on("data", onData).on("end", onEnd).on("error", () => res.destroy());
  });
}

function hasBody(req: IncomingMessage): boolean {
  return req.headers["transfer-encoding"] !== undefined || Number(req.headers["content-length"] ?? 0) > 0;
}

/**
 * Sends the 413 at once, then reads and drops what the client still sends and ends the answer
 * when it is done: closing first would fail its upload with EPIPE before it read the answer.
 * A client that keeps sending past another `maxBytes` is cut off.
 */
function refuse(req: IncomingMessage, res: ServerResponse, { maxBytes, log }: LimitOptions): void {
  log.warn({ deliveryId: req.headers["x-github-delivery"], contentLength: req.headers["content-length"], maxBytes }, "request body over the webhook size limit refused (413)");
  const answer = JSON.stringify({ error: `Request body larger than ${maxBytes} bytes` });
  res.writeHead(413, { "content-type": "application/json", "content-length": Buffer.byteLength(answer), connection: "close" }).write(answer);
  let discarded = 0;
  req.on("data", (chunk: Buffer) => {
    discarded += chunk.length;
    if (discarded > maxBytes) req.socket.destroy();
  });
  req.on("end", () => res.end());
  req.resume();
}
