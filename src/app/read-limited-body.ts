import type { IncomingMessage, ServerResponse } from "node:http";
import type { Logger } from "../log.js";
import type { BodyBudget } from "./create-body-budget.js";
import { refuseRequest } from "./refuse-request.js";

/** GitHub caps a webhook payload at 25 MB and does not deliver larger ones; anything bigger is not GitHub. */
export const GITHUB_MAX_WEBHOOK_BYTES = 25 * 1024 * 1024;

/** GitHub gives up on a delivery after 10 s: a body still arriving then can no longer be answered in time. */
const BODY_READ_DEADLINE_MS = 10_000;

/** Starts a body's read deadline, calling `expired` once it passes; returns what cancels it. */
export type StartDeadline = (expired: () => void) => () => void;

/** The read deadline on the real clock. */
export const startReadDeadline: StartDeadline = (expired) => {
  const timer = setTimeout(expired, BODY_READ_DEADLINE_MS);
  return () => clearTimeout(timer);
};

export interface BodyLimit {
  maxBytes: number;
  /** Shared by every connection: the bytes of bodies being read at once. */
  budget: BodyBudget;
  startDeadline: StartDeadline;
  log: Logger;
}

// Every body being read now has ended by then, one way or another.
const RETRY_AFTER_SECONDS = String(BODY_READ_DEADLINE_MS / 1000);

/**
 * Reads a request body of at most `maxBytes` within the shared budget and the read deadline, as
 * the chunks it arrived in (joined only once its signature is checked). Refused with the
 * connection closed, before a byte is read when the declared Content-Length says so: over
 * `maxBytes` 413; no room in the budget 503 with Retry-After; a chunked body is counted as it
 * arrives and refused the moment it passes either. A body not complete by the deadline is
 * answered 408. Resolves with null once it refused (or the client went away); whatever happens,
 * the body's share of the budget is given back.
 */
export function readLimitedBody(req: IncomingMessage, res: ServerResponse, limit: BodyLimit): Promise<Buffer[] | null> {
  const { maxBytes, log } = limit;
  const ids = { deliveryId: req.headers["x-github-delivery"], contentLength: req.headers["content-length"] };
  const refuseTooLarge = () => {
    log.warn({ ...ids, maxBytes }, "request body over the webhook size limit refused (413)");
    refuseRequest(res, 413, `Request body larger than ${maxBytes} bytes`);
  };
  const refuseNoRoom = () => {
    // Counted in the metrics by status: a line each would let a flood fill the log.
    log.debug(ids, "request body refused (503): the budget of webhook bodies being read is spent");
    refuseRequest(res, 503, "too many webhook bodies are being read at once; retry later", { "retry-after": RETRY_AFTER_SECONDS });
  };
  const declared = Number(req.headers["content-length"] ?? 0);
  if (declared > maxBytes) {
    refuseTooLarge();
    return Promise.resolve(null);
  }
  const allowance = limit.budget.admit(declared);
  if (!allowance) {
    refuseNoRoom();
    return Promise.resolve(null);
  }
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const settle = (body: Buffer[] | null) => {
      cancelDeadline();
      allowance.release();
      req.off("data", onData).off("end", onEnd).off("error", onGone).off("close", onGone);
      resolve(body);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) refuseTooLarge();
      else if (!allowance.take(chunk.length)) refuseNoRoom();
      else return void chunks.push(chunk);
      settle(null);
    };
    const onEnd = () => settle(chunks);
    // The client went away mid-body: there is no one left to answer.
    const onGone = () => {
      res.destroy();
      settle(null);
    };
    const cancelDeadline = limit.startDeadline(() => {
      log.warn({ ...ids, received: size }, `request body not received within ${BODY_READ_DEADLINE_MS / 1000} s: refused (408)`);
      refuseRequest(res, 408, "request body not received in time");
      settle(null);
    });
    req.on("data", onData).on("end", onEnd).on("error", onGone).on("close", onGone);
  });
}
