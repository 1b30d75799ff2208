import { afterEach, describe, expect, it } from "@jest/globals";
import { createServer, request, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { readLimitedBody } from "../../src/app/read-limited-body.js";
import { createRecordingLogger } from "../helpers/silent-logger.js";
import { chunkFrame, rawPost } from "./raw-http-post.js";

// The guard on a bare node server with a small limit: the answer must come while the client is
// still sending, which shows the body was never waited for, let alone buffered whole.

const LIMIT = 1_000;
const ANSWER = `{"error":"Request body larger than ${LIMIT} bytes"}`;
let server: Server | undefined;

afterEach(async () => {
  server?.closeAllConnections();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = undefined;
});

async function guardedServer() {
  const seen: Array<{ url: string; body: unknown }> = [];
  const log = createRecordingLogger();
  server = createServer(async (req: IncomingMessage, res) => {
    const body = await readLimitedBody(req, res, { maxBytes: LIMIT, log });
    if (body === null) return;
    seen.push({ url: req.url ?? "", body });
    res.writeHead(200).end("handled");
  });
  await new Promise<void>((resolve) => server!.listen(0, "127.0.0.1", resolve));
  return { port: (server.address() as AddressInfo).port, seen, log };
}

describe("readLimitedBody", () => {
  it("answers 413 to a declared Content-Length over the limit before any body arrives", async () => {
    const { port, seen, log } = await guardedServer();

    const answer = await rawPost({ port, path: "/api/github/webhooks", headers: { "content-type": "application/json", "content-length": "5000000000", "x-github-delivery": "d-1" }, body: "" });

    expect(answer.status).toBe(413);
    expect(seen).toEqual([]);
    expect(log.lines).toEqual([
      { level: "warn", obj: { deliveryId: "d-1", contentLength: "5000000000", maxBytes: LIMIT }, msg: "request body over the webhook size limit refused (413)" },
    ]);
    answer.socket.destroy();
  });

  it("answers 413 to a chunked body as soon as the count passes the limit, while the client is still sending", async () => {
    const { port, seen } = await guardedServer();

    const answer = await rawPost({ port, path: "/api/github/webhooks", headers: {}, body: "a".repeat(1_200), chunked: true, keepOpen: true });

    expect(answer.status).toBe(413);
    expect(seen).toEqual([]);
    answer.socket.destroy();
  });

  it("lets a refused client finish its upload and read the whole answer, then closes", async () => {
    const { port } = await guardedServer();
    const answer = await rawPost({ port, path: "/", headers: {}, body: "a".repeat(1_200), chunked: true, keepOpen: true });
    let open = true;
    void answer.closed.then(() => (open = false));

    answer.socket.write(chunkFrame("b".repeat(500)));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(open).toBe(true);
    answer.socket.write("0\r\n\r\n");
    await answer.closed;

    expect(answer.received()).toMatch(/^HTTP\/1\.1 413 /);
    expect(answer.received()).toContain("connection: close");
    expect(answer.received().endsWith(ANSWER)).toBe(true);
  });

  it("cuts off a refused client that keeps sending past another limit's worth", async () => {
    const { port, seen } = await guardedServer();
    const answer = await rawPost({ port, path: "/", headers: {}, body: "a".repeat(1_200), chunked: true, keepOpen: true });
    let sent = 0;
    let open = true;
    void answer.closed.then(() => (open = false));

    while (open && sent < 10 * LIMIT) {
      answer.socket.write(chunkFrame("c".repeat(100)));
      sent += 100;
      await new Promise((resolve) => setTimeout(resolve, 2));
    }

    expect(open).toBe(false);
    expect(sent).toBeGreaterThan(LIMIT);
    expect(sent).toBeLessThan(3 * LIMIT);
    expect(seen).toEqual([]);
  });

  it("hands a body within the limit over as text, and an empty body as an empty text", async () => {
    const { port, seen } = await guardedServer();
    const body = JSON.stringify({ zeta: "é".repeat(100) });

    const status = await new Promise<number>((resolve) => {
      const req = request({ host: "127.0.0.1", port, method: "POST", path: "/api/github/webhooks", headers: { "content-type": "application/json" } }, (res) => resolve(res.statusCode ?? 0));
      req.end(body);
    });
    const health = await fetch(`http://127.0.0.1:${port}/healthz`);

    expect([status, health.status]).toEqual([200, 200]);
    expect(seen).toEqual([
      { url: "/api/github/webhooks", body },
      { url: "/healthz", body: "" },
    ]);
  });
});
