import type { IncomingMessage, ServerResponse } from "node:http";
import type { Logger } from "../log.js";
import { BODY_BUDGET_BYTES, createBodyBudget } from "./create-body-budget.js";
import type { WebhookDelivery } from "./create-patchwise-app.js";
import { readDeliveryHeaders } from "./read-delivery-headers.js";
import { readLimitedBody, startReadDeadline, type StartDeadline } from "./read-limited-body.js";
import { refuseRequest } from "./refuse-request.js";
import { verifySignature } from "./verify-signature.js";
import { WebhookPayloadError } from "./webhook-payload-error.js";

export const WEBHOOK_PATH = "/api/github/webhooks";

export interface WebhookEndpointOptions {
  secret: string;
  /** The largest body taken (GitHub's 25 MB). */
  maxBytes: number;
  /** Bytes of bodies being read before their signature is checked, across all connections, besides one body up to `maxBytes` (default BODY_BUDGET_BYTES). */
  budgetBytes?: number;
  /** Starts each body's read deadline (default: 10 s on the real clock). */
  startDeadline?: StartDeadline;
  /** Handles a verified delivery (PatchwiseApp.receive); the answer waits for it. A WebhookPayloadError is a 400, any other throw a 500. */
  receive: (delivery: WebhookDelivery) => Promise<void>;
  /** Told each answer's status and how long it took (the metrics' webhook histogram). */
  onAnswered?: (status: number, seconds: number) => void;
  log: Logger;
}

type Handler = (req: IncomingMessage, res: ServerResponse) => Promise<boolean>;

/**
 * `POST /api/github/webhooks`, the App's hot path and open to anyone: refuse from its headers what
 * cannot be a GitHub delivery, read the body within GitHub's size limit, a budget shared by all
 * connections and a deadline, check its X-Hub-Signature-256, parse it and hand it to the App,
 * which only enqueues. No per-delivery GitHub client, context or request log is built, so a burst
 * of deliveries is answered about as fast as a bare HTTP server answers. A delivery the App could
 * not take (a shared queue that does not answer) gets a 500, so GitHub shows it as failed and it
 * can be redelivered. Every answer but a 200 closes the connection.
 */
export function createWebhookEndpoint(options: WebhookEndpointOptions): Handler {
  const { log } = options;
  const limit = { maxBytes: options.maxBytes, budget: createBodyBudget(options.budgetBytes ?? BODY_BUDGET_BYTES), startDeadline: options.startDeadline ?? startReadDeadline, log };
  return async (req, res) => {
    if ((req.url ?? "").split("?")[0] !== WEBHOOK_PATH) return false;
    const started = performance.now();
    if (options.onAnswered) res.once("finish", () => options.onAnswered!(res.statusCode, (performance.now() - started) / 1000));
    const headers = readDeliveryHeaders(req, WEBHOOK_PATH);
    if (!headers.ok) return refuseRequest(res, headers.status, headers.error);
    const { id, name, signature } = headers;
    const chunks = await readLimitedBody(req, res, limit);
    if (chunks === null) return true;
    if (!verifySignature(options.secret, chunks, signature)) {
      log.warn({ deliveryId: id, event: name }, "webhook signature does not match: refused (is WEBHOOK_SECRET the App's webhook secret?)");
      return refuseRequest(res, 400, "signature does not match event payload and secret");
    }
    log.debug({ deliveryId: id, event: name }, "webhook received");
    let payload: unknown;
    try {
      payload = JSON.parse(new TextDecoder().decode(Buffer.concat(chunks)));
    } catch {
      log.warn({ deliveryId: id, event: name }, "webhook body is not JSON: refused");
      return refuseRequest(res, 400, "body is not JSON");
    }
    try {
      await options.receive({ id, name, payload });
    } catch (error) {
      if (error instanceof WebhookPayloadError) {
        log.warn({ deliveryId: id, event: name, error: error.message }, "webhook payload refused (400): a field the App reads is missing or has the wrong type");
        return refuseRequest(res, 400, error.message);
      }
      log.error({ deliveryId: id, event: name, errorType: (error as Error)?.name }, "webhook not handled (500): GitHub shows the delivery as failed, and it can be redelivered");
      return refuseRequest(res, 500, "the delivery could not be handled; redeliver it later");
    }
    res.writeHead(200, { "content-type": "text/plain" }).end("ok\n");
    return true;
  };
}
