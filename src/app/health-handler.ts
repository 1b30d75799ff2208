import type { IncomingMessage, ServerResponse } from "node:http";

/** `GET /healthz`: 200 once the app has loaded (the handler is registered only then). */
export function healthHandler(req: IncomingMessage, res: ServerResponse): boolean {
  const path = (req.url ?? "").split("?")[0];
  if (req.method !== "GET" || path !== "/healthz") return false;
  res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ status: "ok" }));
  return true;
}
