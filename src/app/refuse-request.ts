import type { ServerResponse } from "node:http";

/**
 * Answers `status` with `{ error }` and closes the connection at once, whatever of the body is
 * still unread: Node then neither waits for nor reads the rest, and a refused client gets no
 * further request on this connection (GitHub opens one per delivery anyway).
 */
export function refuseRequest(res: ServerResponse, status: number, error: string, headers: Record<string, string> = {}): true {
  const body = JSON.stringify({ error });
  res.writeHead(status, { ...headers, "content-type": "application/json", "content-length": Buffer.byteLength(body), connection: "close" }).end(body);
  return true;
}
