import type { IncomingMessage } from "node:http";

/** What GitHub sends with every delivery, or why a request cannot be one. */
export type DeliveryHeaders = { ok: true; id: string; name: string; signature: string } | { ok: false; status: 400 | 404 | 415; error: string };

// GitHub's X-Hub-Signature-256: the hex HMAC-SHA256 of the body, lowercase.
const SIGNATURE = /^sha256=[0-9a-f]{64}$/u;

/**
 * Checks, from the request line and headers alone, that a request can be a GitHub delivery: a
 * POST of JSON with its event, delivery id and a well-formed signature. Anything else is refused
 * before a byte of its body is read.
 */
export function readDeliveryHeaders(req: IncomingMessage, path: string): DeliveryHeaders {
  if (req.method !== "POST") return { ok: false, status: 404, error: `Unknown route: ${req.method} ${path}` };
  if (!/^\s*application\/json\s*(;|$)/u.test(req.headers["content-type"] ?? "")) return { ok: false, status: 415, error: 'Unsupported "Content-Type" header value. Must be "application/json"' };
  const id = header(req, "x-github-delivery");
  const name = header(req, "x-github-event");
  const signature = header(req, "x-hub-signature-256");
  if (!id || !name || !signature) return { ok: false, status: 400, error: "Required headers missing: x-github-event, x-hub-signature-256, x-github-delivery" };
  if (!SIGNATURE.test(signature)) return { ok: false, status: 400, error: 'x-hub-signature-256 is not "sha256=" followed by 64 hexadecimal digits' };
  return { ok: true, id, name, signature };
}

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return typeof value === "string" && value !== "" ? value : undefined;
}
