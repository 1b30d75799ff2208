import type { IncomingMessage, ServerResponse } from "node:http";
import type { Registry } from "prom-client";

type Handler = (req: IncomingMessage, res: ServerResponse) => boolean | Promise<boolean>;

/** `GET /healthz`: 200 once the app has loaded (the handler is registered only then). */
export function healthHandler(req: IncomingMessage, res: ServerResponse): boolean {
  const path = (req.url ?? "").split("?")[0];
  if (req.method !== "GET" || path !== "/healthz") return false;
  res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ status: "ok" }));
  return true;
}

/** `GET /readyz`: 200 while the queue backend is reachable (always, for the in-process queue), else 503. */
export function readinessHandler(isReady: () => boolean | Promise<boolean>): Handler {
  return async (req, res) => {
    if (req.method !== "GET" || (req.url ?? "").split("?")[0] !== "/readyz") return false;
    const ready = await Promise.resolve(isReady()).catch(() => false);
    res.writeHead(ready ? 200 : 503, { "content-type": "application/json" }).end(JSON.stringify({ status: ready ? "ready" : "unavailable" }));
    return true;
  };
}

/** `GET /metrics` in the Prometheus text format. */
export function metricsHandler(registry: Registry): Handler {
  return async (req, res) => {
    if (req.method !== "GET" || (req.url ?? "").split("?")[0] !== "/metrics") return false;
    const body = await registry.metrics();
    res.writeHead(200, { "content-type": registry.contentType }).end(body);
    return true;
  };
}
