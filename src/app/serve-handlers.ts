import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { Logger } from "../log.js";

// Probot's addHandler type: a handler that returns nothing did not take the request.
export type RequestHandler = (req: IncomingMessage, res: ServerResponse) => boolean | void | Promise<boolean | void>;

export interface ServingHandlers {
  port: number;
  /** Stops accepting connections and resolves once the open ones are done. */
  close(): Promise<void>;
}

/**
 * The HTTP server of `npm start` and `npm run worker`: each request goes to the first handler
 * that takes it (the webhook endpoint, /healthz, /readyz, /metrics), else 404.
 */
export async function serveHandlers(handlers: readonly RequestHandler[], where: { host: string; port: number }, log: Logger): Promise<ServingHandlers> {
  const server = createServer(async (req, res) => {
    try {
      for (const handler of handlers) if (await handler(req, res)) return;
      res.writeHead(404, { "content-type": "application/json" }).end(JSON.stringify({ error: "not found" }));
    } catch (error) {
      log.error({ path: (req.url ?? "").split("?")[0], errorType: (error as Error)?.name }, "request failed");
      if (!res.headersSent) res.writeHead(500).end();
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(where.port, where.host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  return {
    port,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        // Keep-alive connections with no request in flight would hold close() open.
        server.closeIdleConnections();
      }),
  };
}
