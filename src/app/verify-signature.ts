import { createHmac, timingSafeEqual } from "node:crypto";

/**
 * Whether `signature` is GitHub's X-Hub-Signature-256 of the body with `secret`, computed over the
 * body's chunks as they arrived: an unverified body is never copied whole (joined, decoded or
 * re-encoded), so a forged 25 MB body costs its 25 MB and no more. Compared in constant time.
 */
export function verifySignature(secret: string, chunks: readonly Buffer[], signature: string): boolean {
  const hmac = createHmac("sha256", secret);
  for (const chunk of chunks) hmac.update(chunk);
  const expected = Buffer.from(`sha256=${hmac.digest("hex")}`);
  const given = Buffer.from(signature);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
