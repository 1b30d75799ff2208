import type { IncomingMessage, ServerResponse } from "node:http";
import { verify } from "@octokit/webhooks-methods";
import type { Logger } from "../log.js";
import type { WebhookDelivery } from "./create-patchwise-app.js";
import { readLimitedBody } from "./read-limited-body.js";

export const WEBHOOK_PATH = "/api/github/webhooks";

export interface WebhookEndpointOptions {
  secret: string;
  maxBytes: number;
  /** Handles a verified delivery (PatchwiseApp.receive); the answer waits for it, and a throw is a 500. */
  receive: (delivery: WebhookDelivery) => Promise<void>;
  /** Told each answer's status and how long it took (the metrics' webhook histogram). */
  onAnswered?: (status: number, seconds: number) => void;
  log: Logger;
}

type Handler = (req: IncomingMessage, res: ServerResponse) => Promise<boolean>;

/**
 * `POST /api/github/webhooks`, the App's hot path: read the body within GitHub's size limit,
 * check its X-Hub-Signature-256, parse it and hand it to the App, which only enqueues. No
 * per-delivery GitHub client, context or request log is built, so a burst of deliveries is
 * answered about as fast as a bare HTTP server answers. A delivery the App could not take (a
 * shared queue that does not answer) gets a 500, so GitHub shows it as failed and it can be redelivered.
 */
export function createWebhookEndpoint(options: WebhookEndpointOptions): Handler {
  const { log } = options;
  return async (req, res) => {
    if ((req.url ?? "").split("?")[0] !== WEBHOOK_PATH) return false;
    const started = performance.now();
    if (options.onAnswered) res.once("finish", () => options.onAnswered!(res.statusCode, (performance.now() - started) / 1000));
    if (req.method !== "POST") return answer(res, 404, { error: `Unknown route: ${req.method} ${WEBHOOK_PATH}` });
    if (!/^\s*application\/json\s*(;|$)/u.test(req.headers["content-type"] ?? "")) return answer(res, 415, { error: 'Unsupported "Content-Type" header value. Must be "application/json"' });
    const id = header(req, "x-github-delivery");
    const name = header(req, "x-github-event");
    const signature = header(req, "x-hub-signature-256");
    if (!id || !name || !signature) return answer(res, 400, { error: "Required headers missing: x-github-event, x-hub-signature-256, x-github-delivery" });
    const body = await readLimitedBody(req, res, { maxBytes: options.maxBytes, log });
    if (body === null) return true;
    if (!(await verify(options.secret, body, signature).catch(() => false))) {
      log.warn({ deliveryId: id, event: name }, "webhook signature does not match: refused (is WEBHOOK_SECRET the App's webhook secret?)");
      return answer(res, 400, { error: "signature does not match event payload and secret" });
    }
    log.debug({ deliveryId: id, event: name }, "webhook received");
    let payload: unknown;
    try {
      payload = JSON.parse(body);
    } catch {
      log.warn({ deliveryId: id, event: name }, "webhook body is not JSON: refused");
      return answer(res, 400, { error: "body is not JSON" });
    }
    try {
      await options.receive({ id, name, payload });
    } catch (error) {
      log.error({ deliveryId: id, event: name, errorType: (error as Error)?.name }, "webhook not handled (500): GitHub shows the delivery as failed, and it can be redelivered");
      return answer(res, 500, { error: "the delivery could not be handled; redeliver it later" });
    }
    res.writeHead(200, { "content-type": "text/plain" }).end("ok\n");
    return true;
  };
}

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return typeof value === "string" && value !== "" ? value : undefined;
}

function answer(res: ServerResponse, status: number, body: object): true {
  res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));
  return true;
}
