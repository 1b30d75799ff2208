import type { IncomingMessage, ServerResponse } from "node:http";
import type { Logger } from "../log.js";

/** GitHub caps a webhook payload at 25 MB and does not deliver larger ones; anything bigger is not GitHub. */
export const GITHUB_MAX_WEBHOOK_BYTES = 25 * 1024 * 1024;

export interface BodyLimit {
  maxBytes: number;
  log: Logger;
}

/**
 * Reads a request body of at most `maxBytes`, as text. A declared Content-Length over the limit
 * is answered 413 before a byte is read; any other body is counted as it arrives (so a chunked
 * body is answered 413 the moment it passes the limit). Resolves with null once it answered 413
 * (or the client went away): nothing of a refused body is kept.
 */
export function readLimitedBody(req: IncomingMessage, res: ServerResponse, limit: BodyLimit): Promise<string | null> {
  if (Number(req.headers["content-length"]) > limit.maxBytes) {
    refuse(req, res, limit);
    return Promise.resolve(null);
  }
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit.maxBytes) return void chunks.push(chunk);
      req.off("data", onData).off("end", onEnd);
      chunks.length = 0;
      refuse(req, res, limit);
      resolve(null);
    };
    const onEnd = () => resolve(new TextDecoder().decode(Buffer.concat(chunks)));
    // The client went away mid-body: there is no one left to answer.
    req.on("data", onData).on("end", onEnd).on("error", () => {
      res.destroy();
      resolve(null);
    });
  });
}

/**
 * Sends the 413 at once, then reads and drops what the client still sends and ends the answer
 * when it is done: closing first would fail its upload with EPIPE before it read the answer.
 * A client that keeps sending past another `maxBytes` is cut off.
 */
function refuse(req: IncomingMessage, res: ServerResponse, { maxBytes, log }: BodyLimit): void {
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
